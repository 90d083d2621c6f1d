import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_TIMEOUT, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';
import type { ServerProcess } from '../../support/server.ts';

// The member workspace in Chromium against the real server on a fresh database (needs `vite build` first).
const OWNER = { tenantName: 'Northwind Trading', name: 'Nora North', email: 'nora@northwind.test', password: 'nora-pass-8812' };
const LEAD = { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', rating: 'warm' };

let suite: BrowserSuite;
let server: ServerProcess;
/** Nora's profile: owner of a company signed up through the API; each test that changes a lead makes one of its own there. */
let nora: BrowserContext;

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

/** Another tab of Nora's (same cookies). */
const openPage = () => suite.openPage(nora);

/** A fresh profile that owns a company of its own, Nora its owner (for a test that needs an empty company or changes Nora). */
async function ownCompany(): Promise<Page> {
  const page = await suite.openPage();
  await signUpCompany(page.request, server.url, { tenantName: OWNER.tenantName, name: OWNER.name });
  return page;
}

/** Makes the test's own lead through the API in the company `page` is signed in to, and opens it there; returns its URL. */
async function openNewLead(page: Page): Promise<string> {
  const { id } = await createRecord(page.request, server.url, 'lead', LEAD);
  const recordUrl = `${server.url}/records/lead/${id}`;
  await page.goto(recordUrl);
  await page.getByTestId('record-title').filter({ hasText: LEAD.lastName }).waitFor();
  return recordUrl;
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-workspace');
  server = suite.server;
  nora = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  await signUpCompany(nora.request, server.url, { tenantName: OWNER.tenantName, name: OWNER.name });
}, 60_000);

afterAll(() => suite?.stop());

// Whatever ran before: no page of the test reported a console problem.
afterEach(() => expect(suite.problems.flat()).toEqual([]));

