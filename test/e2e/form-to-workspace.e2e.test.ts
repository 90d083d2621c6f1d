import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { screenshot, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';
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

let owner: Page;
let mia: Page;
let leadUrl = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-e2e');
  server = suite.server;
}, 60_000);

afterAll(() => suite?.stop());

describe('from the form designer to the member workspace', () => {
  it('an owner signs up and invites two members, who join through their links', async () => {
    owner = await person();
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
    mia = await person();
    await logIn(mia, MIA.email);
    // The header's button; the empty list offers the same link.
    await mia.getByRole('link', { name: 'New lead' }).first().click();
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
    leadUrl = mia.url();
    await screenshot(mia, 'e2e-workspace-record');
    // The translated label, in the member's own language choice.
    await mia.getByLabel('Language').selectOption('de');
    await mia.getByLabel(/^Budget in Euro/).waitFor();
    await mia.getByLabel('Sprache').selectOption('en');
  });

  it('the owner sees the member’s lead', async () => {
    await owner.goto(`${server.url}/records/lead`);
    await owner.getByRole('link', { name: 'Lovelace' }).waitFor();
    await screenshot(owner, 'e2e-workspace-list');
  });

  it('a second member sees neither the lead nor its address', async () => {
    const sam = await person();
    await logIn(sam, SAM.email);
    await sam.getByText('No leads yet').waitFor();
    // Searching for it from the same session finds nothing either.
    const found = await sam.request.get(`${server.url}/api/records/lead?q=Lovelace&count=true`);
    expect(await found.json()).toMatchObject({ items: [], total: 0 });
    await sam.goto(leadUrl);
    await sam.getByText('This record does not exist or you cannot see it').first().waitFor();
    expect(await sam.getByText('Lovelace').count()).toBe(0);
  });

  it('a member opening the studio is turned away', async () => {
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
