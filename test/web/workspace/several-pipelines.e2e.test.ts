import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Opportunities in two pipelines, in Chromium against the real server (needs `vite build` first).
let suite: BrowserSuite;
let url = '';

/** A fresh profile owning a company of its own that has published a Renewals pipeline for opportunities, and one deal in the default pipeline. */
async function companyWithRenewals(): Promise<Page> {
  const page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Renewal Works' });
  const draft = await page.request.get(`${url}/api/config/draft`);
  const bundle = (await draft.json()).bundle;
  bundle.pipelines.renewals = {
    label: 'Renewals',
    stages: [
      { key: 'due', label: 'Renewal due', probability: 60, kind: 'open', requiredFields: [], color: '#2563eb' },
      { key: 'renewed', label: 'Renewed', probability: 100, kind: 'won', requiredFields: [], color: '#15803d' },
      { key: 'churned', label: 'Churned', probability: 0, kind: 'lost', requiredFields: [], color: '#b91c1c' },
    ],
  };
  bundle.entities.opportunity.pipelines = ['renewals'];
  expect((await page.request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
  expect((await page.request.post(`${url}/api/config/publish`)).status()).toBe(201);
  await createRecord(page.request, url, 'opportunity', { name: 'New logo deal' });
  return page;
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-pipelines');
  url = suite.server.url;
}, 60_000);
afterAll(() => suite?.stop());

// Whatever ran before: no page of the test reported a console problem.
afterEach(() => expect(suite.problems.flat()).toEqual([]));

describe('a board per pipeline', () => {
  it('picks the pipeline, creates a record in it from its board, and shows the card there only', async () => {
    const page = await companyWithRenewals();
    await page.goto(`${url}/records/opportunity/board`);
    await page.locator('.board-card').filter({ hasText: 'New logo deal' }).waitFor();
    await page.getByLabel('Pipeline').selectOption('renewals');
    await page.waitForURL(/pipeline=renewals/);
    await page.locator('.board-column h2').filter({ hasText: 'Renewal due' }).waitFor();
    expect(await page.locator('.board-column h2').allTextContents()).toEqual(['Renewal due', 'Renewed', 'Churned']);
    expect(await page.locator('.board-card').count()).toBe(0);

    await page.getByRole('link', { name: 'New opportunity' }).click();
    await page.waitForURL(/\/records\/opportunity\/new\?pipeline=renewals$/);
    expect(await page.getByLabel('Pipeline').inputValue()).toBe('renewals');
    await page.locator('.record-form').getByRole('textbox', { name: /^Name/ }).fill('Acme renewal 2027');
    await screenshot(page, 'pipelines-new-in-renewals');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/records\/opportunity\/(?!new)[^/?]+$/);
    const id = page.url().split('/').at(-1)!;
    expect(await (await page.request.get(`${url}/api/records/opportunity/${id}`)).json()).toMatchObject({ pipeline: 'renewals', stage: 'due' });
    await page.getByTestId('record-title').waitFor();
    expect(await page.locator('.page-head .badge').first().textContent()).toContain('Renewal due');

    await page.goto(`${url}/records/opportunity/board?pipeline=renewals`);
    await page.locator('.board-column[data-stage="due"] .board-card').filter({ hasText: 'Acme renewal 2027' }).waitFor();
    expect(await page.locator('.board-card').count()).toBe(1);
    await screenshot(page, 'pipelines-board-renewals');
  }, 60_000);

  it('a column loads its cards 50 at a time; its count and sum cover them all', async () => {
    const page = await companyWithRenewals();
    // The renewal the previous test creates from the board, without an amount.
    const first = await page.request.post(`${url}/api/records/opportunity`, { data: { data: { name: 'Acme renewal 2027' }, pipeline: 'renewals' } });
    expect(first.status()).toBe(201);
    for (let i = 0; i < 51; i++) {
      const res = await page.request.post(`${url}/api/records/opportunity`, { data: { data: { name: `Renewal ${i}`, amount: 100 }, pipeline: 'renewals' } });
      expect(res.status()).toBe(201);
    }
    await page.goto(`${url}/records/opportunity/board?pipeline=renewals`);
    const due = page.locator('.board-column[data-stage="due"]');
    await due.locator('.board-card').first().waitFor();
    expect(await due.locator('.board-card').count()).toBe(50);
    expect((await due.getByTestId('column-count').textContent())?.trim()).toBe('52');
    expect(await due.getByTestId('column-sums').innerText()).toContain('€5,100.00');
    expect(await due.getByText('50 of 52 shown, most recently changed first.').count()).toBe(1);
    await due.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => due.locator('.board-card').count()).toBe(52);
    expect(await due.getByRole('button', { name: 'Show more' }).count()).toBe(0);
  }, 60_000);

  it('no console errors', () => {
    expect(suite.problems.flat()).toEqual([]);
  });
});
