import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// An account's related lists in Chromium against the real server: its contacts and deals as each person may read them,
// and "new contact for this account" with the account filled in.
const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let owner: Page;
let mia: Page;
let url = '';
let acme = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-related-lists');
  url = suite.server.url;
  owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: 'Harbor Related' });
  await addPerson(owner.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: PASSWORD });
  acme = (await createRecord(owner.request, url, 'account', { name: 'Acme' })).id;
  await createRecord(owner.request, url, 'contact', { firstName: 'Ana', lastName: 'Ortega', account: acme });
  await createRecord(owner.request, url, 'contact', { firstName: 'Luis', lastName: 'Ortega', account: acme });
  await createRecord(owner.request, url, 'contact', { lastName: 'Elsewhere' });
  await createRecord(owner.request, url, 'opportunity', { name: 'Acme renewal', account: acme });
  mia = await suite.openPage();
  expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD } })).status()).toBe(200);
  await createRecord(mia.request, url, 'opportunity', { name: 'Mia’s Acme deal', account: acme });
}, 60_000);
afterAll(() => suite?.stop());

const items = (page: Page, entity: string) => page.locator(`[data-related="${entity}"] li`).allTextContents();

describe('related lists', () => {
  it('list what refers to the record, as each person may read it', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/account/${acme}`);
    await expect.poll(async () => (await items(owner, 'contact')).map((s) => s.trim()).sort()).toEqual(['Ana Ortega', 'Luis Ortega']);
    await expect.poll(async () => (await items(owner, 'opportunity')).map((s) => s.trim()).sort()).toEqual(['Acme renewal', 'Mia’s Acme deal']);
    await owner.locator('[data-related="case"]').getByText('No cases yet.').waitFor();
    // Changed lately first, or another order the person picks.
    await expect.poll(async () => (await items(owner, 'opportunity')).map((s) => s.trim())).toEqual(['Mia’s Acme deal', 'Acme renewal']);
    await owner.getByLabel('Order of Opportunities').selectOption({ label: 'By name' });
    await expect.poll(async () => (await items(owner, 'opportunity')).map((s) => s.trim())).toEqual(['Acme renewal', 'Mia’s Acme deal']);
    await screenshot(owner, 'related-lists');
    // Mia reads every account but only her own deals: the account's list holds hers alone.
    await mia.goto(`${url}/records/account/${acme}`);
    await expect.poll(async () => (await items(mia, 'opportunity')).map((s) => s.trim())).toEqual(['Mia’s Acme deal']);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('start a new related record with the reference filled in', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/account/${acme}`);
    await owner.getByRole('link', { name: 'New contact for this account' }).click();
    await owner.waitForURL(/\/records\/contact\/new\?account=/);
    await expect.poll(() => owner.getByLabel('Account', { exact: true }).inputValue()).toBe(acme);
    await owner.getByRole('textbox', { name: /^Last name/ }).fill('Nuevo');
    await owner.getByRole('button', { name: 'Create', exact: true }).click();
    await owner.waitForURL(/\/records\/contact\/(?!new)\w+$/);
    const id = owner.url().split('/').pop()!;
    const saved = (await (await owner.request.get(`${url}/api/records/contact/${id}`)).json()) as { data: { account: string } };
    expect(saved.data.account).toBe(acme);
    expect(suite.problems.flat()).toEqual([]);
  });
});
