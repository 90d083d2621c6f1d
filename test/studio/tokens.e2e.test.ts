import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

// The studio's API tokens page in Chromium against the real server: create (shown once), use, revoke; German; phone width.
let suite: BrowserSuite;
let page: Page;
let url = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-tokens');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Tools' });
}, 60_000);
afterAll(() => suite?.stop());

const bearer = (token: string, method = 'GET', path = '/api/records/lead', body?: unknown) =>
  fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const row = (name: string) => page.locator('tbody tr').filter({ has: page.locator('.token-name', { hasText: name }) });

describe('API tokens in the studio', () => {
  it('creates a read-only token shown once, lists its use, and revokes it', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio`);
    await page.getByRole('link', { name: 'API tokens' }).first().click();
    await page.getByRole('heading', { name: 'API tokens', exact: true }).waitFor();
    await page.getByText('No API tokens yet').waitFor();
    // People and access share one link in the navigation; their pages link to each other.
    const area = page.getByRole('navigation', { name: 'People and access' });
    expect(await area.getByRole('link', { name: 'API tokens' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.shell-nav a.active').textContent()).toBe('People and access');
    await screenshot(page, 'tokens-empty');

    // Without a name: said at the field, nothing created.
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Please fill this in.').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await page.getByLabel('What it may do').selectOption({ label: 'Read only' });
    await page.getByLabel('Expires').selectOption({ label: 'In 30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Token “Nightly export” created. Copy it now: it is shown only this once.').waitFor();
    const token = await page.getByLabel('The new token').inputValue();
    expect(token).toMatch(/^crm_/);
    await screenshot(page, 'tokens-created');

    // It reads, and refuses to write.
    expect((await bearer(token)).status).toBe(200);
    expect((await bearer(token, 'POST', '/api/records/lead', { data: { lastName: 'Never', company: 'Written' } })).status).toBe(403);

    // Listed without its secret, with what it may do, its last use and its expiry.
    await page.reload();
    await row('Nightly export').waitFor();
    expect(await page.content()).not.toContain(token);
    const cells = await row('Nightly export').locator('td').allTextContents();
    expect(cells[1]).toBe('Read only');
    expect(cells[3]).not.toBe('Never');
    expect(cells[4]).not.toBe('Never');
    expect(cells[5]).toBe('Active');

    // Revoking asks first, with focus on Cancel; then the token stops working.
    await row('Nightly export').getByRole('button', { name: 'Revoke Nightly export' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
    await screenshot(page, 'tokens-revoke-confirm');
    await row('Nightly export').getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page.getByText('Token “Nightly export” revoked.').waitFor();
    await expect.poll(async () => (await row('Nightly export').locator('td').allTextContents())[5]).toMatch(/^Revoked /);
    expect((await bearer(token)).status).toBe(401);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German and fits a phone', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/tokens`);
    // The page is there (and who is signed in known) before the language changes.
    await page.getByRole('heading', { name: 'API tokens', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'API-Tokens', exact: true }).waitFor();
    await page.getByLabel('Was es darf').selectOption({ label: 'Nur Konfiguration exportieren und importieren (Kommandozeile)' });
    await page.getByLabel('Name', { exact: true }).fill('Kommandozeile');
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    await page.getByText('Token „Kommandozeile“ erstellt.', { exact: false }).waitFor();
    const token = await page.getByLabel('Das neue Token').inputValue();
    expect((await bearer(token, 'GET', '/api/config/export')).status).toBe(200);
    expect((await bearer(token)).status).toBe(403);
    await screenshot(page, 'tokens-de');

    await page.setViewportSize({ width: 390, height: 844 });
    await row('Kommandozeile').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'tokens-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
