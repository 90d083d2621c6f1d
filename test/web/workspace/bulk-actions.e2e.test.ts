import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Bulk actions on a list and the recycle bin, in Chromium against the real server: each record through the same
// checks as one at a time (refusals said per reason), every record matching the list beyond its first page, deleted
// records restored and deleted for good; German.
let suite: BrowserSuite;
let page: Page;
let url = '';
let mia = '';
const BULK = 55;

beforeAll(async () => {
  suite = await startBrowserSuite('crm-bulk');
  url = suite.server.url;
  page = await suite.openPage();
  page.on('dialog', (d) => void d.accept());
  await signUpCompany(page.request, url, { tenantName: 'Harbor Bulk' });
  mia = await addPerson(page.request, url, { email: 'mia@harbor-bulk.test', name: 'Mia Sales', role: 'sales_rep', password: 'Blue-Harbor-Lantern-42' });
  for (let i = 0; i < BULK; i++) await createRecord(page.request, url, 'opportunity', { name: `Routine deal ${i + 1}` });
  await createRecord(page.request, url, 'opportunity', { name: 'Priced deal', amount: 900 });
  await createRecord(page.request, url, 'opportunity', { name: 'Unpriced deal' });
}, 120_000);
afterAll(() => suite?.stop());

const deals = async (filter: Record<string, unknown>) => {
  const res = await page.request.get(`${url}/api/records/opportunity?count=true&limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}`);
  return ((await res.json()) as { total: number }).total;
};
const bar = () => page.getByRole('region', { name: 'Actions on the chosen records' });

describe('bulk actions', () => {
  it('moves the chosen deals and says which could not move and why', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/opportunity`);
    await page.getByRole('checkbox', { name: 'Choose Priced deal', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Choose Unpriced deal', exact: true }).check();
    await bar().getByText('2 records chosen').waitFor();
    await bar().getByLabel('Action').selectOption({ label: 'Move to a stage' });
    await bar().getByLabel('Stage').selectOption({ label: 'Proposal' });
    await bar().getByRole('button', { name: 'Apply to 2 records' }).click();
    const summary = page.getByTestId('bulk-summary');
    await summary.getByText('1 record changed. 1 was not:').waitFor();
    await summary.getByText('Needs Amount filled in first').waitFor();
    await summary.getByRole('link', { name: 'Unpriced deal' }).waitFor();
    await screenshot(page, 'bulk-refusals');
    expect(await deals({ $stage: { eq: 'proposal' } })).toBe(1);
  });

  it('assigns every deal matching the list, beyond its first page, with progress', { timeout: 120_000 }, async () => {
    await page.getByRole('searchbox').fill('routine');
    await page.getByRole('searchbox').press('Enter');
    await page.getByTestId('list-count').getByText(`${BULK} opportunities`).waitFor();
    await page.getByRole('checkbox', { name: 'Choose every record on this page' }).check();
    await bar().getByText('50 records chosen').waitFor();
    await bar()
      .getByRole('button', { name: `Choose all ${BULK} matching records` })
      .click();
    await bar().getByText(`All ${BULK} matching records chosen`).waitFor();
    await bar().getByLabel('Action').selectOption({ label: 'Assign to someone' });
    await bar().getByLabel('Assign to').selectOption({ label: 'Mia Sales' });
    await bar()
      .getByRole('button', { name: `Apply to ${BULK} records` })
      .click();
    await page.getByTestId('bulk-summary').getByText(`${BULK} records changed.`).waitFor();
    expect(await deals({ $ownerId: { eq: mia } })).toBe(BULK);
  });

  it('deletes into the recycle bin, from where a deal comes back or goes for good', { timeout: 120_000 }, async () => {
    await page.getByRole('checkbox', { name: 'Choose Routine deal 1', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Choose Routine deal 2', exact: true }).check();
    await bar().getByLabel('Action').selectOption({ label: 'Delete' });
    await bar().getByRole('button', { name: 'Apply to 2 records' }).click();
    await page.getByTestId('bulk-summary').getByText('2 records changed.').waitFor();
    await page
      .getByTestId('list-count')
      .getByText(`${BULK - 2} opportunities`)
      .waitFor();

    await page.getByRole('link', { name: 'Recycle bin' }).click();
    await page.getByRole('heading', { name: 'Recycle bin' }).waitFor();
    await page.getByRole('button', { name: 'Restore Routine deal 1' }).waitFor();
    await screenshot(page, 'recycle-bin');
    await page.getByRole('button', { name: 'Delete Routine deal 2 for good' }).click();
    await page.getByText('“Routine deal 2” was deleted for good.').waitFor();
    await page.getByRole('button', { name: 'Restore Routine deal 1' }).click();
    await page.getByText('“Routine deal 1” is back.').waitFor();
    await page.getByText('The recycle bin is empty').waitFor();
    await page.getByRole('link', { name: 'Open it' }).click();
    await page.getByRole('heading', { name: 'Routine deal 1' }).waitFor();
    await page.getByText('Olive Owner restored it from the recycle bin').waitFor();
    expect(await deals({ name: { contains: 'Routine' } })).toBe(BULK - 1);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/opportunity`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('checkbox', { name: 'Routine deal 3 auswählen', exact: true }).check();
    await page.getByRole('region', { name: 'Aktionen für die ausgewählten Datensätze' }).getByText('1 Datensatz ausgewählt').waitFor();
    await screenshot(page, 'bulk-de');
    await page.getByRole('link', { name: 'Papierkorb' }).click();
    await page.getByText('Der Papierkorb ist leer').waitFor();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
