import { readFileSync } from 'node:fs';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../support/harness.ts';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// The reports page in Chromium against the real server on a fresh database (needs `vite build` first).
const money = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(n);
const STAGES = [
  { key: 'prospecting', label: 'Prospecting', kind: 'open', probability: 10 },
  { key: 'qualification', label: 'Qualification', kind: 'open', probability: 25 },
  { key: 'proposal', label: 'Proposal', kind: 'open', probability: 50 },
  { key: 'negotiation', label: 'Negotiation', kind: 'open', probability: 75 },
  { key: 'closed_won', label: 'Closed won', kind: 'won', probability: 100 },
  { key: 'closed_lost', label: 'Closed lost', kind: 'lost', probability: 0 },
];
interface Deal {
  name: string;
  amount?: number;
  closeDate?: string;
  stage: string;
  closeReason?: string;
}
const DEALS: Deal[] = [
  { name: 'Acme rollout', amount: 10000, closeDate: '2026-03-15', stage: 'prospecting' },
  { name: 'Wayne introduction', stage: 'prospecting' },
  { name: 'Globex renewal', amount: 5000, closeDate: '2026-04-10', stage: 'qualification' },
  { name: 'Initech expansion', amount: 20000, closeDate: '2026-04-20', stage: 'proposal' },
  { name: 'Umbrella pilot', amount: 7600, closeDate: '2026-05-05', stage: 'negotiation' },
  { name: 'Hooli licences', amount: 8000, closeDate: '2026-02-01', stage: 'closed_won', closeReason: 'Signed for two years' },
  { name: 'Stark supply', amount: 3000, stage: 'closed_lost', closeReason: 'Chose a competitor' },
];
/** Count, amount and weighted amount per stage, computed here independently of the server. */
const expected = (stage: string) => {
  const deals = DEALS.filter((d) => d.stage === stage);
  const p = STAGES.find((s) => s.key === stage)!.probability;
  const amount = deals.reduce((a, d) => a + (d.amount ?? 0), 0);
  return { count: deals.length, amount, weighted: (amount * p) / 100 };
};

let suite: BrowserSuite;
/** The owner's profile of a company that holds DEALS, signed up in beforeAll; tests that only read its report open a tab of it. */
let owner: BrowserContext;
let url = '';

const create = (request: APIRequestContext, entity: string, data: Record<string, unknown>) => createRecord(request, url, entity, data);

/** The texts of a table row's cells, once the row is there (the heading shows before the report has loaded). */
async function cells(p: Page, table: string, row: string): Promise<string[]> {
  const found = p.locator(`[data-testid="${table}"] tr[data-row="${row}"] > *`);
  await found.first().waitFor();
  return found.allInnerTexts();
}

/** A fresh profile that owns a company of its own, with no deal yet. */
async function ownCompany(): Promise<Page> {
  const p = await suite.openPage();
  await signUpCompany(p.request, url, { tenantName: 'Harbor Freight Works' });
  return p;
}

/** Creates DEALS through the API in the company `request` is signed in to, moving each to its stage. */
async function createDeals(request: APIRequestContext) {
  for (const deal of DEALS) {
    const { name, amount, closeDate, stage, closeReason } = deal;
    const made = await create(request, 'opportunity', { name, ...(amount === undefined ? {} : { amount }), ...(closeDate ? { closeDate } : {}) });
    if (stage === 'prospecting') continue;
    const moved = await request.post(`${url}/api/records/opportunity/${made.id}/stage`, {
      data: { stage, ...(closeReason ? { closeReason } : {}) },
      headers: { 'if-match': made.etag },
    });
    expect(moved.status()).toBe(200);
  }
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-reports');
  url = suite.server.url;
  owner = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const signup = await owner.request.post(`${url}/api/signup`, {
    data: { tenantName: 'Harbor Freight Works', name: 'Olive Owner', email: 'olive@harbor.test', password: PASSWORD },
  });
  expect(signup.status()).toBe(201);
  await createDeals(owner.request);
}, 60_000);

afterAll(() => suite?.stop());

// Whatever ran before: no page of the test reported a console problem.
afterEach(() => expect(suite.problems.flat()).toEqual([]));

