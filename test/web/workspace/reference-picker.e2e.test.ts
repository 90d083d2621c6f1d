import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// A reference field in Chromium against the real server: people of the same name told apart, and the pick saved.
let suite: BrowserSuite;
let page: Page;
let url = '';
let luis = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-reference-picker');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Picks' });
  await createRecord(page.request, url, 'contact', { firstName: 'Ana', lastName: 'Ortega', email: 'ana@acme.test' });
  luis = (await createRecord(page.request, url, 'contact', { firstName: 'Luis', lastName: 'Ortega', email: 'luis@beta.test' })).id;
  await createRecord(page.request, url, 'contact', { lastName: 'Ortega', mailingCity: 'Sevilla' });
}, 60_000);
afterAll(() => suite?.stop());

describe('reference picker', () => {
  it('tells three Ortegas apart by first name and email or city, and saves the one picked', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/opportunity/new`);
    await page.getByLabel('Search Contact').fill('Ortega');
    const picker = page.getByLabel('Contact', { exact: true });
    await expect
      .poll(async () => (await picker.locator('option').allTextContents()).slice(1).sort())
      .toEqual(['Ana Ortega · ana@acme.test', 'Luis Ortega · luis@beta.test', 'Ortega · Sevilla']);
    await picker.selectOption({ label: 'Luis Ortega · luis@beta.test' });
    await page.getByRole('textbox', { name: /^Name/ }).fill('Beta renewal');
    await screenshot(page, 'reference-picker');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/records\/opportunity\/(?!new)\w+$/);
    const id = page.url().split('/').pop()!;
    const saved = (await (await page.request.get(`${url}/api/records/opportunity/${id}`)).json()) as { data: { contact: string } };
    expect(saved.data.contact).toBe(luis);
    expect(suite.problems.flat()).toEqual([]);
  });
});
