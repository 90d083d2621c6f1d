import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPerson, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';
import type { ServerProcess } from '../support/server.ts';

// The studio's users and settings pages in Chromium, against the real server on a fresh database (needs `vite build` first).
const OWNER = { tenantName: 'Acme Studio', name: 'Olivia Owner', password: 'owner-pass-2231' };
const MEMBER = { name: 'Mia Member', email: 'mia@acme.test', password: 'first-pass-7781' };
const OUTSIDER = { tenantName: 'Other Co', name: 'Oscar Outside', email: 'oscar@other.test', password: 'oscar-pass-5512' };

let suite: BrowserSuite;
let server: ServerProcess;
/** The owner's page: each test has a fresh profile owning an Acme Studio of its own. */
let page: Page;
/** The slug of that test's company. */
let slug = '';

const post = (path: string, body: unknown) =>
  fetch(`${server.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const rowOf = (name: string): Locator => page.locator('tbody tr').filter({ has: page.locator('.member-name', { hasText: name }) });
const statusOf = (name: string) => rowOf(name).locator('[role="status"]');
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-users');
  server = suite.server;
  expect((await post('/signup', OUTSIDER)).status).toBe(201);
}, 60_000);

beforeEach(async () => {
  page = await suite.openPage();
  ({ slug } = await signUpCompany(page.request, server.url, OWNER));
});

// Every page stays free of errors (once checked by the journey's last steps only).
afterEach(async () => {
  await page.context().close();
  expect(suite.problems.flat()).toEqual([]);
});

afterAll(() => suite?.stop());

let members = 0;
/** Mia, joined to the test's company as a member, with an email of her own (an email is one account across companies). */
async function joinedMember() {
  const member = { ...MEMBER, email: `mia.${++members}@acme.test` };
  await addPerson(page.request, server.url, { ...member, role: 'member' });
  return member;
}

/** Opens the users page once it lists everyone named. */
async function openUsers(...names: string[]) {
  await page.goto(`${server.url}/studio/users`);
  for (const name of [OWNER.name, ...names]) await rowOf(name).waitFor();
}

describe('studio: users and roles', () => {
  it('invites a member, showing the server’s email rule under the field; the member joins through the link', async () => {
    await openUsers();
    await page.getByLabel('Email').fill('mia@acme');
    await page.getByLabel('Name', { exact: true }).fill(MEMBER.name);
    await page.getByLabel('Role', { exact: true }).selectOption('member');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const email = page.getByLabel('Email');
    await page.locator('#invite-email-error').waitFor();
    expect(await textOf(page.locator('#invite-email-error'))).toBe('Enter an email address such as name@example.com.');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('invite-email-error');
    expect(await textOf(page.getByRole('alert'))).toBe('Please correct the highlighted fields.');
    await screenshot(page, 'studio-users-field-error');

    await email.fill(MEMBER.email);
    await page.getByRole('button', { name: 'Create invitation' }).click();
    await page.getByText(`Invitation for ${MEMBER.name} (${MEMBER.email}) as Member created.`).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    const token = new URL(await page.getByLabel('Link to pass on').inputValue()).hash.slice(1);
    expect((await post('/invitations/link/accept', { token, account: 'new', password: MEMBER.password })).status).toBe(201);
    await page.reload();
    await rowOf(MEMBER.name).waitFor();
  });

  it('invites an account of another company without learning anything about it', async () => {
    await openUsers();
    await page.getByLabel('Email').fill(OUTSIDER.email);
    await page.getByLabel('Name', { exact: true }).fill('Someone Else');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    // The same answer as for anyone: the name typed, nothing of the account's own.
    await page.getByText(`Invitation for Someone Else (${OUTSIDER.email}) as Member created.`).waitFor();
    await page.getByTestId('open-invitation').filter({ hasText: 'Someone Else' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(OUTSIDER.name);
    expect(await rowOf(OUTSIDER.name).count()).toBe(0);
    expect((await post('/login', { email: OUTSIDER.email, password: OUTSIDER.password, tenant: slug })).status).toBe(409);
  });

  it('changes the member’s role in place', async () => {
    const member = await joinedMember();
    await page.request.post(`${server.url}/api/teams`, { data: { key: 'North', name: 'North' } });
    await openUsers(member.name);
    await rowOf(member.name).getByLabel(`Role of ${member.name}`).selectOption('sales_rep');
    await rowOf(member.name).getByLabel(`Team of ${member.name}`).selectOption({ label: 'North' });
    await rowOf(member.name)
      .getByRole('button', { name: `Save changes for ${member.name}` })
      .click();
    await expect.poll(() => textOf(statusOf(member.name))).toBe(`Changes saved for ${member.name}.`);
    const users = await page.evaluate(() => fetch('/api/users').then((r) => r.json()));
    expect(users.items.find((u: { email: string }) => u.email === member.email)).toMatchObject({ role: 'sales_rep', team: 'North' });

    // A second role: chosen in the row's "Other roles", saved with the row, named under the role.
    await rowOf(member.name)
      .getByRole('button', { name: `Other roles of ${member.name}` })
      .click();
    await page
      .getByRole('group', { name: `Other roles of ${member.name}` })
      .getByLabel('Manager')
      .check();
    await rowOf(member.name)
      .getByRole('button', { name: `Save changes for ${member.name}` })
      .click();
    await expect.poll(() => textOf(statusOf(member.name))).toBe(`Changes saved for ${member.name}.`);
    await rowOf(member.name).getByText('Also: Manager').waitFor();
    await screenshot(page, 'users-other-roles');
    const again = await page.evaluate(() => fetch('/api/users').then((r) => r.json()));
    expect(again.items.find((u: { email: string }) => u.email === member.email)).toMatchObject({ role: 'sales_rep', roles: ['sales_rep', 'manager'] });
  });

  it('shows the last-owner conflict in the owner’s own row and keeps the saved role', async () => {
    await openUsers();
    const row = rowOf(OWNER.name);
    await row.getByLabel(`Role of ${OWNER.name}`).selectOption('member');
    await row.getByRole('button', { name: `Save changes for ${OWNER.name}` }).click();
    const alert = page.locator('tr.member-detail [role="alert"]');
    await alert.waitFor();
    expect(await textOf(alert)).toBe('This is the last active owner: make someone else an owner first.');
    expect(await row.getByLabel(`Role of ${OWNER.name}`).inputValue()).toBe('owner');
    await screenshot(page, 'studio-users-last-owner');
  });

  it('sets a new password for the member, who can then log in with it', async () => {
    const member = await joinedMember();
    await openUsers(member.name);
    await rowOf(member.name).getByRole('button', { name: 'Set password' }).click();
    const input = page.getByLabel(`New password for ${member.name}`);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    // Long enough for the company's rule (12 characters), but on the list of common passwords.
    await input.fill('1qaz2wsx3edc');
    await page.locator('form.password-form').getByRole('button', { name: 'Set password' }).click();
    const error = page.locator(`#password-${await memberId(member.email)}-error`);
    await error.waitFor();
    expect(await textOf(error)).toBe('This is one of the most common passwords; choose another.');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'studio-users-password-error');

    await input.fill('second-pass-9034');
    await page.locator('form.password-form').getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => textOf(statusOf(member.name))).toBe(`New password set for ${member.name}.`);
    expect((await post('/login', { email: member.email, password: member.password })).status).toBe(401);
    expect((await post('/login', { email: member.email, password: 'second-pass-9034' })).status).toBe(200);
  });

  it('signs the member out of every session in this company', async () => {
    const member = await joinedMember();
    const login = await post('/login', { email: member.email, password: member.password });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const me = () => fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect((await me()).status).toBe(200);
    await openUsers(member.name);
    await rowOf(member.name).getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect.poll(() => textOf(statusOf(member.name))).toBe(`${member.name} is signed out of every session in this company.`);
    expect((await me()).status).toBe(401);
    // Their account stays: they sign in again.
    expect((await post('/login', { email: member.email, password: member.password })).status).toBe(200);
  });

  it('deactivates the member, then removes them after confirming', async () => {
    const member = await joinedMember();
    await openUsers(member.name);
    await rowOf(member.name).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => textOf(rowOf(member.name).locator('.badge.off'))).toBe('Deactivated');
    expect(await textOf(statusOf(member.name))).toBe(`${member.name} is deactivated and was signed out.`);
    expect((await post('/login', { email: member.email, password: member.password })).status).not.toBe(200);
    await screenshot(page, 'studio-users');

    await rowOf(member.name).getByRole('button', { name: 'Remove' }).click();
    const cancel = page.locator('tr.member-detail').getByRole('button', { name: 'Cancel' });
    await expect.poll(() => cancel.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: `Remove ${member.name}` }).click();
    await page.getByText(`${member.name} was removed.`).waitFor();
    expect(await rowOf(member.name).count()).toBe(0);
    expect(suite.problems.flat()).toEqual([]);
  });
});

