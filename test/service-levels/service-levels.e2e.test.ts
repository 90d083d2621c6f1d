/**
 * Service levels in Chromium against the real server (needs `npx vite build` first), in English and German: the
 * owner sets business hours in company settings and a target in the studio's service level editor, reviews and
 * publishes; a case shows its clocks on its page; the list's filter and column show it at risk, then breaching, and
 * the compliance report counts it. Time: the server runs on the real clock, so the test moves the case's stored clock
 * back (as if minutes had passed) and waits for the server's worker to act on the mark that came due.
 */
import { createClient } from '@libsql/client';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

let suite: BrowserSuite;
let url = '';
let page: Page;
let caseId = '';
let db: ReturnType<typeof createClient>;
const MINUTE = 60_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A/AA rules the page breaks (axe-core), one line each with the elements concerned. */
async function violations(): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations),
  )) as { id: string; help: string; nodes: { target: string[] }[] }[];
  return found.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-sla', { TIMER_INTERVAL_MS: '200' });
  url = suite.server.url;
  db = createClient({ url: suite.databaseUrl, timeout: 5000 });
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Support' });
}, 60_000);
afterAll(async () => {
  db?.close();
  await suite?.stop();
});

/** As if `minutes` more had passed on the case's first response clock: its next mark is due at once. */
const age = (minutes: number) =>
  db.execute({
    sql: "UPDATE sla_clocks SET running_since = running_since - ?, due_at = ? WHERE record_id = ? AND clock = 'firstResponse'",
    args: [minutes * MINUTE, Date.now() - 1, caseId],
  });
const statusIs = async (status: string) =>
  expect
    .poll(async () => (await db.execute({ sql: 'SELECT status FROM sla_records WHERE record_id = ?', args: [caseId] })).rows[0]?.status, { timeout: 20_000 })
    .toBe(status);
const overflows = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
/** Filters the case list by service level, as a person would in the filter row. */
async function filterBy(field: string, value: string, apply: string) {
  await page.locator('#filter-field-0').selectOption({ label: field });
  await page.locator('#filter-value-0').selectOption({ label: value });
  await page.getByRole('button', { name: apply }).click();
}

