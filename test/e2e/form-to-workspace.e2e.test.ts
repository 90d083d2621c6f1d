import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';
import type { ServerProcess } from '../support/server.ts';

// The whole path of a form change, in Chromium against a real server on a fresh database:
// an owner designs and publishes, members fill the form in, and each sees only what they may.
const OWNER = { tenantName: 'Harbor Trading', name: 'Olive Owner', email: 'olive@harbor.test' };
const MIA = { name: 'Mia Member', email: 'mia@harbor.test' };
const SAM = { name: 'Sam Second', email: 'sam@harbor.test' };

let suite: BrowserSuite;
let server: ServerProcess;

/** A fresh browser profile (its own cookies), watched for page errors and CSP violations. */
const person = () => suite.openPage();

async function logIn(page: Page, email: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Leads' }).waitFor();
}

/** A fresh profile owning a Harbor Trading of its own (made through the API). */
async function ownerOfHarbor(): Promise<Page> {
  const owner = await person();
  await signUpCompany(owner.request, server.url, { tenantName: OWNER.tenantName, name: OWNER.name, password: PASSWORD });
  return owner;
}

let joined = 0;
/** `who` joins the owner's company as a member, under an email of their own (an email is one account); returns it. */
async function join(owner: Page, who: { name: string; email: string }): Promise<string> {
  const email = who.email.replace('@', `.${++joined}@`);
  await addPerson(owner.request, server.url, { name: who.name, email, role: 'member', password: PASSWORD });
  return email;
}

/** A member's lead "Lovelace", made through the API in a session of their own; returns its address. */
async function leadOf(email: string): Promise<string> {
  const session = await suite.browser.newContext();
  expect((await session.request.post(`${server.url}/api/login`, { data: { email, password: PASSWORD } })).status()).toBe(200);
  const { id } = await createRecord(session.request, server.url, 'lead', { lastName: 'Lovelace', rating: 'hot' });
  await session.close();
  return `${server.url}/records/lead/${id}`;
}

