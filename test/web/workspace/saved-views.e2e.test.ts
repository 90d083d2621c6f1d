import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Saved views in Chromium against the real server: several conditions matched all or any, chosen columns, a view
// saved for the company and made a role's default, which a member's list then opens with — showing only her records.
let suite: BrowserSuite;
let owner: Page;
let mia: Page;
let url = '';
const PASSWORD = 'Blue-Harbor-Lantern-42';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-views');
  url = suite.server.url;
  owner = await suite.openPage();
  owner.on('dialog', (d) => void d.accept());
  const company = await signUpCompany(owner.request, url, { tenantName: 'Harbor Views' });
  await addPerson(owner.request, url, { email: 'mia@harbor-views.test', name: 'Mia North', role: 'member', team: 'north', password: PASSWORD });
  await createRecord(owner.request, url, 'opportunity', { name: 'Harbor crane' });
  await createRecord(owner.request, url, 'opportunity', { name: 'Dock lights' });
  const moved = await createRecord(owner.request, url, 'opportunity', { name: 'Pier paint', amount: 300 });
  await owner.request.post(`${url}/api/records/opportunity/${moved.id}/stage`, { data: { stage: 'proposal' }, headers: { 'if-match': moved.etag } });
  mia = await suite.openPage();
  const login = await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor-views.test', password: PASSWORD, tenant: company.slug } });
  expect(login.status()).toBe(200);
  await createRecord(mia.request, url, 'opportunity', { name: 'Harbor ferry' });
  await createRecord(mia.request, url, 'opportunity', { name: 'Mia’s other deal' });
}, 120_000);
afterAll(() => suite?.stop());

const names = (page: Page) => page.locator('.record-table tbody tr td:nth-child(2) a').allTextContents();

describe('saved views', () => {
  it('keeps several conditions, columns and sort as a company view, the default of a role', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/opportunity`);
    await owner.getByTestId('list-count').getByText('5 opportunities').waitFor();
    await owner.getByLabel('Field', { exact: true }).selectOption({ label: 'Name' });
    await owner.getByLabel('Condition', { exact: true }).selectOption({ label: 'contains' });
    await owner.getByLabel('Value', { exact: true }).fill('harbor');
    await owner.getByRole('button', { name: 'Add a condition' }).click();
    await owner.locator('#filter-field-1').selectOption({ label: 'Stage' });
    await owner.locator('#filter-value-1').selectOption({ label: 'Proposal' });
    await owner.getByLabel('Show records that match').selectOption({ label: 'any condition' });
    await owner.getByRole('button', { name: 'Apply filter' }).click();
    await owner.getByTestId('list-count').getByText('3 opportunities').waitFor();

    await owner.getByText('Columns', { exact: true }).click();
    await owner.getByRole('checkbox', { name: 'Show the Expected close date column' }).uncheck();
    await owner.getByLabel('Width of Name').selectOption({ label: 'Wide' });
    await owner.getByRole('button', { name: 'Move Stage left' }).click();
    await expect.poll(() => owner.locator('.record-table thead th').allTextContents()).toEqual(['', 'Name ', 'Amount ', 'Stage ', 'Owner', 'Updated ▼']);

    await owner.getByRole('button', { name: 'Save as a new view' }).click();
    await owner.getByRole('button', { name: 'Save view' }).click();
    await owner.getByText('Give the view a name.').waitFor();
    await owner.getByLabel('Name of the view').fill('Harbor or proposal');
    await owner.getByLabel('Who sees it').selectOption({ label: 'Everyone in the company' });
    await owner.getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => owner.getByLabel('Saved view', { exact: true }).inputValue()).not.toBe('');
    await owner.getByText('Default for roles').click();
    const member = owner.getByRole('checkbox', { name: 'Member', exact: true });
    await member.check();
    await expect
      .poll(async () => (await owner.request.get(`${url}/api/views/defaults?entity=opportunity`)).json())
      .toMatchObject({ member: expect.any(String) });
    await screenshot(owner, 'saved-view');

    // Back to the standard list, then the view again: its conditions and columns come back.
    await owner.getByLabel('Saved view', { exact: true }).selectOption({ label: 'Standard list' });
    await owner.getByTestId('list-count').getByText('5 opportunities').waitFor();
    await owner.getByLabel('Saved view', { exact: true }).selectOption({ label: 'Harbor or proposal' });
    await owner.getByTestId('list-count').getByText('3 opportunities').waitFor();
    expect(await owner.locator('.record-table thead th').allTextContents()).toEqual(['', 'Name ', 'Amount ', 'Stage ', 'Owner', 'Updated ▼']);

    // The list as it stands downloads: its records, its columns.
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe('Name,Amount,Stage,Owner,Updated');
    expect(
      csv
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(['Harbor crane', 'Harbor ferry', 'Pier paint']);
  });

  it('opens a member’s list with her role’s default view, over her own records only', { timeout: 120_000 }, async () => {
    await mia.goto(`${url}/records/opportunity`);
    await mia.getByTestId('list-count').getByText('1 opportunity').waitFor();
    expect(await names(mia)).toEqual(['Harbor ferry']);
    await expect.poll(() => mia.getByLabel('Saved view', { exact: true }).locator('option:checked').textContent()).toBe('Harbor or proposal');
    // She cannot change the company's view, but can keep her own.
    expect(await mia.getByRole('button', { name: 'Delete view' }).count()).toBe(0);
    await mia.getByRole('button', { name: 'Save as a new view' }).click();
    await mia.getByLabel('Name of the view').fill('My harbor deals');
    // Her teams come with the form a moment after it opens.
    await expect.poll(() => mia.getByLabel('Who sees it').locator('option').allTextContents()).toEqual(['Only me', 'My team north']);
    await mia.getByRole('button', { name: 'Save view' }).click();
    await mia.getByRole('button', { name: 'Delete view' }).waitFor();
    await screenshot(mia, 'saved-view-member');
    // The owner never sees Mia's own view.
    const ownerViews = (await (await owner.request.get(`${url}/api/views?entity=opportunity`)).json()) as { items: { name: string }[] };
    expect(ownerViews.items.map((v) => v.name)).toEqual(['Harbor or proposal']);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German', { timeout: 120_000 }, async () => {
    await mia.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await mia.getByRole('button', { name: 'Als neue Ansicht speichern' }).waitFor();
    await mia.getByText('Spalten', { exact: true }).click();
    await screenshot(mia, 'saved-view-de');
    await mia.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
