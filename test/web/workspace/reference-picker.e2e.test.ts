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

  it('creates a record by the name typed, in place, and picks it', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/opportunity/new`);
    await page.getByLabel('Search Account').fill('Gamma Logistics');
    const create = page.getByRole('button', { name: 'Create account “Gamma Logistics”' });
    await create.click();
    await page.getByText('Created and chosen: Gamma Logistics.').waitFor();
    const picker = page.getByLabel('Account', { exact: true });
    await expect.poll(() => picker.locator('option:checked').textContent()).toBe('Gamma Logistics');
    // The name is taken now: nothing more to create under it.
    expect(await create.count()).toBe(0);
    await screenshot(page, 'reference-picker-created');
    // A person's name goes into first and last name.
    await page.getByLabel('Search Contact').fill('Gina Gamma');
    await page.getByRole('button', { name: 'Create contact “Gina Gamma”' }).click();
    await page.getByText('Created and chosen: Gina Gamma.').waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Gamma pilot');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/records\/opportunity\/(?!new)\w+$/);
    const id = page.url().split('/').pop()!;
    const saved = (await (await page.request.get(`${url}/api/records/opportunity/${id}`)).json()) as { data: { account: string; contact: string } };
    const account = (await (await page.request.get(`${url}/api/records/account/${saved.data.account}`)).json()) as { data: Record<string, unknown> };
    const contact = (await (await page.request.get(`${url}/api/records/contact/${saved.data.contact}`)).json()) as { data: Record<string, unknown> };
    expect(account.data).toEqual({ name: 'Gamma Logistics' });
    expect(contact.data).toMatchObject({ firstName: 'Gina', lastName: 'Gamma' });
    expect(suite.problems.flat()).toEqual([]);
  });
});