describe('member workspace', () => {
  it('signs up, then shows an empty lead list that says what to do', async () => {
    const page = await suite.openPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await screenshot(page, 'workspace-login');
    await page.getByRole('link', { name: 'Create a company account' }).click();
    await page.getByLabel('Company name').fill(OWNER.tenantName);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('#signup-password-error').waitFor();
    expect(await text(page, '#signup-password-error')).toBe('Use at least 12 characters.');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/records\/lead$/);
    await page.getByText('No leads yet').waitFor();
    expect(await page.getByRole('link', { name: 'New lead' }).count()).toBeGreaterThan(0);
    expect(await text(page, '[data-testid="list-count"]')).toBe('0 leads');
    await screenshot(page, 'workspace-list-empty');
  }, 30_000);

  it('creates a lead, which the list then shows', async () => {
    const page = await ownCompany();
    await page.goto(`${server.url}/records/lead`);
    await page.getByRole('link', { name: 'New lead' }).first().click();
    await page.getByRole('heading', { name: 'New lead' }).waitFor();
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Company').fill('Analytical Engines');
    await page.getByLabel('Rating').selectOption('warm');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/records\/lead\/(?!new)[^/]+$/);
    const recordUrl = page.url();
    await page.getByText('Nora North created this record').waitFor();
    expect(await text(page, '[data-testid="record-title"]')).toBe('Lovelace');

    await page.getByRole('link', { name: 'Back to Leads' }).click();
    const row = page.locator('tbody tr').filter({ hasText: 'Lovelace' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Analytical Engines');
    expect(await row.textContent()).toContain('Nora North');
    expect(await text(page, '[data-testid="list-count"]')).toBe('1 lead');
    await screenshot(page, 'workspace-list-rows');
    await row.getByRole('link', { name: 'Lovelace' }).click();
    await page.waitForURL(recordUrl);
  }, 30_000);

  it('edits the lead, asking before unsaved changes are left behind', async () => {
    const page = await openPage();
    const recordUrl = await openNewLead(page);
    await page.getByLabel('Company').fill('Analytical Engines Ltd');
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('link', { name: 'Back to Leads' }).click();
    expect(page.url()).toBe(recordUrl);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByText('Nora North made changes').waitFor();
    expect(await page.locator('.changes').first().textContent()).toContain('Analytical Engines Ltd');
  }, 30_000);

  it('shows a conflict when someone else saved first, and keeps the person’s edits on top of their version', async () => {
    const page = await openPage();
    const recordUrl = await openNewLead(page);
    const other = await openPage();
    await other.goto(recordUrl);
    await other.getByLabel('Job title').waitFor();
    await page.getByLabel('Job title').fill('Countess');
    await other.getByLabel('Job title').fill('Mathematician');
    await other.getByLabel('Rating').selectOption('hot');
    await other.getByRole('button', { name: 'Save' }).click();
    await other.getByText('Saved.').waitFor();

    // A page in the background gets its animation frames throttled, which slows every action on it.
    await page.bringToFront();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('This record was changed by someone else').waitFor();
    await screenshot(page, 'workspace-conflict');
    await page.getByRole('button', { name: 'Load their version' }).click();
    await page.locator('[data-testid="merged"]').waitFor();
    expect(await page.getByLabel('Job title').inputValue()).toBe('Countess');
    expect(await page.getByLabel('Rating').inputValue()).toBe('hot');
    expect(await page.locator('[data-testid="merged"]').textContent()).toContain('Mathematician');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await other.bringToFront();
    await other.reload();
    await other.getByLabel('Job title').waitFor();
    expect(await other.getByLabel('Job title').inputValue()).toBe('Countess');
    expect(await other.getByLabel('Rating').inputValue()).toBe('hot');
    await other.close();
    await page.bringToFront();
  }, 30_000);

  it('adds a note to the timeline', async () => {
    const page = await openPage();
    await openNewLead(page);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Write a note first.').waitFor();
    expect(await page.getByLabel('Add a note').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Add a note').fill('Wants a demo of the difference engine.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.note-text', { hasText: 'Wants a demo of the difference engine.' }).waitFor();
    expect(await page.getByLabel('Add a note').inputValue()).toBe('');
    await screenshot(page, 'workspace-record-timeline');
  }, 30_000);

  it('shows entity and field names in the language picked', async () => {
    // Picking a language changes the person: a company and owner of the test's own.
    const page = await ownCompany();
    await openNewLead(page);
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('link', { name: 'Verkaufschancen' }).waitFor();
    await page.getByLabel('Position').waitFor();
    expect(await page.getByRole('button', { name: 'Notiz speichern' }).count()).toBe(1);
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('link', { name: 'Opportunities' }).waitFor();
  }, 30_000);

  it('refuses a lead the form does not accept, highlighting the fields the server named', async () => {
    const fresh = await openPage();
    await fresh.goto(`${server.url}/records/lead/new`);
    await fresh.getByLabel('Email').fill('not-an-email');
    await fresh.getByRole('button', { name: 'Create' }).click();
    await fresh.getByText('Please correct the highlighted fields.').waitFor();
    await fresh.getByText('Enter a valid email.').waitFor();
    expect(await fresh.getByLabel('Last name').getAttribute('aria-invalid')).toBe('true');
    await fresh.getByLabel('Last name').fill('Babbage');
    await fresh.getByLabel('Email').fill('charles@engines.test');
    await fresh.getByRole('button', { name: 'Create' }).click();
    await fresh.waitForURL(/\/records\/lead\/(?!new)[^/]+$/);
    await fresh.getByText('Saved.').waitFor();
    await fresh.close();
    expect(suite.problems.flat()).toEqual([]);
  }, 30_000);

  it('a new deal names the fields its first stage needs, and the server asks for them at their place', async () => {
    const page = await ownCompany();
    const draft = await page.request.get(`${server.url}/api/config/draft`);
    const bundle = ((await draft.json()) as { bundle: { pipelines: Record<string, { stages: { requiredFields: string[] }[] }> } }).bundle;
    bundle.pipelines['sales']!.stages[0]!.requiredFields = ['amount'];
    expect((await page.request.put(`${server.url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
    expect((await page.request.post(`${server.url}/api/config/publish`, { data: {} })).status()).toBe(201);
    await page.goto(`${server.url}/records/opportunity/new`);
    await page.getByTestId('entry-needs').getByText('It starts in the stage “Prospecting”, which needs Amount.').waitFor();
    await page.getByLabel('Name').fill('Forty desks');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('is required for the stage Prospecting').waitFor();
    expect(await page.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Amount').fill('4800');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/records\/opportunity\/(?!new)[^/]+$/);
    await page.close();
    expect(suite.problems.flat()).toEqual([]);
  }, 30_000);

  it('stays on the page someone opened from the menu while the start page was still loading', async () => {
    const page = await openPage();
    // Held until the test lets them through: the configuration the start page waits for, and the page clicked in the menu.
    const hold = async (pattern: string) => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(pattern, async (route) => {
        await held;
        await route.continue();
      });
      return release;
    };
    const config = await hold('**/api/config');
    const tasksPage = await hold('**/assets/TasksPage-*.js');
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
    // The configuration arrives while the way to the tasks is still under way: the start page must not send the person to the lead list.
    config();
    await page.getByRole('navigation').getByRole('link', { name: 'Leads' }).waitFor();
    tasksPage();
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe('/tasks');
    await page.close();
  }, 30_000);

  it('says that the server cannot be reached, with a way to try again, instead of a blank page', async () => {
    // Outside the console watch: the refused request is logged as an error, on purpose.
    const context = await suite.browser.newContext({ locale: 'en-US' });
    const offline = await context.newPage();
    offline.setDefaultTimeout(PAGE_TIMEOUT);
    await offline.route('**/api/me', (route) => route.abort());
    await offline.goto(`${server.url}/records/lead`);
    await offline.getByRole('alert').filter({ hasText: 'The server could not be reached' }).waitFor();
    await offline.unroute('**/api/me');
    await offline.getByRole('button', { name: 'Try again' }).click();
    await offline.getByRole('heading', { name: 'Log in' }).waitFor();
    await context.close();
  }, 30_000);
});
