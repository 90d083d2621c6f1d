import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../support/harness.ts';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// The opportunity board in Chromium against the real server on a fresh database (needs `vite build` first).
const money = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(n);

let suite: BrowserSuite;
let url = '';

const create = (request: APIRequestContext, entity: string, data: Record<string, unknown>) => createRecord(request, url, entity, data);

const column = (p: Page, stage: string) => p.locator(`.board-column[data-stage="${stage}"]`);
const count = async (p: Page, stage: string) => ((await column(p, stage).getByTestId('column-count').textContent()) ?? '').trim();
const sums = async (p: Page, stage: string) => ((await column(p, stage).getByTestId('column-sums').innerText()) ?? '').replace(/\s+/g, ' ').trim();
const card = (p: Page, title: string) => p.locator('.board-card').filter({ has: p.getByRole('link', { name: title, exact: true }) });

/** Moves a record to `stage` through the API. */
async function move(request: APIRequestContext, record: { id: string; etag: string }, stage: string, closeReason?: string) {
  const moved = await request.post(`${url}/api/records/opportunity/${record.id}/stage`, {
    data: { stage, ...(closeReason ? { closeReason } : {}) },
    headers: { 'if-match': record.etag },
  });
  expect(moved.status()).toBe(200);
}

/**
 * A fresh profile owning a company of its own with three deals: Acme rollout (no amount) and Globex renewal (5,000) in
 * Prospecting, Initech expansion (20,000) in Proposal. `moved` puts Acme and Globex where earlier moves would have left them.
 */
async function boardCompany(moved: { acme?: 'proposal'; globex?: { stage: string; amount: number; closeReason?: string } } = {}): Promise<Page> {
  const page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Freight Works' });
  const account = await create(page.request, 'account', { name: 'Acme Corporation' });
  // Proposal asks for an amount: the one given when Acme was dragged there.
  const acme = await create(page.request, 'opportunity', {
    name: 'Acme rollout',
    account: account.id,
    closeDate: '2026-03-31',
    ...(moved.acme ? { amount: 12000 } : {}),
  });
  if (moved.acme) await move(page.request, acme, moved.acme);
  const globex = await create(page.request, 'opportunity', { name: 'Globex renewal', amount: moved.globex?.amount ?? 5000 });
  if (moved.globex) await move(page.request, globex, moved.globex.stage, moved.globex.closeReason);
  const initech = await create(page.request, 'opportunity', { name: 'Initech expansion', amount: 20000 });
  await move(page.request, initech, 'proposal');
  return page;
}

/** Opens the board of the company `page` is signed in to. */
async function openBoard(page: Page) {
  await page.goto(`${url}/records/opportunity/board`);
  await card(page, 'Acme rollout').waitFor();
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-board');
  url = suite.server.url;
}, 60_000);

afterAll(() => suite?.stop());

// Whatever ran before: no page of the test reported a console problem.
afterEach(() => expect(suite.problems.flat()).toEqual([]));

