import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// Tasks and activities on a record, in Chromium against the real server: a task given to a colleague (told at once,
// in her tasks), a call logged on the timeline, overdue tasks and deals past their close date flagged on list, board
// and record; German.
let suite: BrowserSuite;
let owner: Page;
let mia: Page;
let url = '';
let deal = '';
const PASSWORD = 'Blue-Harbor-Lantern-42';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-activities');
  url = suite.server.url;
  owner = await suite.openPage();
  const company = await signUpCompany(owner.request, url, { tenantName: 'Harbor Tasks' });
  const miaId = await addPerson(owner.request, url, { email: 'mia@harbor-tasks.test', name: 'Mia Sales', role: 'sales_rep', password: PASSWORD });
  const made = await createRecord(owner.request, url, 'opportunity', { name: 'Late crane deal', amount: 800, closeDate: '2020-01-31' });
  deal = made.id;
  // Hers to work on: she can see it, so she can be given tasks on it.
  expect((await owner.request.post(`${url}/api/records/opportunity/${deal}/assign`, { data: { ownerId: miaId } })).status()).toBe(200);
  await createRecord(owner.request, url, 'opportunity', { name: 'Fresh deal', amount: 100, closeDate: '2099-01-31' });
  mia = await suite.openPage();
  expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor-tasks.test', password: PASSWORD, tenant: company.slug } })).status()).toBe(
    200,
  );
}, 120_000);
afterAll(() => suite?.stop());

const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

describe('tasks and activities', () => {
  it('gives a task, logs a call, and flags what is late', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/opportunity/${deal}`);
    await owner.getByRole('heading', { name: 'Late crane deal' }).waitFor();
    await owner.getByText('Past its close date').waitFor();
    await owner.getByText('No open tasks.', { exact: false }).waitFor();

    await owner.getByText('Give a task').click();
    await owner.getByRole('button', { name: 'Give the task' }).click();
    expect(await owner.getByText('Fill this in.').count()).toBe(2);
    await owner.getByLabel('What is to be done').fill('Send the quote');
    await owner.getByLabel('For', { exact: true }).selectOption({ label: 'Mia Sales' });
    await owner.getByLabel('Due', { exact: true }).fill('2026-01-05T09:00');
    await owner.getByRole('button', { name: 'Give the task' }).click();
    await owner.getByText('The task was given.').waitFor();
    await owner.locator('.task-list').getByText('Overdue').waitFor();

    await owner.getByText('Log a call, meeting or email').click();
    await owner.getByLabel('What it was about').fill('Discussed the delivery');
    await owner.getByLabel('What was said').fill('Two cranes by March.');
    await owner.getByLabel('Minutes').fill('15');
    await owner.getByRole('button', { name: 'Log it' }).click();
    await owner.getByText('Olive Owner logged a call: Discussed the delivery').waitFor();
    await owner.getByText('Two cranes by March.').waitFor();
    await screenshot(owner, 'activities');

    await owner.goto(`${url}/records/opportunity`);
    await row(owner, 'Late crane deal').getByText('Overdue task').waitFor();
    await row(owner, 'Late crane deal').getByText('Past its close date').waitFor();
    expect(await row(owner, 'Fresh deal').locator('.row-flag').count()).toBe(0);
    await owner.goto(`${url}/records/opportunity/board`);
    await owner.locator('.board-card', { hasText: 'Late crane deal' }).getByText('Past its close date').waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('tells the colleague at once and lists it in her tasks', { timeout: 120_000 }, async () => {
    await mia.goto(`${url}/notifications`);
    await mia.getByText('New task for you: Send the quote').waitFor();
    await mia.goto(`${url}/tasks`);
    await mia.getByText('Send the quote').waitFor();
    await mia.getByText('Overdue').first().waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/opportunity/${deal}`);
    await owner.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await owner.getByRole('heading', { name: 'Aufgaben und Aktivitäten' }).waitFor();
    await owner.getByText('Abschlussdatum überschritten').first().waitFor();
    await owner.getByText('Olive Owner hat einen Anruf festgehalten: Discussed the delivery').waitFor();
    await screenshot(owner, 'activities-de');
    await owner.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
