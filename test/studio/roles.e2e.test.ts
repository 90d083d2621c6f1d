import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

// The role editor in Chromium against the real server: widen a role, read the what-if in words, publish, and the
// person sees more on their next request; a new role from a template; German and phone width.
let suite: BrowserSuite;
let page: Page;
let url = '';
let ben: Page;

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-roles');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Sales' });
  await addPerson(page.request, url, { email: 'ben@harbor.test', name: 'Ben West', role: 'sales_rep', password: 'Blue-Harbor-Lantern-42' });
  for (let i = 0; i < 3; i++) await createRecord(page.request, url, 'opportunity', { name: `Owner deal ${i}` });
  ben = await suite.openPage();
  const login = await ben.request.post(`${url}/api/login`, { data: { email: 'ben@harbor.test', password: 'Blue-Harbor-Lantern-42' } });
  expect(login.status()).toBe(200);
}, 60_000);
afterAll(() => suite?.stop());

const deals = async () => ((await (await ben.request.get(`${url}/api/records/opportunity?count=true`)).json()) as { total: number }).total;

describe('the role editor', () => {
  it('widens a role, says what it does to each person, publishes, and the person sees more at once', { timeout: 120_000 }, async () => {
    expect(await deals()).toBe(0);
    await page.goto(`${url}/studio/users`);
    await page.getByRole('navigation', { name: 'People and access' }).getByRole('link', { name: 'Roles', exact: true }).click();
    await page.getByRole('heading', { name: 'Roles', exact: true, level: 1 }).waitFor();
    const list = page.getByRole('navigation', { name: 'Roles' });
    const salesReps = list.getByRole('link', { name: /Sales representative/ });
    await salesReps.click();
    await salesReps.getByText('1 person holds it').waitFor();
    await screenshot(page, 'roles-editor');

    await page.getByLabel('Read: Opportunities').selectOption({ label: 'All' });
    await page.getByLabel('See reports over the records they may read.').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');

    await page.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Sales representative: Read Opportunities — Their own → All').waitFor();
    await dialog.getByText('Sales representative may now: See reports over the records they may read.').waitFor();
    expect(await dialog.getByTestId('what-if').textContent()).toBe('Ben West gains read on 3 opportunities');
    await screenshot(page, 'roles-review');
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByText('Version 2 is published', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await deals()).toBe(3);
    expect((await ben.request.get(`${url}/api/reports/pipeline`)).status()).toBe(200);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('creates a role from another’s privileges, names it in German, and removes it again', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/roles`);
    await page.getByRole('button', { name: '+ New role' }).click();
    await page.getByLabel('Name', { exact: true }).first().fill('Field sales');
    await page.getByLabel('Start from the privileges of').selectOption({ label: 'Sales representative' });
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.waitForURL(/\/studio\/roles\/field_sales$/);
    await expect.poll(() => page.getByLabel('Read: Opportunities').inputValue()).toBe('all');
    await page.getByLabel('Language of the texts').selectOption('de');
    // The role's name (the field rules below list fields called Name too).
    await page.locator('#role-name').fill('Außendienst');
    await page.getByText('Field rules').waitFor();
    await page.locator('summary', { hasText: 'Opportunities' }).click();
    await page.locator('#rule-opportunity-amount').selectOption({ label: 'Hidden' });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    const draft = (await (await page.request.get(`${url}/api/config/draft`)).json()) as { bundle: { roles: Record<string, any> } };
    expect(draft.bundle.roles['field_sales']).toMatchObject({
      label: 'Field sales',
      i18n: { de: { label: 'Außendienst' } },
      entities: { opportunity: { read: 'all', fields: { amount: 'hidden' } } },
    });

    // In German the role shows under its German name.
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('de');
    await page.getByRole('heading', { name: 'Rollen', exact: true, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Rollen' }).getByText('Außendienst').waitFor();
    await screenshot(page, 'roles-de');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'roles-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Rolle entfernen' }).click();
    await page.getByText('Außendienst aus dem Entwurf entfernt.').waitFor();
    await page.getByRole('combobox', { name: 'Sprache', exact: true }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