describe('studio: company settings', () => {
  it('saves the default language and currency, which stay after a reload', async () => {
    await page.goto(`${server.url}/studio/settings`);
    const currency = page.getByLabel('Currency');
    await currency.waitFor();
    expect(await currency.locator('option[value="CHF"]').textContent()).toBe('Swiss Franc (CHF)');
    const name = page.getByLabel('Company name');
    await name.fill('  ');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#settings-name-error').waitFor();
    expect(await textOf(page.locator('#settings-name-error'))).toBe('Please fill this in.');
    expect(await name.getAttribute('aria-describedby')).toBe('settings-name-error');
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill('Acme Studio GmbH');
    await page.getByLabel('Default language').selectOption('de');
    await currency.selectOption('CHF');
    await page.getByLabel('Timezone').selectOption('Europe/Zurich');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The owner has no language of their own, so the new default switches the page to German.
    await page.getByRole('status').filter({ hasText: 'Einstellungen gespeichert.' }).waitFor();
    await screenshot(page, 'studio-settings');

    await page.reload();
    await page.getByRole('heading', { name: 'Firmeneinstellungen' }).waitFor();
    expect(await page.getByLabel('Standardsprache').inputValue()).toBe('de');
    expect(await page.getByLabel('Währung').inputValue()).toBe('CHF');
    expect(await page.getByLabel('Zeitzone').inputValue()).toBe('Europe/Zurich');
    expect(await page.getByLabel('Währung').locator('option[value="CHF"]').textContent()).toBe('Schweizer Franken (CHF)');
    const tenant = await page.evaluate(() => fetch('/api/tenant').then((r) => r.json()));
    expect(tenant).toMatchObject({ name: 'Acme Studio GmbH', settings: { defaultLocale: 'de', currency: 'CHF', timezone: 'Europe/Zurich' } });
    expect(suite.problems.flat()).toEqual([]);
  });
});

async function memberId(email: string): Promise<string> {
  const users = await page.evaluate(() => fetch('/api/users').then((r) => r.json()));
  return users.items.find((u: { email: string }) => u.email === email).id;
}
