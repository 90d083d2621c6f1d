import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Search across every kind of record in Chromium against the real server: Ctrl+K, results grouped by kind within the
// person's scope, keyboard only, recently opened records; German; phone width. And a deal shared to update is editable.
const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let owner: Page;
let mia: Page;
let url = '';
let shared = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-global-search');
  url = suite.server.url;
  owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: 'Harbor Search' });
  const miaId = await addPerson(owner.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: PASSWORD });
  await createRecord(owner.request, url, 'account', { name: 'Quantum Foods' });
  await createRecord(owner.request, url, 'contact', { firstName: 'Quinn', lastName: 'Quantum' });
  await createRecord(owner.request, url, 'opportunity', { name: 'Quantum secret deal' });
  shared = (await createRecord(owner.request, url, 'opportunity', { name: 'Quantum shared deal' })).id;
  expect((await owner.request.post(`${url}/api/records/opportunity/${shared}/shares`, { data: { person: miaId, access: 'update' } })).status()).toBe(201);
  mia = await suite.openPage();
  expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD } })).status()).toBe(200);
}, 60_000);
afterAll(() => suite?.stop());

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search all records' });
const options = (page: Page) => dialog(page).getByRole('option').allTextContents();

describe('search across records', () => {
  it('opens with Ctrl+K, groups what the person may read, and opens a result from the keyboard', { timeout: 120_000 }, async () => {
    await mia.goto(`${url}/records/lead`);
    await mia.getByRole('heading', { name: 'Leads' }).waitFor();
    await mia.keyboard.press('Control+k');
    await dialog(mia).waitFor();
    await dialog(mia).getByText('Type to search every kind of record you may see.', { exact: false }).waitFor();
    await mia.keyboard.type('quantum');
    await expect.poll(() => options(mia)).toEqual(['Quantum shared deal', 'Quinn Quantum', 'Quantum Foods']);
    // Grouped by kind; the owner's other deal is not Mia's to find.
    expect(await dialog(mia).getByRole('group', { name: 'Opportunities' }).getByRole('option').count()).toBe(1);
    expect(await mia.content()).not.toContain('secret deal');
    await screenshot(mia, 'global-search');
    await mia.keyboard.press('ArrowDown');
    expect(await dialog(mia).getByRole('option', { selected: true }).textContent()).toContain('Quinn Quantum');
    await mia.keyboard.press('ArrowUp');
    await mia.keyboard.press('Enter');
    await mia.getByRole('heading', { name: 'Quantum shared deal' }).waitFor();

    // Shared with her to update: the form is hers to change, and she saves.
    await mia.getByLabel('Next step').fill('Call Quinn');
    await mia.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await (await owner.request.get(`${url}/api/records/opportunity/${shared}`)).json()).data.nextStep).toBe('Call Quinn');

    // Opened lately: offered before any word is typed.
    await mia.keyboard.press('Control+k');
    await expect.poll(() => options(mia)).toEqual(['Quantum shared deal · Opportunity']);
    await mia.keyboard.press('Escape');
    await dialog(mia).waitFor({ state: 'hidden' });
    expect(suite.problems.flat()).toEqual([]);
  });

  it('says when nothing matches, speaks German and fits a phone', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/account`);
    await owner.getByRole('button', { name: 'Search all', exact: true }).click();
    await owner.keyboard.type('nothingmatcheshere');
    await dialog(owner).getByText('Nothing found for “nothingmatcheshere”.').waitFor();
    await owner.keyboard.press('Escape');
    await dialog(owner).waitFor({ state: 'hidden' });
    await owner.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await owner.getByRole('button', { name: 'Alles durchsuchen', exact: true }).click();
    await owner.keyboard.type('quantum');
    const de = owner.getByRole('dialog', { name: 'Alle Datensätze durchsuchen' });
    await de.getByRole('group', { name: 'Verkaufschancen' }).waitFor();
    await owner.setViewportSize({ width: 390, height: 844 });
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(owner, 'global-search-phone-de');
    // "All matching …" opens the list searching the same words.
    await owner.setViewportSize({ width: 1280, height: 900 });
    await owner.keyboard.press('Escape');
    await owner.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