describe('reports', () => {
  it('says plainly that there is nothing to report before any deal exists', async () => {
    const page = await ownCompany();
    await page.goto(`${url}/reports`);
    const empty = page.getByTestId('reports-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('No opportunities yet');
    expect(await empty.innerText()).toContain('Figures appear once deals exist.');
    expect(await page.getByTestId('report-csv').count()).toBe(0);
    await screenshot(page, 'reports-empty');
  }, 30_000);

  it('shows the per-stage and per-month figures the test computes itself', async () => {
    // Deals moved within the test: the time in stage below is seconds.
    const page = await ownCompany();
    await createDeals(page.request);
    await page.goto(`${url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/reports$/);
    await page.getByTestId('stage-table').waitFor();
    for (const s of STAGES) {
      const e = expected(s.key);
      expect(await cells(page, 'stage-table', s.key)).toEqual([s.label, `${s.probability}%`, String(e.count), money(e.amount), money(e.weighted)]);
    }
    const all = DEALS.reduce((a, d) => a + (d.amount ?? 0), 0);
    expect(await cells(page, 'stage-table', 'total')).toEqual(['Total', '', String(DEALS.length), money(all), '']);
    // Open deals by close month: March (Acme), April (Globex + Initech), May (Umbrella), and one without a date.
    expect(await cells(page, 'month-table', '2026-04')).toEqual(['April 2026', '2', money(25000), money(1250 + 10000)]);
    expect(await cells(page, 'month-table', 'none')).toEqual(['No close date', '1', money(0), money(0)]);
    expect(await page.getByTestId('figure-win-rate').innerText()).toContain('50%');
    expect(await page.getByTestId('figure-open').innerText()).toContain(money(10000 + 5000 + 20000 + 7600));
    const chart = page.getByRole('img', { name: /Bar chart of the amount and the weighted amount per stage/ });
    expect(await chart.getAttribute('aria-label')).toContain(`Proposal: ${money(20000)}, weighted ${money(10000)}`);
    // Every moved deal left Prospecting within the test: seconds, said in words.
    expect((await cells(page, 'time-table', 'prospecting'))[1]).toBe('less than a minute');
    expect((await cells(page, 'conversion-table', 'prospecting')).length).toBe(4);
    // Time in stage and conversion have charts too, each named by what it shows, stage by stage.
    const conversionRate = (await cells(page, 'conversion-table', 'prospecting'))[3];
    expect(await page.getByRole('img', { name: /share of deals that moved on/ }).getAttribute('aria-label')).toContain(`Prospecting: ${conversionRate}`);
    expect(await page.getByRole('img', { name: /average time a deal spent/ }).getAttribute('aria-label')).toMatch(/Prospecting: 0(\.\d)? minutes/);
    await screenshot(page, 'reports');
  }, 60_000);

  it('downloads the same figures as CSV', async () => {
    const page = await suite.openPage(owner);
    await page.goto(`${url}/reports`);
    await page.getByTestId('stage-table').waitFor();
    const link = page.getByRole('link', { name: 'Download CSV' });
    expect(await link.getAttribute('download')).not.toBeNull();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('stage,label,kind,probability,count,amount,weighted');
    STAGES.forEach((s, i) => {
      const e = expected(s.key);
      expect(lines[i + 1]).toBe([s.key, s.label, s.kind, s.probability, e.count, e.amount, e.weighted].join(','));
    });
  }, 30_000);

  it('says when the report could not be loaded, and loads it again on request', async () => {
    const page = await suite.openPage(owner);
    let fail = true;
    const report = (u: URL) => u.pathname === '/api/reports/pipeline';
    const problem = { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down.' };
    await page.route(report, (route) =>
      fail ? route.fulfill({ status: 429, contentType: 'application/problem+json', body: JSON.stringify(problem) }) : route.continue(),
    );
    await page.goto(`${url}/reports`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The report could not be loaded.');
    await screenshot(page, 'reports-error');
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('stage-table').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.unroute(report);
  }, 30_000);

  it('gives a member without reports.view no link and a plain no-access message', async () => {
    const page = await ownCompany();
    await addPerson(page.request, url, { email: 'milo@harbor.test', name: 'Milo Member', role: 'member', password: PASSWORD });
    const member = await suite.openPage(await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } }));
    expect((await member.request.post(`${url}/api/login`, { data: { email: 'milo@harbor.test', password: PASSWORD } })).status()).toBe(200);
    await member.goto(`${url}/`);
    await member.getByRole('navigation').getByRole('link', { name: 'Opportunities' }).waitFor();
    expect(await member.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await member.goto(`${url}/reports`);
    const refused = member.getByTestId('reports-no-access');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Your role has no access to reports');
    expect(await member.getByRole('table').count()).toBe(0);
    expect((await member.request.get(`${url}/api/reports/pipeline`)).status()).toBe(403);
    await screenshot(member, 'reports-no-access');
  }, 30_000);

  it('speaks the person’s language', async () => {
    // The owner's language changes: a company and owner of the test's own.
    const page = await ownCompany();
    await createDeals(page.request);
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).ok()).toBe(true);
    await page.goto(`${url}/reports`);
    await page.getByRole('heading', { name: 'Berichte', level: 1 }).waitFor();
    expect((await cells(page, 'stage-table', 'proposal'))[0]).toBe('Angebot');
    expect((await cells(page, 'stage-table', 'proposal'))[3]).toBe(new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).format(20000));
    await screenshot(page, 'reports-de');
  }, 30_000);

  it('reported no console errors or CSP violations', () => {
    expect(suite.problems.flat()).toEqual([]);
  });
});
