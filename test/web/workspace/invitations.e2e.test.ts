import { createClient } from '@libsql/client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../support/harness.ts';
import { PAGE_TIMEOUT, addPerson, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Joining a company takes the person's consent, walked in Chromium against the real server (needs `vite build` first).
const OWNER = { tenantName: 'Acme', name: 'Olivia Owner', email: 'olivia@acme.test', password: PASSWORD };
const PAT = { tenantName: 'Pat’s Bakery', name: 'Pat Baker', email: 'pat@bakery.test', password: PASSWORD };

let suite: BrowserSuite;
let url: string;
/** Olivia's profile as owner of Acme, signed up first so that its slug is "acme": for the tests that show or use that slug. */
let acme: BrowserContext;

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
const whoami = (page: Page) => text(page, '[data-testid="whoami"]');

/** A company of its own whose owner invites `email` through the API; returns its slug and the owner's cookie. */
async function companyInviting(name: string, email: string): Promise<{ slug: string; cookie: string }> {
  const signup = await fetch(`${url}/api/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantName: name, name: `${name} Owner`, email: `owner@${name.toLowerCase()}.test`, password: PASSWORD }),
  });
  const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
  const invited = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ email, name: 'Invitee', role: 'member' }),
  });
  expect(invited.status).toBe(201);
  return { slug: ((await signup.json()) as { tenant: { slug: string } }).tenant.slug, cookie };
}

/** Olivia in a fresh profile, owner of an Acme of the test's own (signed up through the API; its slug is not "acme"). */
async function ownAcme(): Promise<Page> {
  const owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: OWNER.tenantName, name: OWNER.name });
  await owner.request.post(`${url}/api/teams`, { data: { key: 'North', name: 'North' } });
  return owner;
}

let pats = 0;
/** An account of the test's own like Pat's (Pat Baker, owner of Pat’s Bakery), signed up through the API; returns its email. */
async function signUpPat(): Promise<string> {
  const email = `pat${++pats}@bakery.test`;
  const signup = await fetch(`${url}/api/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...PAT, email }) });
  expect(signup.status).toBe(201);
  return email;
}

/** A fresh profile signed in, through the API, as the account of `email`. */
async function signedIn(email: string, password = PASSWORD): Promise<Page> {
  const page = await suite.openPage();
  expect((await page.request.post(`${url}/api/login`, { data: { email, password } })).status()).toBe(200);
  return page;
}