describe('service levels', () => {
  it('are set up by the owner: business hours in company settings, a target in the studio, reviewed and published', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/settings`);
    const hours = page.getByRole('form', { name: 'Business hours' });
    await hours.getByText('Service level targets count only this time, in the company’s timezone (UTC).').waitFor();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await hours.getByLabel(`${day} is a working day`).check();
      await hours.getByLabel(`${day} from`).fill('00:00');
      await hours.getByLabel(`${day} until`).fill('00:00');
    }
    await hours.getByRole('button', { name: 'Add a holiday' }).click();
    await hours.getByLabel('Holiday 1').fill('2026-12-25');
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await hours.getByText('Business hours saved.').waitFor();
    const saved = (await (await page.request.get(`${url}/api/tenant`)).json()) as { settings: { businessHours: any } };
    expect(saved.settings.businessHours.days.sun).toEqual({ start: '00:00', end: '24:00' });
    expect(saved.settings.businessHours.holidays).toEqual(['2026-12-25']);
    await hours.screenshot({ path: 'test-results/screenshots/sla-business-hours.png' });

    await page.goto(`${url}/studio/service-levels`);
    await page.getByRole('heading', { name: 'Service levels', level: 1 }).waitFor();
    expect(await page.getByLabel('Record type').inputValue()).toBe('case');
    const targets = page.getByTestId('sla-targets');
    expect(await targets.getByLabel('First response for High', { exact: true }).inputValue()).toBe('1');
    await targets.getByLabel('First response for High', { exact: true }).fill('10');
    await targets.getByLabel('Unit of First response for High').selectOption({ label: 'minutes' });
    await targets.getByLabel('Resolution for High', { exact: true }).fill('30');
    await targets.getByLabel('Unit of Resolution for High').selectOption({ label: 'minutes' });
    // Urgent stays the shortest: a breach raises a case's priority, and with it its targets.
    await targets.getByLabel('First response for Urgent', { exact: true }).fill('5');
    expect(await page.getByRole('group', { name: 'Clocks stand still in' }).getByLabel('Waiting on customer').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'At 100 % of a target' }).getByRole('combobox', { name: 'Action 3' }).inputValue()).toBe('raisePriority');
    await screenshot(page, 'sla-studio-editor');

    await page.getByRole('button', { name: 'Review and publish' }).click();
    const review = page.getByRole('dialog', { name: 'Review and publish' });
    const changes = review.getByTestId('sla-changes');
    await changes.getByText('High priority First response: 1 hr → 10 min, for cases opened from now on').waitFor();
    await changes.getByText('High priority Resolution: 8 hr → 30 min, for cases opened from now on').waitFor();
    await changes.getByText('Urgent priority First response: 30 min → 5 min, for cases opened from now on').waitFor();
    await changes.getByText('Cases already open keep the targets they were opened with.').waitFor();
    await review.screenshot({ path: 'test-results/screenshots/sla-studio-review.png' });
    await review.getByRole('button', { name: /^Publish version/ }).click();
    await review.getByText(/^Published as version \d+\./).waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('show on the case page, and in the list’s filter and column as the case falls behind', { timeout: 120_000 }, async () => {
    caseId = (await createRecord(page.request, url, 'case', { subject: 'Ferry ticket machine down', priority: 'high' })).id;
    await page.goto(`${url}/records/case/${caseId}`);
    const panel = page.getByTestId('sla-panel');
    const first = panel.locator('[data-clock="firstResponse"]');
    await first.getByText('On track').waitFor();
    await first.getByText(/^10 min left · due /).waitFor();
    await panel.locator('[data-clock="resolution"]').getByText('Target 30 min').waitFor();
    await screenshot(page, 'sla-case-page');

    await age(9);
    await statusIs('at_risk');
    await page.goto(`${url}/records/case`);
    await filterBy('Service level', 'At risk', 'Apply filter');
    const row = page.locator('tr', { hasText: 'Ferry ticket machine down' });
    await row.getByTestId('sla-status').getByText('At risk').waitFor();
    await page.getByTestId('list-count').getByText('1 case').waitFor();
    await screenshot(page, 'sla-list-at-risk');

    await age(3);
    await statusIs('breaching');
    await filterBy('Service level', 'Breaching', 'Apply filter');
    await row.getByTestId('sla-status').getByText('Breaching').waitFor();
    // The breach raised the priority one step.
    await row.getByText('Urgent').waitFor();
    await page.goto(`${url}/records/case/${caseId}`);
    await first.getByText('Breaching').waitFor();
    await first.getByText(/^Breached (\d+ minutes? ago|now)$/).waitFor();
    // The timeline says why the priority went up.
    await page.getByText('First response missed its target, so the service level changed it').waitFor();
    await page.goto(`${url}/notifications`);
    await page.getByText('First response missed its target').waitFor();
    await page.getByText('First response is at risk: 80 % of its target used').waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('read in German, and the compliance report counts the case, at phone width too', { timeout: 120_000 }, async () => {
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.goto(`${url}/records/case/${caseId}`);
    const panel = page.getByTestId('sla-panel');
    await panel.getByRole('heading', { name: 'Servicelevel' }).waitFor();
    const first = panel.locator('[data-clock="firstResponse"]');
    await first.getByText('Erste Antwort').waitFor();
    await first.getByText(/^Überschritten vor \d+ Minuten?$|^Überschritten jetzt$/).waitFor();
    await page.getByText('Erste Antwort hat das Ziel verfehlt, daher hat der Servicelevel es geändert').waitFor();
    await screenshot(page, 'sla-case-page-de');
    await page.goto(`${url}/records/case`);
    await filterBy('Servicelevel', 'Überschritten', 'Filter anwenden');
    await page.locator('tr', { hasText: 'Ferry ticket machine down' }).getByText('Überschritten').waitFor();
    await screenshot(page, 'sla-list-de');

    // Answered and resolved: the first response late, the resolution in time.
    for (const type of ['START', 'RESOLVE']) {
      expect((await page.request.post(`${url}/api/records/case/${caseId}/events`, { data: { type } })).status()).toBe(200);
    }
    await page.goto(`${url}/reports`);
    await page.getByRole('navigation', { name: 'Berichte' }).getByRole('link', { name: 'Servicelevel' }).click();
    await page.getByRole('heading', { name: 'Einhaltung der Servicelevel', level: 1 }).waitFor();
    const months = page.getByTestId('month-table');
    await months.locator('tbody tr').first().getByText('0 % (0 von 1)').waitFor();
    await months.locator('tbody tr').first().getByText('100 % (1 von 1)').waitFor();
    await page.getByTestId('team-table').getByText('Ohne Team').waitFor();
    await screenshot(page, 'sla-report-de');

    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/reports/service-levels', `/records/case/${caseId}`, '/records/case', '/studio/service-levels/case', '/studio/settings']) {
      await page.goto(`${url}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await overflows(), path).toBe(false);
    }
    await page.goto(`${url}/records/case/${caseId}`);
    await page.getByTestId('sla-panel').waitFor();
    await screenshot(page, 'sla-case-page-phone');
    await page.goto(`${url}/studio/service-levels/case`);
    await page.getByTestId('sla-targets').waitFor();
    await screenshot(page, 'sla-studio-editor-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(suite.problems.flat()).toEqual([]);
  });

  it('pass axe’s WCAG 2.1 AA checks on every page they show on', { timeout: 120_000 }, async () => {
    for (const path of [`/records/case/${caseId}`, '/records/case', '/reports/service-levels', '/studio/service-levels/case', '/studio/settings']) {
      await page.goto(`${url}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violations(), path).toEqual([]);
    }
  });
});
