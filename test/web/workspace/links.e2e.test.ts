import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, axeViolations, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// A many-to-many relation in Chromium against the real server: the owner makes a deal's "Contacts" link several contacts
// in the form designer; a member picks contacts on the deal, and links and unlinks deals from a contact's page; each
// person sees only the deals they may read.
const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let owner: Page;
let mia: Page;
let url = '';
let ana = '';
let luis = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-links');
  url = suite.server.url;
  owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: 'Harbor Links' });
  await addPerson(owner.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: PASSWORD });
  ana = (await createRecord(owner.request, url, 'contact', { firstName: 'Ana', lastName: 'Ortega' })).id;
  luis = (await createRecord(owner.request, url, 'contact', { firstName: 'Luis', lastName: 'Ortega' })).id;
  mia = await suite.openPage();
  expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD } })).status()).toBe(200);
}, 60_000);
afterAll(() => suite?.stop());

const related = (page: Page) => page.locator('[data-related="opportunity"] li a');
const names = async (page: Page) => (await related(page).allTextContents()).map((s) => s.trim()).sort();
const saved = async (page: Page, id: string) =>
  ((await (await page.request.get(`${url}/api/records/opportunity/${id}`)).json()) as { data: { contacts?: string[] } }).data.contacts;

describe('a field linking several records', () => {
  it('is made in the form designer by choosing "several records"', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/studio/forms/opportunity`);
    await owner.getByRole('heading', { name: 'Form designer' }).waitFor();
    await owner.getByRole('button', { name: 'Reference to a record', exact: true }).click();
    await owner.getByLabel('Label', { exact: true }).fill('Contacts');
    await owner.getByLabel('Refers to').selectOption({ label: 'Contact' });
    await owner.getByLabel('How many').selectOption({ label: 'Several records' });
    await owner.getByLabel('When Contact is deleted').selectOption({ label: 'Take it out of this field (put back if it is restored)' });
    await owner.getByLabel('Name of the list on Contact').fill('Deals');
    await screenshot(owner, 'links-designer');
    await owner.keyboard.press('Control+s');
    await owner.getByText('All changes saved').waitFor();
    await owner.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Review and publish' });
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByText('Version 2 is published.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const config = await (await owner.request.get(`${url}/api/config`)).json();
    expect(config.entities.opportunity.form.schema.properties.contacts).toMatchObject({
      type: 'array',
      'x-field': 'references',
      'x-ref': 'contact',
      'x-onDelete': 'clear',
      uniqueItems: true,
    });
    // Once published, how many it links stays as records hold it.
    await owner.getByRole('button', { name: /^Contacts/ }).click();
    expect(await owner.getByLabel('How many').isDisabled()).toBe(true);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('is filled in on a deal by searching and adding contacts, and emptied one by one', { timeout: 120_000 }, async () => {
    await mia.goto(`${url}/records/opportunity/new`);
    await mia.getByRole('textbox', { name: /^Name/ }).fill('Harbor refit');
    const add = mia.getByLabel('Contacts', { exact: true });
    await mia.getByRole('searchbox', { name: 'Search Contacts' }).fill('Ortega');
    await expect
      .poll(async () => (await add.locator('option').allTextContents()).filter((o) => o.includes('Ortega')).sort())
      .toEqual(['Ana Ortega', 'Luis Ortega']);
    const addButton = mia.getByRole('button', { name: 'Add to Contacts' });
    // Choosing alone adds nothing (arrow keys change a closed select): the button adds.
    await add.selectOption({ label: 'Ana Ortega' });
    expect(await mia.locator('.link-chip').count()).toBe(0);
    await addButton.click();
    await add.selectOption({ label: 'Luis Ortega' });
    await addButton.click();
    const chips = mia.locator('.link-chip');
    await expect.poll(() => chips.allTextContents()).toEqual([expect.stringContaining('Ana Ortega'), expect.stringContaining('Luis Ortega')]);
    // A chosen contact is no longer offered; removing it offers it again.
    expect(await add.locator('option', { hasText: 'Ana Ortega' }).count()).toBe(0);
    await mia.getByRole('button', { name: 'Remove Luis Ortega' }).click();
    await expect.poll(() => chips.count()).toBe(1);
    await add.selectOption({ label: 'Luis Ortega' });
    await addButton.click();
    expect(await axeViolations(mia)).toEqual([]);
    await screenshot(mia, 'links-picker');
    await mia.getByRole('button', { name: 'Create', exact: true }).click();
    await mia.waitForURL(/\/records\/opportunity\/(?!new)\w+$/);
    const id = mia.url().split('/').pop()!;
    expect(await saved(mia, id)).toEqual([ana, luis]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('is linked and unlinked from the linked record’s page, which lists only what each person may read', { timeout: 120_000 }, async () => {
    await createRecord(mia.request, url, 'opportunity', { name: 'Second deal' });
    await createRecord(owner.request, url, 'opportunity', { name: 'Owner’s deal', contacts: [ana] });
    await mia.goto(`${url}/records/contact/${ana}`);
    await mia.getByRole('heading', { name: /^Deals/ }).waitFor();
    await expect.poll(() => names(mia)).toEqual(['Harbor refit']);

    await mia.getByRole('button', { name: 'Link existing opportunities…' }).click();
    const which = mia.getByLabel('Which of the opportunities should list this record?');
    await expect.poll(() => which.locator('option', { hasText: 'Second deal' }).count()).toBe(1);
    // What already links it is not offered again, and the owner's deal, which Mia cannot read, never.
    expect(await which.locator('option', { hasText: 'Harbor refit' }).count()).toBe(0);
    expect(await which.locator('option', { hasText: 'Owner’s deal' }).count()).toBe(0);
    await which.selectOption({ label: 'Second deal' });
    await mia.getByRole('button', { name: 'Link', exact: true }).click();
    await expect.poll(() => names(mia)).toEqual(['Harbor refit', 'Second deal']);
    // The focus is back on the button that opened the search.
    await expect.poll(() => mia.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Link existing opportunities…');
    expect(await axeViolations(mia)).toEqual([]);
    await screenshot(mia, 'links-related');

    await mia.getByRole('button', { name: 'Unlink Harbor refit' }).click();
    await expect.poll(() => names(mia)).toEqual(['Second deal']);
    const deals = (await (await mia.request.get(`${url}/api/records/opportunity?sort=name`)).json()) as {
      items: { data: { name: string; contacts?: string[] } }[];
    };
    expect(deals.items.map((d) => [d.data.name, d.data.contacts])).toEqual([
      ['Harbor refit', [luis]],
      ['Second deal', [ana]],
    ]);
    // The owner reads every deal: hers too.
    await owner.goto(`${url}/records/contact/${ana}`);
    await expect.poll(() => names(owner)).toEqual(['Owner’s deal', 'Second deal']);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German and fits a phone', { timeout: 120_000 }, async () => {
    expect((await mia.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).ok()).toBe(true);
    await mia.setViewportSize({ width: 390, height: 844 });
    await mia.goto(`${url}/records/contact/${ana}`);
    await mia.getByRole('button', { name: 'Bestehende verknüpfen: Verkaufschancen…' }).click();
    await mia.getByLabel('Welcher der Datensätze (Verkaufschancen) soll diesen aufführen?').waitFor();
    expect(await mia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(mia, 'links-related-de-phone');
    expect(suite.problems.flat()).toEqual([]);
  });
});
