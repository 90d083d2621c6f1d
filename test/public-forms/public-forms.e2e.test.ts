/**
 * A web form end to end, in Chromium against the real server (needs `npx vite build` first): the owner creates a lead
 * form in the studio — fields, texts, an allowed site, proof of work — and publishes it; a visitor with no session opens
 * its address, fills it in (the page's script finds the proof of work) and is thanked; the lead lands with the sales
 * representative whose turn it was, saying on its timeline which form it came through. Desktop and phone width.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, axeViolations as violations, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let url = '';
let owner: Page;
let slug = '';
let formUrl = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-public-forms');
  url = suite.server.url;
  owner = await suite.openPage();
  slug = (await signUpCompany(owner.request, url, { tenantName: 'Harbor Boats' })).slug;
  await addPerson(owner.request, url, { email: 'sam@harbor-boats.test', name: 'Sam Sales', role: 'sales_rep', password: PASSWORD });
}, 120_000);
afterAll(() => suite?.stop());

const overflows = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('a web form', () => {
  it('is created and published by the owner in the studio', { timeout: 180_000 }, async () => {
    await owner.goto(`${url}/studio`);
    // Web forms sit beside the form designer, under Forms.
    await owner.locator('.shell-nav').getByRole('link', { name: 'Forms', exact: true }).click();
    await owner.getByRole('navigation', { name: 'Forms' }).getByRole('link', { name: 'Web forms' }).click();
    await owner.getByRole('heading', { name: 'Web forms', level: 1 }).waitFor();
    await owner.getByText('No web forms yet').waitFor();
    await screenshot(owner, 'public-forms-studio-empty');

    await owner.getByRole('button', { name: '+ New web form' }).first().click();
    await owner.getByLabel('Title visitors see').fill('Talk to our boat experts');
    expect(await owner.getByLabel('Each submission creates a').inputValue()).toBe('lead');
    await owner.getByRole('button', { name: 'Create', exact: true }).click();
    const editor = owner.getByRole('region', { name: 'Edit “Talk to our boat experts”' });
    await editor.waitFor();

    // Fields: first name above last name, no job title, a description.
    const fields = editor.getByRole('group', { name: 'Fields' });
    expect(await fields.getByRole('checkbox', { name: 'Last name (always on)' }).isDisabled()).toBe(true);
    await fields.getByRole('button', { name: 'Move First name up' }).click();
    await fields.getByRole('checkbox', { name: 'Job title' }).uncheck();
    await fields.getByRole('checkbox', { name: 'Description' }).check();
    await owner.getByRole('textbox', { name: 'Description (English)', exact: true }).fill('What boat are you looking for?');

    // Texts in two languages, a site that may embed it, proof of work.
    await editor.getByRole('textbox', { name: 'Title (Deutsch)', exact: true }).fill('Sprechen Sie mit unseren Bootsexperten');
    await editor.getByRole('textbox', { name: 'Introduction (English)', exact: true }).fill('Tell us what you need; we answer within a working day.');
    await editor.getByRole('textbox', { name: 'Thank-you message (English)', exact: true }).fill('Thank you! Sam or a colleague will call you soon.');
    await editor.getByLabel('Sites that may embed it').fill('https://www.harbor-boats.example/contact/');
    await editor.getByText('Not a site address', { exact: false }).waitFor();
    await editor.getByLabel('Sites that may embed it').fill('https://www.harbor-boats.example');
    expect(await editor.getByText('Not a site address', { exact: false }).count()).toBe(0);
    await editor.getByLabel('Ask the visitor’s browser for a proof of work').check();

    await owner.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Review and publish web forms' });
    await dialog.getByText('New web form “Talk to our boat experts”, creating Leads').waitFor();
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByText('Published as version 2.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const card = owner.getByRole('article', { name: 'Talk to our boat experts' });
    await card.getByText('Takes submissions').waitFor();
    formUrl = await card.getByLabel('Address of “Talk to our boat experts”').inputValue();
    expect(formUrl).toBe(`${url}/f/${slug}/talk_to_our_boat_experts`);
    expect(await card.getByLabel('Embed code of “Talk to our boat experts”').inputValue()).toBe(
      `<iframe src="${formUrl}" title="Talk to our boat experts" width="100%" height="720" style="border:0;max-width:40rem"></iframe>`,
    );
    await owner.getByRole('heading', { name: 'Submissions of “Talk to our boat experts”' }).waitFor();
    await owner.getByText('No submissions in the last 30 days.').waitFor();
    await screenshot(owner, 'public-forms-studio');
    expect(await violations(owner)).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('is filled in by a visitor without a session, and the lead lands with the next sales representative', { timeout: 180_000 }, async () => {
    const visitor = await suite.openPage();
    await visitor.goto(formUrl);
    await visitor.getByRole('heading', { name: 'Talk to our boat experts', level: 1 }).waitFor();
    await visitor.getByText('Tell us what you need; we answer within a working day.').waitFor();
    expect(await visitor.context().cookies()).toEqual([]);
    await visitor.getByLabel('First name').fill('Grace');
    await visitor.getByLabel('Last name').fill('Hopper');
    await visitor.getByLabel('Email').fill('grace@example.com');
    await visitor.getByLabel('What boat are you looking for?').fill('A small sailing boat <b>for two</b>.');
    expect(await visitor.getByLabel('Leave this field empty').count()).toBe(1);
    await screenshot(visitor, 'public-forms-page');
    expect(await violations(visitor)).toEqual([]);

    await visitor.setViewportSize({ width: 390, height: 844 });
    await visitor.getByRole('button', { name: 'Send' }).waitFor();
    expect(await overflows(visitor)).toBe(false);
    await screenshot(visitor, 'public-forms-page-phone');
    await visitor.setViewportSize({ width: 1280, height: 900 });

    // A phone number the form refuses (the browser does not check it): the page comes back with the problem beside the
    // field and everything typed kept. A person takes more than the form's 3 seconds to fill it in: each time, the page
    // has been open that long before sending.
    await visitor.getByLabel('Phone').fill('call me maybe');
    const afterFilling = () => visitor.waitForFunction(() => performance.now() > 4000, undefined, { polling: 250, timeout: 15_000 });
    await afterFilling();
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText('Please correct the fields marked below.').waitFor();
    await visitor.locator('#f-phone-error').getByText('Enter a phone number: digits, spaces and + ( ) - . / only.').waitFor();
    expect(await visitor.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
    expect(await visitor.getByLabel('What boat are you looking for?').inputValue()).toBe('A small sailing boat <b>for two</b>.');
    await screenshot(visitor, 'public-forms-errors');
    expect(await violations(visitor)).toEqual([]);
    await visitor.getByLabel('Phone').fill('+49 40 123456');
    await afterFilling();
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText('Thank you! Sam or a colleague will call you soon.').waitFor();
    await screenshot(visitor, 'public-forms-thanks');
    expect(await violations(visitor)).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);

    // Sam's turn: the lead is his, and says where it came from.
    const sam = await suite.openPage();
    const login = await sam.request.post(`${url}/api/login`, { data: { email: 'sam@harbor-boats.test', password: PASSWORD, tenant: slug } });
    expect(login.status()).toBe(200);
    await sam.goto(`${url}/records/lead`);
    await sam.getByRole('link', { name: 'Hopper' }).click();
    await sam.getByRole('heading', { name: 'Hopper' }).waitFor();
    await sam.getByText('Submitted through the web form Talk to our boat experts').waitFor();
    // Kept as typed: the markup is text in the field, not markup on the page.
    expect(await sam.getByLabel('Description').inputValue()).toBe('A small sailing boat <b>for two</b>.');
    await screenshot(sam, 'public-forms-lead');

    await owner.reload();
    const stats = owner.getByRole('region', { name: 'Submissions of “Talk to our boat experts”' });
    await stats.getByRole('row', { name: /All 30 days 1 0/ }).waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });
});