describe('opportunity board', () => {
  it('opens from the list and shows a column per stage with counts and sums', async () => {
    const page = await boardCompany();
    await page.goto(`${url}/records/opportunity`);
    await page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Board' }).click();
    await page.waitForURL(/\/records\/opportunity\/board$/);
    await card(page, 'Acme rollout').waitFor();
    expect(await page.locator('.board-column h2').allTextContents()).toEqual([
      'Prospecting',
      'Qualification',
      'Proposal',
      'Negotiation',
      'Closed won',
      'Closed lost',
    ]);
    expect(await count(page, 'prospecting')).toBe('2');
    expect(await sums(page, 'prospecting')).toBe(`Total ${money(5000)} Weighted at 10 %: ${money(500)}`);
    expect(await count(page, 'proposal')).toBe('1');
    expect(await sums(page, 'proposal')).toBe(`Total ${money(20000)} Weighted at 50 %: ${money(10000)}`);
    expect(await column(page, 'negotiation').textContent()).toContain('No opportunities in this stage');
    await card(page, 'Acme rollout').getByText('Acme Corporation').waitFor();
    expect(await card(page, 'Acme rollout').textContent()).toContain('Olive Owner');
    await screenshot(page, 'board');
  }, 30_000);

  it('changes a card’s amount in place, and its column’s sums with it', async () => {
    const page = await boardCompany();
    await openBoard(page);
    await card(page, 'Globex renewal').getByRole('button', { name: 'Change Amount of Globex renewal' }).click();
    const input = card(page, 'Globex renewal').getByRole('spinbutton', { name: 'Change Amount of Globex renewal' });
    await input.fill('7500');
    await input.press('Enter');
    await expect.poll(() => sums(page, 'prospecting')).toBe(`Total ${money(7500)} Weighted at 10 %: ${money(750)}`);
    expect(await card(page, 'Globex renewal').textContent()).toContain(money(7500));
    await screenshot(page, 'board-amount-changed');
  }, 30_000);

  it('drags a card into a stage that needs a field, asks for it, and moves it', async () => {
    const page = await boardCompany();
    await openBoard(page);
    await card(page, 'Acme rollout').dragTo(column(page, 'proposal'));
    const dialog = page.getByRole('dialog', { name: 'Move “Acme rollout” to Proposal' });
    await dialog.waitFor();
    const amount = dialog.getByLabel('Amount');
    await expect.poll(() => amount.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'board-dialog');
    await amount.fill('12000');
    await dialog.getByRole('button', { name: 'Move to Proposal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card(page, 'Acme rollout').and(page.locator('[data-stage="proposal"] .board-card')).waitFor();
    expect(await count(page, 'proposal')).toBe('2');
    expect(await sums(page, 'proposal')).toBe(`Total ${money(32000)} Weighted at 50 %: ${money(16000)}`);
    expect(await count(page, 'prospecting')).toBe('1');
    expect(await card(page, 'Acme rollout').textContent()).toContain(money(12000));
    expect(await page.getByTestId('board-announcement').textContent()).toBe('“Acme rollout” moved to Proposal.');
  }, 30_000);

  it('moves a card to the next stage with Alt+Arrow Right', async () => {
    const page = await boardCompany({ acme: 'proposal' });
    await openBoard(page);
    await card(page, 'Globex renewal').getByRole('link').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await page.locator('[data-stage="qualification"] .board-card').filter({ hasText: 'Globex renewal' }).waitFor();
    expect(await count(page, 'qualification')).toBe('1');
    expect(await count(page, 'prospecting')).toBe('0');
    expect(await sums(page, 'qualification')).toBe(`Total ${money(5000)} Weighted at 25 %: ${money(1250)}`);
    // The focus follows the card, so the next Alt+Arrow moves it on.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Globex renewal');
    expect(page.url()).toMatch(/\/records\/opportunity\/board$/);
    expect(await page.getByTestId('board-announcement').textContent()).toBe('“Globex renewal” moved to Qualification.');
    await screenshot(page, 'board-after-moves');
  }, 30_000);

  it('says so when someone else changed the card first, and shows the board as it is now', async () => {
    const page = await boardCompany({ acme: 'proposal', globex: { stage: 'qualification', amount: 5000 } });
    await openBoard(page);
    const id = await card(page, 'Globex renewal').getAttribute('data-id');
    const current = await page.request.get(`${url}/api/records/opportunity/${id}`);
    const patched = await page.request.patch(`${url}/api/records/opportunity/${id}`, {
      data: { data: { amount: 6000 } },
      headers: { 'if-match': current.headers()['etag']! },
    });
    expect(patched.status()).toBe(200);
    await card(page, 'Globex renewal').getByLabel('Move “Globex renewal” to another stage').selectOption('closed_lost');
    const notice = page.getByTestId('board-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Someone else changed “Globex renewal” in the meantime');
    // Reloaded: the card shows the other person's amount and stays where it was.
    await card(page, 'Globex renewal').getByText(money(6000)).waitFor();
    expect(await count(page, 'qualification')).toBe('1');
    await screenshot(page, 'board-stale');
  }, 30_000);

  it('asks for a close reason when a deal is lost', async () => {
    const page = await boardCompany({ acme: 'proposal', globex: { stage: 'qualification', amount: 6000 } });
    await openBoard(page);
    await card(page, 'Globex renewal').getByLabel('Move “Globex renewal” to another stage').selectOption('closed_lost');
    const dialog = page.getByRole('dialog', { name: 'Move “Globex renewal” to Closed lost' });
    await dialog.waitFor();
    // Only the reason is asked for: no field is missing for this stage.
    expect(await dialog.locator('.record-form').count()).toBe(0);
    await expect.poll(() => dialog.getByLabel('Reason').evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'board-dialog-reason');
    await dialog.getByLabel('Reason').fill('Chose a cheaper supplier');
    await dialog.getByRole('button', { name: 'Move to Closed lost' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-stage="closed_lost"] .board-card').filter({ hasText: 'Globex renewal' }).waitFor();
    expect(await count(page, 'closed_lost')).toBe('1');
    expect(await sums(page, 'closed_lost')).toBe(`Total ${money(6000)} Weighted at 0 %: ${money(0)}`);
  }, 30_000);

  it('takes the column titles of another language at once, keeping the cards', async () => {
    const page = await boardCompany({ acme: 'proposal', globex: { stage: 'closed_lost', amount: 6000, closeReason: 'Chose a cheaper supplier' } });
    await openBoard(page);
    await page.getByLabel('Language').selectOption('de');
    await page.locator('.board-column h2').first().filter({ hasText: 'Akquise' }).waitFor();
    expect(await page.locator('.board-column h2').allTextContents()).toEqual(['Akquise', 'Qualifizierung', 'Angebot', 'Verhandlung', 'Gewonnen', 'Verloren']);
    expect(await count(page, 'closed_lost')).toBe('1');
    await page.getByLabel('Sprache').selectOption('en');
    await page.locator('.board-column h2').first().filter({ hasText: 'Prospecting' }).waitFor();
  }, 30_000);

  it('shows a member only their own cards: none yet', async () => {
    const page = await boardCompany();
    await addPerson(page.request, url, { email: 'milo@harbor.test', name: 'Milo Member', role: 'member', password: PASSWORD });
    const member = await suite.openPage(await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } }));
    expect((await member.request.post(`${url}/api/login`, { data: { email: 'milo@harbor.test', password: PASSWORD } })).status()).toBe(200);
    await member.goto(`${url}/records/opportunity/board`);
    await column(member, 'closed_lost').waitFor();
    expect(await member.locator('.board-card').count()).toBe(0);
    expect(await member.getByText('No opportunities in this stage').count()).toBe(6);
    for (const stage of ['prospecting', 'proposal']) expect(await count(member, stage)).toBe('0');
    expect(await member.getByTestId('board-nothing').textContent()).toContain('There are no opportunities you can see yet');
    await screenshot(member, 'board-member-empty');
  }, 30_000);

  it('reported no console errors', () => {
    expect(suite.problems.flat()).toEqual([]);
  });
});
