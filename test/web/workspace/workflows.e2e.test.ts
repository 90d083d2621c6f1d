import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';
import { PASSWORD } from '../../support/harness.ts';

// Workflows in the member workspace, in Chromium against the real server (needs `vite build` first):
// status and event buttons on a record, the timeline, the follow-up timer, My tasks, notifications.
let suite: BrowserSuite;
let url = '';

async function personPage(email: string, name: string, role: string, owner: Page) {
  await addPerson(owner.request, url, { email, name, role, password: PASSWORD, team: 'north' });
  const page = await suite.openPage();
  expect((await page.request.post(`${url}/api/login`, { data: { email, password: PASSWORD } })).status()).toBe(200);
  return page;
}
/** A service desk of the test's own, signed up through the API: its rep Sam and its manager Mona, each signed in in a profile of their own. */
async function serviceDesk(): Promise<{ rep: Page; boss: Page }> {
  const owner = await suite.openPage();
  const { slug } = await signUpCompany(owner.request, url, { tenantName: 'Service Desk Ltd' });
  const rep = await personPage(`sam@${slug}.test`, 'Sam Service', 'service_rep', owner);
  const boss = await personPage(`mona@${slug}.test`, 'Mona Manager', 'manager', owner);
  await owner.close();
  return { rep, boss };
}
/** Fires workflow events at a record through the API, as whoever `p` is signed in as. */
async function fire(p: Page, entity: string, id: string, ...events: string[]) {
  for (const type of events) expect((await p.request.post(`${url}/api/records/${entity}/${id}/events`, { data: { type } })).status()).toBe(200);
}
const state = (p: Page) => p.getByTestId('workflow-state');
/** Waits until the record's status reads `label`. */
const stateIs = (p: Page, label: string) =>
  p
    .getByTestId('workflow-state')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .waitFor();

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-workflows', { TIMER_INTERVAL_MS: '300' });
  url = suite.server.url;
}, 60_000);
afterAll(() => suite?.stop());

// Whatever ran before: no page of the test reported a console problem.
afterEach(() => expect(suite.problems.flat(), suite.problems.flat().join('\n')).toEqual([]));