/** Publishes, through the API, the Budget field the owner's test designs: version 2. */
async function publishBudget(request: APIRequestContext) {
  interface Lead {
    form: { schema: { properties: Record<string, unknown>; required: string[] }; uischema: { elements: unknown[] } };
    i18n: Record<string, Record<string, string>>;
  }
  const draft = await request.get(`${server.url}/api/config/draft`);
  const bundle = ((await draft.json()) as { bundle: { entities: Record<string, Lead> } }).bundle;
  const lead = bundle.entities['lead']!;
  lead.form.schema.properties['budget'] = { type: 'number', minimum: 0, 'x-field': 'currency', title: 'Budget' };
  lead.form.schema.required.push('budget');
  lead.form.uischema.elements.push({
    type: 'Control',
    scope: '#/properties/budget',
    rule: { effect: 'SHOW', condition: { scope: '#/properties/rating', schema: { const: 'hot' } } },
  });
  for (const [locale, texts] of Object.entries(lead.i18n)) texts['budget.label'] = locale === 'de' ? 'Budget in Euro' : 'Budget';
  expect((await request.put(`${server.url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
  expect((await request.post(`${server.url}/api/config/publish`, { data: {} })).status()).toBe(201);
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-e2e');
  server = suite.server;
}, 60_000);

// Every page stays free of errors (once checked by the journey's last step only).
afterEach(() => expect(suite.problems.flat()).toEqual([]));

afterAll(() => suite?.stop());

describe('from the form designer to the member workspace', () => {
  it('an owner signs up and invites two members, who join through their links', async () => {
    const owner = await person();
    await owner.goto(`${server.url}/signup`);
    await owner.getByLabel('Company name').fill(OWNER.tenantName);
    await owner.getByLabel('Your name').fill(OWNER.name);
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill(PASSWORD);
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.getByRole('heading', { name: 'Leads' }).waitFor();
    await owner.getByRole('link', { name: 'Studio', exact: true }).click();
    await owner.getByRole('link', { name: 'Users and roles' }).first().click();
    for (const m of [MIA, SAM]) {
      await owner.getByLabel('Email').fill(m.email);
      await owner.getByLabel('Name', { exact: true }).fill(m.name);
      await owner.getByRole('button', { name: 'Create invitation' }).click();
      await owner.getByText(`Invitation for ${m.name}`).waitFor();
      const newcomer = await person();
      await newcomer.goto(await owner.getByLabel('Link to pass on').inputValue());
      await newcomer.getByLabel('Choose a password').fill(PASSWORD);
      await newcomer.getByRole('button', { name: 'Join Harbor Trading' }).click();
      await newcomer.getByRole('heading', { name: 'Leads' }).waitFor();
      await newcomer.close();
    }
    await owner.reload();
    for (const m of [MIA, SAM]) await owner.getByRole('cell', { name: `${m.name} ${m.email}` }).waitFor();
    await screenshot(owner, 'e2e-studio-users');
  });

  it('the owner adds a required Budget shown only for Hot leads, translates it and publishes', async () => {
    const owner = await ownerOfHarbor();
    await owner.goto(`${server.url}/studio/users`);
    await owner.getByRole('link', { name: 'Forms', exact: true }).click();
    await owner.getByRole('heading', { name: 'Form designer' }).waitFor();
    await owner.getByRole('button', { name: 'Currency', exact: true }).click();
    await owner.getByLabel('Label', { exact: true }).fill('Budget');
    await owner.getByLabel('Required').check();
    await owner.getByLabel('What the rule does').selectOption({ label: 'Show this field only when…' });
    await owner.getByLabel('Field', { exact: true }).selectOption({ label: 'Rating' });
    await owner.getByLabel('Value', { exact: true }).selectOption({ label: 'Hot' });
    await owner.getByText('Shown only when Rating is Hot').first().waitFor();
    await screenshot(owner, 'e2e-studio-designer');
    await owner.getByRole('tab', { name: 'Translations' }).click();
    await owner.getByLabel('Budget — Deutsch').fill('Budget in Euro');
    await owner.getByRole('button', { name: 'Review and publish' }).click();
    const review = owner.getByRole('dialog', { name: 'Review and publish' });
    await review.getByText('Now required in').waitFor();
    await review.getByRole('button', { name: 'Publish version 2' }).click();
    await review.getByText('Version 2 is published').waitFor();
  });

  it('a member creates a lead: Budget appears for Hot, is required, and saves once filled in', async () => {
    const owner = await ownerOfHarbor();
    await publishBudget(owner.request);
    const email = await join(owner, MIA);
    const mia = await person();
    await logIn(mia, email);
    // The header's button; the empty list offers the same link.
    await mia.getByRole('link', { name: 'New lead' }).first().click();
    // The list (whose column chooser also names "Last name") stays until the new record's page has come.
    await mia.getByRole('heading', { name: 'New lead', level: 1 }).waitFor();
    await mia.getByLabel('Last name').fill('Lovelace');
    expect(await mia.getByLabel(/^Budget/).count()).toBe(0);
    await mia.getByLabel('Rating').selectOption({ label: 'Hot' });
    await mia.getByLabel(/^Budget/).waitFor();
    await mia.getByRole('button', { name: 'Create' }).click();
    const error = mia.getByRole('alert').filter({ hasText: 'This field is required.' });
    await error.waitFor();
    expect(await mia.getByLabel(/^Budget/).getAttribute('aria-invalid')).toBe('true');
    await screenshot(mia, 'e2e-workspace-required-error');
    await mia.getByLabel(/^Budget/).fill('25000');
    await error.waitFor({ state: 'detached' });
    await mia.getByRole('button', { name: 'Create' }).click();
    // The page says "Saved." a moment before the address changes from /new to the record's.
    await mia.waitForURL(/\/records\/lead\/(?!new$)[A-Za-z0-9]+$/);
    await mia.getByText('Saved.').waitFor();
    await screenshot(mia, 'e2e-workspace-record');
    // The translated label, in the member's own language choice.
    await mia.getByLabel('Language').selectOption('de');
    await mia.getByLabel(/^Budget in Euro/).waitFor();
    await mia.getByLabel('Sprache').selectOption('en');
  });

  it('the owner sees the member’s lead', async () => {
    const owner = await ownerOfHarbor();
    await leadOf(await join(owner, MIA));
    await owner.goto(`${server.url}/records/lead`);
    await owner.getByRole('link', { name: 'Lovelace' }).waitFor();
    await screenshot(owner, 'e2e-workspace-list');
  });

  it('a second member sees neither the lead nor its address', async () => {
    const owner = await ownerOfHarbor();
    const leadUrl = await leadOf(await join(owner, MIA));
    const samEmail = await join(owner, SAM);
    const sam = await person();
    await logIn(sam, samEmail);
    await sam.getByText('No leads yet').waitFor();
    // Searching for it from the same session finds nothing either.
    const found = await sam.request.get(`${server.url}/api/records/lead?q=Lovelace&count=true`);
    expect(await found.json()).toMatchObject({ items: [], total: 0 });
    await sam.goto(leadUrl);
    await sam.getByText('This record does not exist or you cannot see it').first().waitFor();
    expect(await sam.getByText('Lovelace').count()).toBe(0);
  });

  it('a member opening the studio is turned away', async () => {
    const email = await join(await ownerOfHarbor(), MIA);
    const mia = await person();
    expect((await mia.request.post(`${server.url}/api/login`, { data: { email, password: PASSWORD } })).status()).toBe(200);
    await mia.goto(`${server.url}/studio`);
    await mia.getByRole('heading', { name: 'The studio is for configuring the CRM' }).waitFor();
    await mia.goto(`${server.url}/studio/forms/lead`);
    await mia.getByRole('heading', { name: 'The studio is for configuring the CRM' }).waitFor();
    expect(await mia.getByRole('button', { name: 'Currency' }).count()).toBe(0);
  });

  it('raised no page errors and no CSP violations', () => {
    expect(suite.problems.flat()).toEqual([]);
  });
});
