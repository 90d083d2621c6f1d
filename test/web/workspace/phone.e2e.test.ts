import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// The workspace on a phone (390×844), in Chromium against the real server: a compact header with a menu button,
// lists as cards, a record's status and actions at the top, the board one stage at a time, and nothing wider than
// the screen.
let suite: BrowserSuite;
let page: Page;
let url = '';
let caseId = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-phone');
  url = suite.server.url;
  const context = await suite.browser.newContext({
    locale: 'en-US',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  page = await suite.openPage(context);
  await signUpCompany(page.request, url, { tenantName: 'Harbor Phone' });
  await createRecord(page.request, url, 'opportunity', { name: 'Crane rental for the north pier', amount: 12500, closeDate: '2099-03-31' });
  const moved = await createRecord(page.request, url, 'opportunity', { name: 'Dock lights', amount: 900 });
  await page.request.post(`${url}/api/records/opportunity/${moved.id}/stage`, { data: { stage: 'proposal' }, headers: { 'if-match': moved.etag } });
  caseId = (await createRecord(page.request, url, 'case', { subject: 'Printer jams every morning', priority: 'high' })).id;
}, 120_000);
afterAll(() => suite?.stop());

/** Whether anything on the page is wider than the screen (a sideways scroll). */
const overflows = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
const headerHeight = (p: Page) => p.locator('.shell-header').evaluate((h) => h.getBoundingClientRect().height);

describe('on a phone', () => {
  it('folds the navigation behind a menu button, and lists records as cards', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/opportunity`);
    await page.getByRole('heading', { name: 'Opportunities' }).waitFor();
    expect(await headerHeight(page)).toBeLessThan(64);
    expect(await page.getByRole('link', { name: 'Leads', exact: true }).isVisible()).toBe(false);
    const card = page.getByRole('row').filter({ hasText: 'Crane rental for the north pier' });
    await card.getByText('Prospecting').waitFor();
    expect(await card.getByText('Olive Owner').isVisible()).toBe(false);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'phone-list');

    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'phone-menu');
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await overflows(page)).toBe(false);
  });

  it('puts a record’s status and workflow steps above its form', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/case/${caseId}`);
    await page.getByRole('heading', { name: 'Printer jams every morning' }).waitFor();
    const actions = await page.locator('.record-actions').boundingBox();
    const form = await page.locator('.record-layout > section').boundingBox();
    expect(actions!.y).toBeLessThan(form!.y);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'phone-record');
  });

  it('shows the board one stage at a time, with a stage switcher', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/opportunity/board`);
    const stage = page.getByLabel('Stage shown');
    await stage.waitFor();
    await page.locator('.board-card', { hasText: 'Crane rental' }).waitFor();
    expect(await page.locator('.board-column').filter({ visible: true }).count()).toBe(1);
    expect(await page.locator('.board-card', { hasText: 'Dock lights' }).isVisible()).toBe(false);
    await stage.selectOption({ label: 'Proposal (1)' });
    await page.locator('.board-card', { hasText: 'Dock lights' }).waitFor();
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'phone-board');
  });

  it('keeps the tasks page and the recycle bin within the screen', { timeout: 120_000 }, async () => {
    for (const [path, heading] of [
      ['/tasks', 'My tasks'],
      ['/recycle-bin', 'Recycle bin'],
    ]) {
      await page.goto(`${url}${path}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await overflows(page)).toBe(false);
    }
    await screenshot(page, 'phone-recycle-bin');
    expect(suite.problems.flat()).toEqual([]);
  });
});

describe('on a desktop', () => {
  it('keeps the person’s controls on the brand’s row and the navigation on a row of its own, in German too', { timeout: 120_000 }, async () => {
    const context = await suite.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
    const desk = await suite.openPage(context);
    await signUpCompany(desk.request, url, { tenantName: 'Harbor Schreibtisch GmbH' });
    await desk.request.patch(`${url}/api/me`, { data: { locale: 'de' } });
    await desk.goto(`${url}/records/lead`);
    await desk.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    const top = (locator: ReturnType<Page['locator']>) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().top));
    const brand = await top(desk.locator('.shell-header .brand'));
    expect(Math.abs((await top(desk.getByRole('button', { name: 'Abmelden' }))) - brand)).toBeLessThan(12);
    const nav = await top(desk.getByRole('link', { name: 'Benachrichtigungen', exact: true }));
    expect(nav).toBeGreaterThan(brand + 20);
    expect(await top(desk.getByRole('link', { name: 'Leads', exact: true }))).toBe(nav);
    expect(await overflows(desk)).toBe(false);
    await screenshot(desk, 'desktop-header-de');
    await context.close();
  });
});