describe('workflows in the workspace', () => {
  it('a record shows its status and the events the person may fire; firing one moves it and writes the timeline', async () => {
    const { rep } = await serviceDesk();
    const kase = await createRecord(rep.request, url, 'case', { subject: 'Printer jams on every page' });
    await rep.goto(`${url}/records/case/${kase.id}`);
    expect(await state(rep).textContent()).toBe('New');
    const actions = rep.getByRole('group', { name: 'What can happen next' });
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Start']);
    await screenshot(rep, 'workflow-record-new');

    // Unsaved edits first: the buttons wait until they are saved.
    await rep.getByLabel('Subject').fill('Printer jams on every page (urgent)');
    await rep.getByText('Save your changes first to move it on.').waitFor();
    expect(await actions.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await rep.getByRole('button', { name: 'Save' }).click();
    await rep.getByText('Saved.').waitFor();

    await actions.getByRole('button', { name: 'Start' }).click();
    await rep.getByText('Done: Start.').waitFor();
    await stateIs(rep, 'In progress');
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Wait', 'Resolve']);
    await rep.locator('.timeline-transition').getByText('Sam Service: Start — from New to In progress').waitFor();
    await actions.getByRole('button', { name: 'Wait' }).click();
    await rep.getByText('Done: Wait.').waitFor();
    await stateIs(rep, 'Waiting on customer');
    await screenshot(rep, 'workflow-record-waiting');
  }, 60_000);

  it('three days of waiting (a timer made due) move the case on and put a follow-up into My tasks, which the rep completes', async () => {
    const { rep } = await serviceDesk();
    // A case of the rep's own, waiting on the customer.
    const kase = await createRecord(rep.request, url, 'case', { subject: 'Printer jams on every page (urgent)' });
    await fire(rep, 'case', kase.id, 'START', 'WAIT');
    await rep.goto(`${url}/records/case/${kase.id}`);
    await stateIs(rep, 'Waiting on customer');
    // Three days pass for this case's timer (not for other tests' cases).
    const db = createClient({ url: suite.databaseUrl, timeout: 5000 });
    await db.execute({ sql: 'UPDATE workflow_timers SET due_at = ? WHERE record_id = ?', args: [Date.now() - 1, kase.id] });
    await rep.getByRole('link', { name: 'My tasks' }).click();
    await rep.waitForURL(/\/tasks$/);
    const task = rep.locator('.inbox-list li').filter({ hasText: 'Follow up with the customer' });
    // The server's scheduler fires the timer on its next pass: look again until the task is there.
    await expect
      .poll(
        async () => {
          await rep.reload();
          await task.or(rep.getByText('No open tasks')).first().waitFor();
          return task.count();
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBeGreaterThan(0);
    // The record's kind reads in words once the configuration has loaded beside the list.
    await task.getByText('Case: Printer jams on every page (urgent)').waitFor();
    await screenshot(rep, 'workflow-my-tasks');
    await task.getByRole('button', { name: 'Mark as done' }).click();
    await rep.getByText('No open tasks').waitFor();
    await rep.getByRole('button', { name: 'Done', exact: true }).click();
    await rep.locator('.inbox-list li').filter({ hasText: 'Follow up with the customer' }).waitFor();
    db.close();
  }, 60_000);

  it('an urgent case escalates at once; the team’s manager sees an unread notification and opens the case from it', async () => {
    const { rep, boss } = await serviceDesk();
    const kase = await createRecord(rep.request, url, 'case', { subject: 'Server room flooded', priority: 'urgent' });
    await boss.goto(`${url}/records/case`);
    await boss.getByTestId('unread').waitFor();
    expect((await boss.getByTestId('unread').textContent())?.trim()).toMatch(/^1/);
    await boss.getByRole('link', { name: /Notifications/ }).click();
    const item = boss.locator('.inbox-list li').filter({ hasText: 'A case was escalated' });
    await item.waitFor();
    await screenshot(boss, 'workflow-notifications');
    await item.getByRole('button', { name: 'Mark as read' }).click();
    await boss.getByText('Mark all as read').waitFor({ state: 'detached' });
    await item.getByRole('link', { name: 'Case: Server room flooded' }).click();
    await boss.waitForURL(new RegExp(`/records/case/${kase.id}$`));
    await stateIs(boss, 'Escalated');
  }, 60_000);

  it('the workflow’s hand-over is said at once; an event waiting on a condition says what it needs, in English and German', async () => {
    const owner = await suite.openPage();
    const { slug } = await signUpCompany(owner.request, url, { tenantName: 'Lead Hunters' });
    await addPerson(owner.request, url, { email: `ana@${slug}.test`, name: 'Ana Rep', role: 'sales_rep', password: PASSWORD });
    const mo = await personPage(`mo@${slug}.test`, 'Mo Member', 'member', owner);
    // Mo enters a lead; the lead workflow hands it to the only sales representative.
    await mo.goto(`${url}/records/lead/new`);
    await mo.getByLabel('Last name').fill('Ortega');
    await mo.getByLabel('Email').fill('ortega@example.com');
    await mo.getByRole('button', { name: 'Create' }).click();
    await mo.getByTestId('handed-to').getByText('The workflow assigned it to Ana Rep.').waitFor();
    await mo.waitForURL(/\/records\/lead\/(?!new)[^/]+$/);
    const id = /\/records\/lead\/([^/?#]+)$/.exec(mo.url())![1]!;

    await fire(mo, 'lead', id, 'CONTACT');
    await mo.reload();
    await stateIs(mo, 'Contacted');
    const waiting = mo.getByTestId('blocked-events');
    const qualify = waiting.getByRole('button', { name: 'Qualify', exact: true });
    expect(await qualify.getAttribute('aria-disabled')).toBe('true');
    await waiting.getByText('Needs Company filled in.').waitFor();
    // The reason is the button's description, for keyboard and screen reader users too.
    await qualify.focus();
    expect(await mo.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toBe('needs-QUALIFY');
    await screenshot(mo, 'workflow-event-needs');

    expect((await mo.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).ok()).toBe(true);
    await mo.reload();
    // The workflow speaks German too: its status, its events, its timeline.
    await stateIs(mo, 'Kontaktiert');
    await waiting.getByRole('button', { name: 'Qualifizieren', exact: true }).waitFor();
    await waiting.getByText('Erst Firma ausfüllen.').waitFor();
    await mo.getByText('Mo Member: Kontaktieren — von Neu nach Kontaktiert').waitFor();
    await screenshot(mo, 'workflow-event-needs-de');
    // Filled in, the event is offered like any other.
    await mo.getByLabel('Firma').fill('Ortega GmbH');
    await mo.locator('.form-actions').getByRole('button', { name: 'Speichern' }).click();
    await mo.getByRole('group', { name: 'Was als Nächstes geschehen kann' }).getByRole('button', { name: 'Qualifizieren', exact: true }).waitFor();
    expect(await waiting.count()).toBe(0);
  }, 60_000);

  it('no console errors on any page', () => {
    expect(suite.problems.flat(), suite.problems.flat().join('\n')).toEqual([]);
  });
});
