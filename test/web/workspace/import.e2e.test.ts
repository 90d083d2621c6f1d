import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Importing leads in Chromium against the real server and its background worker: upload, columns matched by their
// names, a trial run naming the bad cell, the import with progress, the failed rows as a file, and undo; German.
let suite: BrowserSuite;
let page: Page;
let url = '';
const FILE = [
  'First name,Last name,Company,Email,Rating',
  'Grace,Hopper,Navy,grace@example.com,Hot',
  'Alan,Turing,Bletchley,alan@example.com,lukewarm',
  'Ada,Lovelace,Analytical,ada@example.com,warm',
].join('\n');

beforeAll(async () => {
  suite = await startBrowserSuite('crm-import');
  url = suite.server.url;
  page = await suite.openPage();
  page.on('dialog', (d) => void d.accept());
  await signUpCompany(page.request, url, { tenantName: 'Harbor Import' });
  // Already there: the file's Ada matches it by email and is skipped.
  await createRecord(page.request, url, 'lead', { firstName: 'Ada', lastName: 'Lovelace', email: 'ADA@example.com' });
}, 120_000);
afterAll(() => suite?.stop());

const leadCount = async () => ((await (await page.request.get(`${url}/api/records/lead?count=true&limit=1`)).json()) as { total: number }).total;

describe('importing records', () => {
  it('matches columns, tries the file, imports it with progress, and undoes it', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/lead`);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import leads' }).waitFor();
    await page.getByLabel('File to import').setInputFiles({ name: 'fair.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('heading', { name: 'fair.csv: 3 rows — which field does each column fill?' }).waitFor();
    expect(await page.getByLabel('Field for the column Email').inputValue()).toBe('email');
    expect(await page.getByLabel('Field for the column Rating').inputValue()).toBe('rating');
    await page.getByLabel('Match on').selectOption({ label: 'Email' });
    await page.getByLabel('Then', { exact: true }).selectOption({ label: 'Skip the row' });
    await page.getByRole('button', { name: 'Try it first' }).click();
    const check = page.getByTestId('import-check');
    await check.getByText('If imported now: 1 created, 0 updated, 1 skipped, 1 with problems.').waitFor();
    await check.getByText('Row 3, Rating: is not one of the choices').waitFor();
    await screenshot(page, 'import-mapping');

    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.getByRole('heading', { name: 'fair.csv is imported' }).waitFor();
    await progress.getByText('1 created, 0 updated, 1 skipped, 1 failed.').waitFor();
    expect(await leadCount()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the rows that failed' }).click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('Alan,Turing,Bletchley,alan@example.com,lukewarm,Rating: is not one of the choices');
    await screenshot(page, 'import-done');

    await page.getByRole('button', { name: 'Undo this import' }).click();
    await progress.getByRole('heading', { name: 'The import of fair.csv was undone' }).waitFor();
    expect(await leadCount()).toBe(1);
    await page.getByText('Your recent imports').waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/records/lead/import`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'Leads importieren' }).waitFor();
    await page.getByText('Eine CSV- oder Excel-Datei', { exact: false }).waitFor();
    await screenshot(page, 'import-de');
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
