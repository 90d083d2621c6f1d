/**
 * Customer feedback end to end, in Chromium against the real server (needs `npx vite build` first): the owner creates a
 * feedback form about cases in the studio and publishes it; on a case's page a link is made; the customer opens it on
 * a phone, rates and sends; the answer belongs to the case's owner and shows in the feedback report.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

let suite: BrowserSuite;
let url = '';
let owner: Page;
let kase = '';
let link = '';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-feedback');
  url = suite.server.url;
  owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: 'Harbor Repairs' });
  kase = (await createRecord(owner.request, url, 'case', { subject: 'Engine will not start', priority: 'high' })).id;
}, 120_000);
afterAll(() => suite?.stop());

describe('customer feedback', () => {
  it('is set up in the studio as a form about cases', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/studio/web-forms`);
    await owner.getByRole('heading', { name: 'Web forms', level: 1 }).waitFor();
    await owner.getByRole('button', { name: '+ New web form' }).first().click();
    await owner.getByRole('radio', { name: /^Rate how we did/ }).check();
    expect(await owner.getByLabel('About', { exact: true }).inputValue()).toBe('case');
    await owner.getByRole('button', { name: 'Create', exact: true }).click();
    const editor = owner.getByRole('region', { name: 'Edit “How did we do?”' });
    await editor.getByText('Answers are about a Case').waitFor();
    await screenshot(owner, 'feedback-studio');
    await owner.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = owner.getByRole('dialog', { name: /^Review and publish/ });
    await dialog.getByRole('button', { name: /^Publish version/ }).click();
    await dialog.getByText(/Published as version/).waitFor();
  });

  it('is asked for from the case, answered by the customer on a phone, and reported', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/case/${kase}`);
    const panel = owner.getByRole('region', { name: 'Customer feedback' });
    await panel.getByRole('button', { name: 'Make a link to “How did we do?”' }).click();
    const input = panel.getByLabel('Link to “How did we do?” for this record');
    await expect.poll(() => input.inputValue()).toContain('?about=');
    link = await input.inputValue();

    const context = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true });
    const customer = await suite.openPage(context);
    await customer.goto(link);
    await customer.getByRole('heading', { name: 'How did we do?' }).waitFor();
    const recommend = customer.getByRole('group', { name: /recommend us/ });
    await recommend.getByRole('radio', { name: '9', exact: true }).check();
    await customer
      .getByRole('group', { name: /How satisfied/ })
      .getByRole('radio', { name: '4', exact: true })
      .check();
    await customer.getByLabel(/anything you would like to tell us/).fill('Fixed the same day.');
    expect(await customer.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    expect(await axeViolations(customer)).toEqual([]);
    await screenshot(customer, 'feedback-visitor-phone');
    // A person takes more than the form's 3 seconds to answer: the page has been open that long before sending.
    await customer.waitForFunction(() => performance.now() > 4000, undefined, { polling: 250, timeout: 15_000 });
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByText('Thank you for your feedback.').waitFor();
    await customer.goto(link);
    await customer.getByText('we have your answer').waitFor();
    await context.close();

    await owner.goto(`${url}/reports/feedback`);
    await owner.getByRole('heading', { name: 'Customer feedback', level: 1 }).waitFor();
    const table = owner.getByTestId(/^feedback-table-/);
    await table.getByRole('row').nth(1).waitFor();
    const cells = await table.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.map((c) => c.trim())).toEqual(['1', '9.0', '+100', '4.0']);
    await screenshot(owner, 'feedback-report');
  });
});