/** `owner` invites `email` as a sales representative of team North, and `person` (signed in as them) accepts, both through the API. */
async function joins(owner: Page, email: string, person: Page) {
  await owner.request.post(`${url}/api/teams`, { data: { key: 'North', name: 'North' } });
  expect((await owner.request.post(`${url}/api/users`, { data: { email, name: 'Pat', role: 'sales_rep', team: 'North' } })).status()).toBe(201);
  const [invitation] = ((await (await person.request.get(`${url}/api/invitations`)).json()) as { items: { id: string }[] }).items;
  expect((await person.request.post(`${url}/api/invitations/${invitation!.id}/accept`)).status()).toBe(200);
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-invitations');
  url = suite.server.url;
  acme = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  expect((await acme.request.post(`${url}/api/signup`, { data: OWNER })).status()).toBe(201);
  expect((await acme.request.post(`${url}/api/teams`, { data: { key: 'North', name: 'North' } })).status()).toBe(201);
  expect((await fetch(`${url}/api/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PAT) })).status).toBe(201);
}, 60_000);
afterAll(() => suite?.stop());

// Whatever ran before: no page of the test reported a console problem.
afterEach(() => expect(suite.problems.flat()).toEqual([]));

describe('an owner invites an account of another company, who accepts and works in both', () => {
  it('invites from the studio: the link is shown once, the invitation waits in the list', async () => {
    const owner = await ownAcme();
    // An account of its own like Pat's: nothing of it may show here.
    const email = await signUpPat();
    await owner.goto(`${url}/studio/users`);
    await owner.getByRole('heading', { name: 'Invite a person' }).waitFor();
    await owner.getByText('No open invitations.').waitFor();
    await owner.getByLabel('Email').fill(email);
    await owner.getByLabel('Name', { exact: true }).fill('Pat');
    await owner.getByLabel('Role', { exact: true }).selectOption('sales_rep');
    await owner.getByLabel('Team (optional)').selectOption({ label: 'North' });
    await owner.getByRole('button', { name: 'Create invitation' }).click();
    await owner.getByText(`Invitation for Pat (${email}) as Sales representative created.`).waitFor();
    expect(await owner.getByLabel('Link to pass on').inputValue()).toMatch(new RegExp(`^${url}/invite#[\\w-]{43}$`));
    await owner.getByRole('button', { name: 'Copy link' }).click();
    await owner.getByText('Link copied.').waitFor();
    const row = owner.getByTestId('open-invitation').filter({ hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain('Sales representative · North');
    expect(await row.textContent()).toContain('Olivia Owner');
    // Nothing about Pat's account: not the name Pat chose, not Pat's company.
    expect(await owner.locator('main').textContent()).not.toMatch(/Pat Baker|Bakery/);
    await screenshot(owner, 'studio-users-invited');
  });

  it('the person signs in, sees the invitation, accepts it and opens the company', async () => {
    // Acme's invitation, as its owner creates it in the studio.
    const owner = await suite.openPage(acme);
    const invited = await owner.request.post(`${url}/api/users`, { data: { email: PAT.email, name: 'Pat', role: 'sales_rep', team: 'North' } });
    expect(invited.status()).toBe(201);
    const pat = await suite.openPage();
    await pat.goto(`${url}/login`);
    await pat.getByLabel('Email').fill(PAT.email);
    await pat.getByLabel('Password').fill(PAT.password);
    await pat.getByRole('button', { name: 'Log in' }).click();
    const invitation = pat.getByTestId('invitation');
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain('Acme (acme) invited you to join as Sales representative.');
    expect(await invitation.textContent()).toContain('Invited by Olivia Owner.');
    expect(await whoami(pat)).toContain('Pat’s Bakery');
    await screenshot(pat, 'workspace-invitation');

    await invitation.getByRole('button', { name: 'Accept' }).click();
    await pat.getByText('You joined Acme.').waitFor();
    await pat.getByRole('button', { name: 'Open Acme' }).click();
    await expect.poll(() => whoami(pat)).toBe('Signed in as Pat Baker (Sales representative)');
    expect(await pat.getByLabel('Company', { exact: true }).locator('option:checked').textContent()).toBe('Acme');
    // Working in Acme: a lead of Acme's, which Pat's own company never sees.
    const lead = await pat.request.post(`${url}/api/records/lead`, { data: { data: { lastName: 'Acme prospect' } } });
    expect(lead.status()).toBe(201);
    await pat.goto(`${url}/records/lead`);
    await pat.getByRole('link', { name: 'Acme prospect' }).waitFor();

    // The switcher in the header goes back to Pat's own company.
    const switcher = pat.getByLabel('Company', { exact: true });
    expect(await switcher.locator('option').allTextContents()).toEqual(['Acme', 'Pat’s Bakery']);
    await switcher.selectOption({ label: 'Pat’s Bakery' });
    await expect.poll(() => whoami(pat)).toBe('Signed in as Pat Baker (Owner)');
    expect(await pat.getByLabel('Company', { exact: true }).locator('option:checked').textContent()).toBe('Pat’s Bakery');
    await pat.goto(`${url}/records/lead`);
    await pat.getByText('No leads yet').waitFor();
    await screenshot(pat, 'workspace-company-switcher');

    await owner.goto(`${url}/studio/users`);
    await owner.locator('.member-name', { hasText: 'Pat Baker' }).waitFor();
    await owner.getByText('No open invitations.').waitFor();
  });

  it('a declined invitation grants nothing', async () => {
    // A Pat of the test's own, who joined an Acme.
    const email = await signUpPat();
    const pat = await signedIn(email);
    await joins(await ownAcme(), email, pat);
    const gamma = await companyInviting('Gamma', email);
    await pat.goto(`${url}/records/lead`);
    const invitation = pat.getByTestId('invitation').filter({ hasText: 'Gamma (gamma)' });
    await invitation.getByRole('button', { name: 'Decline' }).click();
    await pat.getByText('You declined the invitation from Gamma.').waitFor();
    expect(await pat.getByTestId('invitation').count()).toBe(0);
    expect(await pat.getByLabel('Company', { exact: true }).locator('option').allTextContents()).toEqual(['Acme', 'Pat’s Bakery']);
    expect((await pat.request.post(`${url}/api/session/tenant`, { data: { tenant: gamma.slug } })).status()).toBe(404);
    const members = await fetch(`${url}/api/users`, { headers: { cookie: gamma.cookie } });
    expect(((await members.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('an expired invitation grants nothing, and its link says so', async () => {
    const email = await signUpPat();
    const pat = await signedIn(email);
    const delta = await companyInviting('Delta', email);
    // Seven days pass for Delta's invitation.
    const db = createClient({ url: suite.databaseUrl });
    await db.execute({
      sql: 'UPDATE invitations SET expires_at = ? WHERE tenant_id = (SELECT id FROM tenants WHERE slug = ?)',
      args: [Date.now() - 1, delta.slug],
    });
    db.close();
    await pat.goto(`${url}/records/lead`);
    await pat.getByRole('link', { name: 'Leads' }).waitFor();
    expect(await pat.getByTestId('invitation').count()).toBe(0);
    expect((await pat.request.post(`${url}/api/session/tenant`, { data: { tenant: delta.slug } })).status()).toBe(404);
  });
});

describe('a person new to the installation joins through the link', () => {
  it('gets the link from the owner, opens it on a phone and chooses their own password', async () => {
    const owner = await ownAcme();
    await owner.goto(`${url}/studio/users`);
    // Not nina@newcomer.test: that account joins another Acme in a test of its own below.
    await owner.getByLabel('Email').fill('nina.phone@newcomer.test');
    await owner.getByLabel('Name', { exact: true }).fill('Nina Newcomer');
    await owner.getByLabel('Role', { exact: true }).selectOption('service_rep');
    await owner.getByRole('button', { name: 'Create invitation' }).click();
    const link = await owner.getByLabel('Link to pass on').inputValue();

    const phone = await suite.openPage(await suite.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } }));
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Join Acme' }).waitFor();
    expect(phone.url()).toBe(`${url}/invite`);
    expect(await text(phone, 'main')).toContain('Olivia Owner invited you to join Acme as Customer service representative.');
    expect(await phone.getByLabel('Your name').inputValue()).toBe('Nina Newcomer');
    await phone.getByLabel('Choose a password').fill('short');
    await phone.getByRole('button', { name: 'Join Acme' }).click();
    await phone.locator('#invite-password-error').waitFor();
    expect(await text(phone, '#invite-password-error')).toBe('Use at least 12 characters.');
    expect(await phone.getByLabel('Choose a password').getAttribute('aria-invalid')).toBe('true');
    await screenshot(phone, 'invite-page-phone');
    // The page fits the phone: nothing sticks out sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await phone.getByLabel('Choose a password').fill('Ninas-Own-Secret-7');
    await phone.getByRole('button', { name: 'Join Acme' }).click();
    await expect.poll(() => whoami(phone)).toContain('Nina Newcomer (Customer service representative) in Acme');
  });

  it('is spent once used', async () => {
    // A link the person has joined through already.
    const owner = await ownAcme();
    const invited = await owner.request.post(`${url}/api/users`, { data: { email: 'nina.spent@newcomer.test', name: 'Nina Newcomer', role: 'service_rep' } });
    expect(invited.status()).toBe(201);
    const link = ((await invited.json()) as { link: string }).link;
    const joined = await fetch(`${url}/api/invitations/link/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: new URL(link).hash.slice(1), account: 'new', password: 'Ninas-Own-Secret-7' }),
    });
    expect(joined.status).toBe(201);
    const again = await suite.openPage();
    await again.goto(link);
    await again.getByRole('heading', { name: 'This invitation link does not work any more' }).waitFor();
    await screenshot(again, 'invite-link-spent');
  });
});

describe('resetting the password of a person of several companies', () => {
  /** Opens a member's password panel on the users page and tries to set one. */
  async function trySetting(owner: Page, name: string) {
    await owner.goto(`${url}/studio/users`);
    const row = owner.locator('tbody tr').filter({ has: owner.locator('.member-name', { hasText: name }) });
    await row.getByRole('button', { name: 'Set password' }).click();
    await owner.getByLabel(`New password for ${name}`).fill('Owner-Would-Know-1');
    await owner.locator('form.password-form').getByRole('button', { name: 'Set password' }).click();
    await owner.getByText('This person also belongs to other companies, so no one else may know their password').waitFor();
  }

  it('is not for a company the person joined later', async () => {
    // A Pat of the test's own, who signed up with a company of their own, then joined this Acme.
    const owner = await ownAcme();
    const email = await signUpPat();
    await joins(owner, email, await signedIn(email));
    await trySetting(owner, 'Pat Baker');
    await owner.getByRole('button', { name: 'Create a reset link' }).click();
    await owner.getByText('only an owner of the company they joined first can reset their password').waitFor();
  });

  it('is a link from the company they joined first, and the person chooses the new password', async () => {
    // Nina joined Acme (slug acme) first, through its link with a password of her own, then another company.
    const owner = await suite.openPage(acme);
    await addPerson(owner.request, url, { email: 'nina@newcomer.test', name: 'Nina Newcomer', role: 'service_rep', password: 'Ninas-Own-Secret-7' });
    const epsilon = await companyInviting('Epsilon', 'nina@newcomer.test');
    const nina = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nina@newcomer.test', password: 'Ninas-Own-Secret-7' }),
    });
    const cookie = nina.headers.getSetCookie()[0]!.split(';')[0]!;
    const [invitation] = ((await (await fetch(`${url}/api/invitations`, { headers: { cookie } })).json()) as { items: { id: string }[] }).items;
    expect((await fetch(`${url}/api/invitations/${invitation!.id}/accept`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect(epsilon.slug).toBe('epsilon');

    await trySetting(owner, 'Nina Newcomer');
    await owner.getByRole('button', { name: 'Create a reset link' }).click();
    await owner.getByText('Reset link for Nina Newcomer created.').waitFor();
    const link = await owner.locator('tr.member-detail input[readonly]').inputValue();
    expect(link).toMatch(new RegExp(`^${url}/reset-password#[\\w-]{43}$`));
    await screenshot(owner, 'studio-users-reset-link');

    const reset = await suite.openPage();
    await reset.goto(link);
    await reset.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await reset.getByText('For the account nina@newcomer.test.').waitFor();
    // The token left the address bar (and the history) as soon as the page read it.
    expect(reset.url()).toBe(`${url}/reset-password`);
    await reset.getByLabel('New password').fill('Ninas-Fresh-Secret-3');
    await screenshot(reset, 'reset-password-page');
    await reset.getByRole('button', { name: 'Save new password' }).click();
    await reset.getByText('Your password was changed. Log in with it now.').waitFor();
    for (const tenant of ['acme', 'epsilon']) {
      const login = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nina@newcomer.test', password: 'Ninas-Fresh-Secret-3', tenant }),
      });
      expect(login.status).toBe(200);
    }
    expect(suite.problems.flat()).toEqual([]);
  });
});

describe('another site cannot act with the person’s session', () => {
  let evil: Server;
  let evilUrl = '';
  beforeAll(async () => {
    // Same site (127.0.0.1), another origin (another port): the session cookie is sent along, SameSite=Lax or not.
    evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>waiting</title><script>
        Promise.all(['/api/logout', '/api/notifications/read-all'].map((p) => fetch('${url}' + p, { method: 'POST', mode: 'no-cors', credentials: 'include' })))
          .then(() => (document.title = 'sent'), () => (document.title = 'sent'));
      </script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  });
  afterAll(() => evil?.close());

  it('a bodiless POST from a page on another port changes nothing', async () => {
    const owner = await ownAcme();
    const before = await owner.request.get(`${url}/api/me`);
    expect(before.status()).toBe(200);
    // Outside the console watch: the browser logs the refused cross-origin answers as errors, on purpose.
    const tab = await owner.context().newPage();
    tab.setDefaultTimeout(PAGE_TIMEOUT);
    await tab.goto(evilUrl);
    await expect.poll(() => tab.title()).toBe('sent');
    // Still signed in: the logout was refused.
    expect((await owner.request.get(`${url}/api/me`)).status()).toBe(200);
    await tab.close();
  });
});
