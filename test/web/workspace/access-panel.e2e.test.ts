import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// "Who can see this?" on a record, in Chromium against the real server: an owner picks a person and reads why.
const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let owner: Page;
let url = '';
let dealId = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-access-panel');
  url = suite.server.url;
  owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: 'Harbor Access' });
  await addPerson(owner.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: PASSWORD });
  await addPerson(owner.request, url, { email: 'sam@harbor.test', name: 'Sam Service', role: 'service_rep', password: PASSWORD });
  const mia = await suite.openPage();
  expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD } })).status()).toBe(200);
  dealId = (await createRecord(mia.request, url, 'opportunity', { name: 'Mia’s deal' })).id;
  await createRecord(owner.request, url, 'opportunity', { name: 'Owner deal' });
}, 60_000);
afterAll(() => suite?.stop());

describe('who can see this record', () => {
  it('tells an owner, per person, what they may do to the record and why, in English and German', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/opportunity/${dealId}`);
    const panel = owner.getByTestId('access-panel');
    await panel.getByLabel('Person').selectOption({ label: 'Mia Member' });
    await panel.getByText('Mia Member may see it: it is assigned to them.').waitFor();
    await panel.getByText('Mia Member may not assign it: their role grants this for no opportunity.').waitFor();
    await panel.getByLabel('Person').selectOption({ label: 'Sam Service' });
    await panel.getByText('Sam Service may not see it: their role grants this for no opportunity.').waitFor();
    await screenshot(owner, 'record-access-panel');
    expect((await owner.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await owner.reload();
    await owner.getByTestId('access-panel').getByLabel('Person').selectOption({ label: 'Mia Member' });
    await owner.getByText('Mia Member darf es sehen: Es ist dieser Person zugewiesen.').waitFor();
    expect((await owner.request.patch(`${url}/api/me`, { data: { locale: 'en' } })).status()).toBe(204);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('shows an owner a list exactly as another person sees it, and back', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/opportunity`);
    const names = () => owner.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td a')?.textContent?.trim()).sort());
    await expect.poll(names).toEqual(['Mia’s deal', 'Owner deal']);
    await owner.getByLabel('View as').selectOption({ label: 'Mia Member' });
    await owner.getByText('You see opportunities as Mia Member sees them.').waitFor();
    await expect.poll(names).toEqual(['Mia’s deal']);
    await screenshot(owner, 'list-view-as');
    await owner.getByRole('button', { name: 'Back to my view' }).click();
    await expect.poll(names).toEqual(['Mia’s deal', 'Owner deal']);
    expect(suite.problems.flat()).toEqual([]);
  });
});
