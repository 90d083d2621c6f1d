import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Changing one field in a list cell, in Chromium against the real server: saved with the version the list showed,
// a change by someone else meanwhile said and shown, a refusal at the cell; German.
let suite: BrowserSuite;
let page: Page;
let url = '';
let lead = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-inline-edit');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Inline' });
  lead = (await createRecord(page.request, url, 'lead', { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical' })).id;
}, 60_000);
afterAll(() => suite?.stop());

const saved = async () => ((await (await page.request.get(`${url}/api/records/lead/${lead}`)).json()) as { data: Record<string, unknown> }).data;
const cell = () => page.getByRole('row').filter({ hasText: 'Lovelace' });

describe('changing a field in the list', () => {
  it('saves one field in place, says when someone changed the record meanwhile, and shows refusals at the cell', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/lead`);
    await page.getByRole('button', { name: 'Change Company of Lovelace' }).click();
    const input = page.getByLabel('Change Company of Lovelace');
    await expect.poll(() => input.inputValue()).toBe('Analytical');
    await input.fill('Analytical Engines');
    await screenshot(page, 'inline-edit');
    await input.press('Enter');
    await cell().getByText('Analytical Engines').waitFor();
    expect((await saved()).company).toBe('Analytical Engines');

    // Someone else changes the lead meanwhile: the cell says so and shows their version; nothing of ours is saved.
    await page.getByRole('button', { name: 'Change Company of Lovelace' }).click();
    const current = await page.request.get(`${url}/api/records/lead/${lead}`);
    const other = await page.request.patch(`${url}/api/records/lead/${lead}`, {
      data: { data: { company: 'Babbage & Co' } },
      headers: { 'if-match': current.headers()['etag']! },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('Change Company of Lovelace').fill('Mine');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Someone changed this record meanwhile', { exact: false }).waitFor();
    await expect.poll(() => page.getByLabel('Change Company of Lovelace').inputValue()).toBe('Babbage & Co');
    expect((await saved()).company).toBe('Babbage & Co');

    // A value the form refuses is said at the cell, nothing saved; Escape gives up.
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('button', { name: 'Change First name of Lovelace' }).click();
    const first = page.getByRole('textbox', { name: 'Change First name of Lovelace' });
    await first.fill('A'.repeat(101));
    await first.press('Enter');
    await cell().getByRole('alert').waitFor();
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'inline-edit-refused');
    expect((await saved()).firstName).toBe('Ada');
    await first.press('Escape');
    await expect.poll(() => first.count()).toBe(0);
    await cell().getByText('Ada').waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/lead`);
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('button', { name: 'Firma von Lovelace ändern' }).click();
    await page.getByRole('button', { name: 'Speichern', exact: true }).waitFor();
    await screenshot(page, 'inline-edit-de');
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
