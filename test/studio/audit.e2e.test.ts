import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

// The audit trail page in Chromium against the real server: events in words, narrowing to a person and a record,
// refused requests, CSV, German and phone width.
let suite: BrowserSuite;
let page: Page;
let url = '';
let leadId = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-audit');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Audit' });
  await addPerson(page.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: 'Blue-Harbor-Lantern-42' });
  const mia = await suite.openPage();
  expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: 'Blue-Harbor-Lantern-42' } })).status()).toBe(200);
  leadId = (await createRecord(mia.request, url, 'lead', { lastName: 'Lovelace', company: 'Analytical', rating: 'cold' })).id;
  const current = await (await mia.request.get(`${url}/api/records/lead/${leadId}`)).json();
  const patched = await mia.request.patch(`${url}/api/records/lead/${leadId}`, {
    data: { data: { rating: 'hot' } },
    headers: { 'if-match': `"${current.version}"` },
  });
  expect(patched.status()).toBe(200);
  // A request beyond Mia's role.
  expect((await mia.request.patch(`${url}/api/tenant`, { data: { name: 'Mine' } })).status()).toBe(403);
}, 60_000);
afterAll(() => suite?.stop());

describe('the audit trail page', () => {
  it('tells events in words, narrows to a person and a record, and downloads them', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio`);
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await page.getByText('Mia Member was refused: PATCH /api/tenant.').waitFor();
    await page.getByText('Only owners change the tenant’s settings.').waitFor();
    // The lead's change, by its title and with the changed value by its label.
    const changed = page.locator('tr[data-action="record.updated"]');
    expect(await changed.locator('td').nth(2).textContent()).toContain('Mia Member changed Lovelace.');
    expect(await changed.locator('td').nth(3).textContent()).toBe('Rating: Cold → Hot');
    // Other events' details by their names in words, too.
    expect(await page.locator('tr[data-action="invitation.created"] td').nth(3).textContent()).toContain('Email: mia@harbor.test');
    await screenshot(page, 'audit-trail');

    // Only Mia's events, then only this lead's.
    await changed.getByRole('button', { name: 'Mia Member' }).click();
    await page.getByRole('button', { name: 'Remove filter: By Mia Member' }).waitFor();
    await expect.poll(async () => new Set(await page.locator('tbody tr td:nth-child(2) button').allTextContents())).toEqual(new Set(['Mia Member']));
    await page.locator('tr[data-action="record.created"]').getByRole('button', { name: 'Only events about Lovelace' }).click();
    await expect
      .poll(async () => (await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).join())
      .toBe('record.updated,record.created');
    // Refused requests only.
    await page.getByRole('button', { name: 'Remove filter: By Mia Member' }).click();
    await page.getByRole('button', { name: 'Remove filter: About Lovelace' }).click();
    await page.getByLabel('What').selectOption({ label: 'Refused requests' });
    await page.getByRole('button', { name: 'Show events' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);

    const csv = await page.request.get(new URL((await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))!, url).toString());
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(2);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German and fits a phone', { timeout: 120_000 }, async () => {
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.goto(`${url}/studio/audit`);
    await page.getByRole('heading', { name: 'Protokoll', level: 1 }).waitFor();
    await page.getByText('Mia Member hat Lovelace geändert.').waitFor();
    await page.getByText('Bewertung: Kalt → Heiß').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'audit-trail-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });

    // How long the trail keeps events is a company setting.
    await page.goto(`${url}/studio/settings`);
    await page.getByLabel('Protokoll aufbewahren').selectOption({ label: '1 Jahr' });
    await page.getByRole('button', { name: 'Einstellungen speichern', exact: true }).click();
    await page.getByText('Einstellungen gespeichert.', { exact: true }).waitFor();
    expect(((await (await page.request.get(`${url}/api/tenant`)).json()) as { settings: { auditRetentionDays: number } }).settings.auditRetentionDays).toBe(
      365,
    );
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'en' } })).status()).toBe(204);
    expect(suite.problems.flat()).toEqual([]);
  });
});
