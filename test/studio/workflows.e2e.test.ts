/**
 * The workflow designer in Chromium against the real server (needs `npx vite build` first). An owner opens the case
 * workflow, adds "On hold" and a transition into it, sees the verifier say the new state has no way out, connects it
 * back by dragging on the canvas, tries it in the simulator, saves and publishes; a member then fires the new event.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

const OWNER = { tenantName: 'Harbor Support', name: 'Tenant Owner', password: PASSWORD };
const MEMBER = { email: 'mia@harbor-support.test', name: 'Mia Member', role: 'member', password: PASSWORD };
let suite: BrowserSuite;
let url: string;
/** The owner's page: each test that needs one has a fresh profile owning a Harbor Support of its own. */
let page: Page;

beforeAll(async () => {
  // Timers are looked for often: a stuck one shows up within a second.
  suite = await startBrowserSuite('crm-studio-workflows', { TIMER_INTERVAL_MS: '200' });
  url = suite.server.url;
}, 60_000);

afterAll(() => suite?.stop());

/** A fresh profile owning a company of its own. */
async function ownerPage(): Promise<Page> {
  const owner = await suite.openPage();
  await signUpCompany(owner.request, url, OWNER);
  return owner;
}

/**
 * Publishes, through the API, the case workflow the designer test makes: "On hold", entered from In progress by
 * PUT_ON_HOLD (members and owners only) and left by RESUME. Version 2.
 */
async function publishOnHold(request: APIRequestContext) {
  const draft = await request.get(`${url}/api/config/draft`);
  type State = { meta: { label: string }; on?: Record<string, unknown> };
  const bundle = ((await draft.json()) as { bundle: { workflows: Record<string, { states: Record<string, State> }> } }).bundle;
  const states = bundle.workflows['case']!.states;
  states['in_progress']!.on!['PUT_ON_HOLD'] = { target: 'on_hold', guard: { type: 'hasRole', params: { roles: ['member', 'owner'] } } };
  states['on_hold'] = { meta: { label: 'On hold' }, on: { RESUME: 'in_progress' } };
  expect((await request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
  expect((await request.post(`${url}/api/config/publish`, { data: {} })).status()).toBe(201);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The WCAG A/AA rules the page breaks as it stands (panels open), one line each. */
async function violations(): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations),
  )) as { id: string; nodes: { target: string[] }[] }[];
  return found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const status = () => page.getByTestId('problems').getByRole('status').textContent();
const node = (key: string) => page.locator(`.vue-flow__node[data-id="${key}"]`);

async function addTransition(from: string, to: string, event: string) {
  await page.getByRole('button', { name: 'Add transition' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New transition' });
  await dialog.getByLabel('From').selectOption({ label: from });
  await dialog.getByLabel('Leads to').selectOption({ label: to });
  await dialog.getByLabel('Event name').fill(event);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** A member's session of its own, through the API, in a company of its own whose case workflow has On hold. */
async function memberRequest(): Promise<APIRequestContext> {
  const owner = await suite.browser.newContext();
  await signUpCompany(owner.request, url, OWNER);
  await publishOnHold(owner.request);
  await addPerson(owner.request, url, MEMBER);
  const context = await suite.browser.newContext();
  const login = await context.request.post(`${url}/api/login`, { data: { email: MEMBER.email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  return context.request;
}

describe('the workflow designer', () => {
  it('adds a state and transitions, shows and clears a problem, simulates, saves and publishes', { timeout: 180_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page.getByRole('heading', { name: 'Workflow designer' }).waitFor();
    expect(await page.getByLabel('Workflow', { exact: true }).inputValue()).toBe('case');
    await expect.poll(status).toBe('No problems: this workflow can be published.');
    await node('new').getByText('Start').waitFor();
    expect(await page.locator('.vue-flow__edge').count()).toBeGreaterThan(10);
    await page.getByText('after 3 days').first().waitFor();
    await screenshot(page, 'workflows-designer');

    // Keyboard on the canvas: a focused state opens in the settings with Enter.
    await node('resolved').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'State: Resolved' }).waitFor();

    // A new state: its key follows its name; alone, it can neither be reached nor left.
    await page.getByRole('button', { name: 'Add state' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('On hold');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe('on_hold');
    await expect.poll(status).toMatch(/problems?: (it|they) must be fixed before publishing/);
    await node('on_hold')
      .getByText(/problem/)
      .waitFor();

    // A way in, added with the keyboard-friendly dialog; the state still has no way out.
    await addTransition('In progress', 'On hold', 'Put on hold');
    expect(await page.getByTestId('properties').getByLabel('Event name').inputValue()).toBe('PUT_ON_HOLD');
    await expect.poll(status).toBe('1 problem: it must be fixed before publishing.');
    const problem = page.getByTestId('problems').locator('.wf-problem').first();
    expect(await problem.textContent()).toContain('State “On hold”');
    await screenshot(page, 'workflows-problem');
    expect(await violations()).toEqual([]);

    // Publishing is refused while the problem stands (the draft itself saves: work in progress is kept), and the review says why in words.
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const refused = page.getByRole('dialog', { name: 'Review and publish' });
    await refused.getByText(/State “On hold”: has no way out/).waitFor();
    await screenshot(page, 'workflows-review-refused');
    const go = refused.getByRole('button', { name: /^Publish version/ });
    expect((await go.count()) === 0 || (await go.isDisabled())).toBe(true);
    await refused.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await page.getByTestId('save-error').count()).toBe(0);
    await problem.click();
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('On hold');
    await screenshot(page, 'workflows-state');

    // The way out, dragged on the canvas from On hold's handle to In progress.
    await node('on_hold').locator('.vue-flow__handle[data-handleid="out"]').dragTo(node('in_progress').locator('.vue-flow__handle[data-handleid="in"]'));
    const dialog = page.getByRole('dialog', { name: 'New transition' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('From').inputValue()).toBe('on_hold');
    expect(await dialog.getByLabel('Leads to').inputValue()).toBe('in_progress');
    await dialog.getByLabel('Event name').fill('RESUME');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(status).toBe('No problems: this workflow can be published.');

    // A condition from the catalog, its parameters generated from the catalog's schema.
    await page
      .getByRole('row', { name: /In progress.*PUT_ON_HOLD/ })
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.getByLabel('Add a condition').selectOption({ label: 'Person has one of the roles' });
    await page.getByRole('button', { name: 'Add the chosen condition' }).click();
    await page.getByTestId('properties').getByLabel('Member', { exact: true }).check();
    await page.getByTestId('properties').getByLabel('Owner', { exact: true }).check();
    await expect.poll(status).toBe('No problems: this workflow can be published.');
    await screenshot(page, 'workflows-transition');

    // The simulator walks a sample case: START, then the new event.
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('The record is in “New”.');
    await page
      .getByTestId('simulator')
      .getByRole('button', { name: /^START/ })
      .click();
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('In progress');
    // Another role: the new condition fails, so the event is offered as blocked, with the failing condition named.
    await page.getByLabel('Acting as role').selectOption({ label: 'Sales representative' });
    const hold = page.getByTestId('simulator').locator('.sim-events > li', { hasText: 'PUT_ON_HOLD' });
    await expect.poll(() => hold.textContent()).toContain('✗ Person has one of the roles (roles: member, owner): failed');
    expect(await hold.getByRole('button').isDisabled()).toBe(true);
    await screenshot(page, 'workflows-simulator-blocked');
    await page.getByLabel('Acting as role').selectOption({ label: 'Owner' });
    await expect.poll(() => hold.textContent()).toContain('✓ Person has one of the roles (roles: member, owner): passed');
    await page
      .getByTestId('simulator')
      .getByRole('button', { name: /^PUT_ON_HOLD/ })
      .click();
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('On hold');
    expect(await page.getByTestId('sim-history').textContent()).toContain('PUT_ON_HOLD: In progress → On hold');
    await screenshot(page, 'workflows-simulator');
    // With a transition's parameter forms and the simulator open, the page still meets WCAG A/AA.
    expect(await violations()).toEqual([]);

    // Removing a state asks first and takes the transitions into it along; undo brings both back.
    await page.getByRole('tab', { name: 'States and transitions' }).click();
    await page.getByRole('button', { name: 'Add state' }).last().click();
    await page.getByLabel('Name', { exact: true }).fill('Scratch');
    await addTransition('New', 'Scratch', 'TRY');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove Scratch' }).first().click();
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe('Scratch removed.');
    expect(await page.getByTestId('transitions-table').textContent()).not.toContain('TRY');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('states-table').getByText('Scratch').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => page.getByTestId('states-table').textContent()).not.toContain('Scratch');

    await page.getByRole('tab', { name: 'JSON' }).click();
    expect(await page.getByTestId('workflow-json').textContent()).toContain('"PUT_ON_HOLD"');

    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const review = page.getByRole('dialog', { name: 'Review and publish' });
    await review.getByText('New state “On hold”.').waitFor();
    await review.getByText('From “In progress”, “Put on hold” now leads to “On hold”.').waitFor();
    await review.getByRole('button', { name: 'Publish version 2' }).click();
    await review.getByText('Version 2 is published').waitFor();
    await review.getByRole('button', { name: 'Close', exact: true }).click();

    // The picker lists every workflow with the record type that follows it.
    await page.getByLabel('Workflow', { exact: true }).selectOption({ label: 'Lead (used by Lead)' });
    await page.waitForURL(/\/studio\/workflows\/lead$/);
    await node('converted').getByText('End').waitFor();
    await expect.poll(status).toBe('No problems: this workflow can be published.');
    await screenshot(page, 'workflows-lead');
    expect(suite.problems.flat()).toEqual([]);
  });

  it('lets a member fire the new event on a case', { timeout: 60_000 }, async () => {
    const member = await memberRequest();
    const { id } = await createRecord(member, url, 'case', { subject: 'Printer jam' });
    const fire = (type: string) => member.post(`${url}/api/records/case/${id}/events`, { data: { type } });
    expect((await fire('START')).status()).toBe(200);
    const events = (await (await member.get(`${url}/api/records/case/${id}/events`)).json()) as { events: { type: string }[] };
    expect(events.events.map((e) => e.type)).toContain('PUT_ON_HOLD');
    const held = await fire('PUT_ON_HOLD');
    expect(held.status()).toBe(200);
    expect(((await held.json()) as { state: string }).state).toBe('on_hold');
  });

  it('asks where records in a removed state go, and publishes that', { timeout: 60_000 }, async () => {
    // Version 2 has On hold, and a case is in it.
    page = await ownerPage();
    await publishOnHold(page.request);
    const { id: caseId } = await createRecord(page.request, url, 'case', { subject: 'Printer jam' });
    for (const type of ['START', 'PUT_ON_HOLD'])
      expect((await page.request.post(`${url}/api/records/case/${caseId}/events`, { data: { type } })).status()).toBe(200);
    await page.goto(`${url}/studio/workflows/case`);
    await node('on_hold').waitFor();
    // The simulator starts from a copy of a real case: its data and its state.
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await page.getByLabel('Start from a real record').selectOption({ label: 'Printer jam (On hold)' });
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('The record is in “On hold”.');
    expect(await page.getByTestId('simulator').getByLabel('Subject').inputValue()).toBe('Printer jam');
    await page.getByRole('tab', { name: 'States and transitions' }).click();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('states-table').getByRole('button', { name: 'Remove On hold' }).click();
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe('On hold removed.');
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const review = page.getByRole('dialog', { name: 'Review and publish' });
    await review.getByText('1 case is in “On hold”, which this version removes.').waitFor();
    await review.getByText('State “On hold” is removed.').waitFor();
    await review.getByText('From “In progress”, “Put on hold” no longer leads to “On hold”.').waitFor();
    const publish = review.getByRole('button', { name: 'Publish version 3' });
    expect(await publish.isDisabled()).toBe(true);
    await review.getByLabel('Move them to').selectOption({ label: 'In progress' });
    await screenshot(page, 'workflows-review-mapping');
    await publish.click();
    await review.getByText('Version 3 is published').waitFor();
    const record = (await (await page.request.get(`${url}/api/records/case/${caseId}`)).json()) as { state: string };
    expect(record.state).toBe('in_progress');
    expect(suite.problems.flat()).toEqual([]);
  });

  it(
    'lists a timer that could not fire, in words, and fires it once retried; the review counts timers a new delay sets again',
    { timeout: 90_000 },
    async () => {
      page = await ownerPage();
      const request = page.request;
      // In progress: after a second, urgent cases escalate; others have nowhere to go, and their timer is stuck.
      const edit = async (change: (states: Record<string, { after?: Record<string, unknown> }>) => void) => {
        const draft = await request.get(`${url}/api/config/draft`);
        const bundle = ((await draft.json()) as { bundle: { workflows: Record<string, { states: Record<string, { after?: Record<string, unknown> }> }> } })
          .bundle;
        change(bundle.workflows['case']!.states);
        expect((await request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
      };
      const urgent = { target: 'escalated', guard: { type: 'fieldIn', params: { field: 'priority', values: ['urgent'] } } };
      await edit((states) => (states['in_progress']!.after = { PT1S: urgent }));
      expect((await request.post(`${url}/api/config/publish`, { data: {} })).status()).toBe(201);
      const { id } = await createRecord(request, url, 'case', { subject: 'Printer jam', priority: 'low' });
      expect((await request.post(`${url}/api/records/case/${id}/events`, { data: { type: 'START' } })).status()).toBe(200);
      const stuck = async () => ((await (await request.get(`${url}/api/workflows/case/stuck-timers`)).json()) as { items: unknown[] }).items.length;
      await expect.poll(stuck, { timeout: 20_000 }).toBe(1);

      await page.goto(`${url}/studio/workflows/case`);
      await page.getByRole('tab', { name: 'Stuck timers' }).click();
      const panel = page.getByTestId('stuck-timers');
      const row = panel.getByTestId('stuck-timer');
      await row.getByRole('link', { name: 'Printer jam' }).waitFor();
      expect(await row.textContent()).toContain('The record’s state does not take this timer now');
      expect(await row.textContent()).toContain('In progress');
      expect(await violations()).toEqual([]);
      await screenshot(page, 'workflows-stuck-timers');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'workflows-stuck-timers-phone');
      await page.setViewportSize({ width: 1280, height: 900 });

      const record = await request.get(`${url}/api/records/case/${id}`);
      const patched = await request.patch(`${url}/api/records/case/${id}`, {
        data: { data: { priority: 'urgent' } },
        headers: { 'if-match': record.headers()['etag']! },
      });
      expect(patched.status()).toBe(200);
      await row.getByRole('button', { name: 'Retry' }).click();
      await panel.getByText('1 timer will fire at the next pass.').waitFor();
      await expect
        .poll(async () => ((await (await request.get(`${url}/api/records/case/${id}`)).json()) as { state: string }).state, { timeout: 20_000 })
        .toBe('escalated');
      await page.reload();
      await page.getByRole('tab', { name: 'Stuck timers' }).click();
      await panel.getByText('No stuck timers').waitFor();

      // A case waiting in In progress when a new version lengthens the delay: the review says its timer is set again.
      const { id: waiting } = await createRecord(request, url, 'case', { subject: 'Toner low', priority: 'low' });
      expect((await request.post(`${url}/api/records/case/${waiting}/events`, { data: { type: 'START' } })).status()).toBe(200);
      await edit((states) => (states['in_progress']!.after = { P2D: urgent }));
      await page.reload();
      await page.getByRole('button', { name: 'Review and publish' }).click();
      const review = page.getByRole('dialog', { name: 'Review and publish' });
      await review.getByText('Case: 1 timer is set again, counted from when its record entered the state.').waitFor();
      await review.getByText(/Case: 1 timer is cancelled/).waitFor();
      await screenshot(page, 'workflows-review-timers');
      expect(suite.problems.flat()).toEqual([]);
    },
  );

  it('translates the names members read: a German name typed in the studio shows on a German member’s case', { timeout: 90_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page.getByRole('tab', { name: 'Translations' }).click();
    const panel = page.getByTestId('workflow-translations');
    // The shipped workflow comes translated; an owner changes one name.
    const state = panel.locator('fieldset').filter({ hasText: 'Waiting on customer' }).first();
    expect(await state.getByLabel('Deutsch').inputValue()).toBe('Wartet auf Kunden');
    await state.getByLabel('Deutsch').fill('Beim Kunden');
    expect(await violations()).toEqual([]);
    await screenshot(page, 'workflows-translations');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();
    expect((await page.request.post(`${url}/api/config/publish`, { data: {} })).status()).toBe(201);

    const { id } = await createRecord(page.request, url, 'case', { subject: 'Printer jam' });
    for (const type of ['START', 'WAIT']) expect((await page.request.post(`${url}/api/records/case/${id}/events`, { data: { type } })).status()).toBe(200);
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).ok()).toBe(true);
    await page.goto(`${url}/records/case/${id}`);
    await page
      .getByTestId('workflow-state')
      .filter({ hasText: /^Beim Kunden$/ })
      .waitFor();
    await page.getByRole('group', { name: 'Was als Nächstes geschehen kann' }).getByRole('button', { name: 'Kunde hat geantwortet' }).waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('combines conditions with "any one is enough" and turns one around', { timeout: 90_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page
      .getByRole('row', { name: /New.*START/ })
      .getByRole('button', { name: 'Edit' })
      .click();
    const properties = page.getByTestId('properties');
    await properties.getByLabel('Add a condition').selectOption({ label: 'Person has one of the roles' });
    await properties.getByRole('button', { name: 'Add the chosen condition' }).click();
    await properties.getByLabel('Member', { exact: true }).check();
    // One condition: nothing to combine yet.
    expect(await properties.getByLabel('How the conditions combine').count()).toBe(0);
    await properties.getByLabel('Add a condition').selectOption({ label: 'Person owns the record' });
    await properties.getByRole('button', { name: 'Add the chosen condition' }).click();
    await properties.getByLabel('How the conditions combine').selectOption({ label: 'Any one of them is enough' });
    await properties.getByLabel('Turned around: passes when this does not hold').nth(1).check();
    await expect.poll(status).toBe('No problems: this workflow can be published.');
    // The table of transitions says it in words.
    await page.getByRole('row', { name: /New.*START.*Person has one of the roles or not Person owns the record/ }).waitFor();
    expect(await violations()).toEqual([]);
    await screenshot(page, 'workflows-any-not');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();
    const draft = (await (await page.request.get(`${url}/api/config/draft`)).json()) as {
      bundle: { workflows: { case: { states: { new: { on: { START: unknown } } } } } };
    };
    expect(draft.bundle.workflows.case.states.new.on.START).toMatchObject({
      guard: {
        type: 'or',
        guards: [
          { type: 'hasRole', params: { roles: ['member'] } },
          { type: 'not', guard: { type: 'isOwner' } },
        ],
      },
    });
    // Read back, the panel shows the same: the mode, and which condition is turned around.
    await page.reload();
    await page
      .getByRole('row', { name: /New.*START/ })
      .getByRole('button', { name: 'Edit' })
      .click();
    expect(await properties.getByLabel('How the conditions combine').inputValue()).toBe('any');
    const turned = properties.getByLabel('Turned around: passes when this does not hold');
    expect([await turned.nth(0).isChecked(), await turned.nth(1).isChecked()]).toEqual([false, true]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('finds a state by name, and a new transition starts from the selected state', { timeout: 60_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page.getByLabel('Go to state').selectOption({ label: 'Resolved' });
    expect(await page.locator('#state-label').inputValue()).toBe('Resolved');
    await page.getByRole('button', { name: 'Add transition' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New transition' });
    expect(await dialog.getByLabel('From').locator('option:checked').textContent()).toBe('Resolved');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('lays the diagram out with no arrow’s label under a state, and shows a minimap, in English and German', { timeout: 60_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await node('resolved').waitFor();
    /** Every arrow drawn along its laid-out route, and each label's box beside every state's box. */
    const boxes = () =>
      page.evaluate(() => {
        const box = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        };
        return {
          edges: document.querySelectorAll('.vue-flow__edge').length,
          routed: document.querySelectorAll('.vue-flow__edge.routed').length,
          labels: [...document.querySelectorAll('.vue-flow__edge-textbg')].map(box),
          states: [...document.querySelectorAll('.vue-flow__node')].map(box),
        };
      });
    const overlaps = async () => {
      const { edges, routed, labels, states } = await boxes();
      if (edges === 0 || routed !== edges || labels.length !== edges) return -1;
      return labels.filter((l) => states.some((s) => l.x < s.x + s.w && s.x < l.x + l.w && l.y < s.y + s.h && s.y < l.y + l.h)).length;
    };
    await expect.poll(overlaps, { timeout: 20_000 }).toBe(0);
    await page.getByRole('img', { name: 'Overview of the whole workflow' }).waitFor();
    await screenshot(page, 'workflows-layout');

    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.reload();
    await page.getByRole('img', { name: 'Übersicht über den ganzen Workflow' }).waitFor();
    await expect.poll(overlaps, { timeout: 20_000 }).toBe(0);
    expect(await violations()).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('a dragged state takes its arrows along as it moves, and stays where it was put when renamed', { timeout: 90_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page.getByRole('button', { name: 'Add state' }).first().click();
    await page.locator('#state-label').fill('Scratch');
    await addTransition('New', 'Scratch', 'TRY');
    const arrow = page.locator('.vue-flow__edge[data-id="new|on|TRY|0"]');
    await expect.poll(() => arrow.getAttribute('class'), { timeout: 20_000 }).toContain('routed');
    await expect.poll(() => page.locator('.canvas-status').textContent()).toBe('');

    const start = (await node('scratch').boundingBox())!;
    await page.mouse.move(start.x + 40, start.y + 30);
    await page.mouse.down();
    await page.mouse.move(start.x + 40, start.y + 80, { steps: 5 });
    // Taken up: the arrow leaves its laid-out route and follows the state.
    await expect.poll(() => arrow.getAttribute('class')).not.toContain('routed');
    const path = () => arrow.locator('path').first().getAttribute('d');
    const before = await path();
    await page.mouse.move(start.x + 40, start.y + 150, { steps: 5 });
    await expect.poll(path).not.toBe(before);
    await page.mouse.up();
    /** Where a state is beside New (the view itself may pan). */
    const offset = async (key: string) => {
      const [a, b] = [(await node(key).boundingBox())!, (await node('new').boundingBox())!];
      return { x: Math.round(a.x - b.x), y: Math.round(a.y - b.y) };
    };
    const dropped = await offset('scratch');
    expect((await node('scratch').boundingBox())!.y).toBeGreaterThan(start.y + 60);

    // Renamed (its key follows its name, as it is not published): it stays where it was put.
    await node('scratch').click();
    await page.locator('#state-label').fill('Parked');
    await node('parked').waitFor();
    await expect.poll(() => offset('parked')).toEqual(dropped);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('nests states: an owner splits In progress into Triage and Fixing on the canvas, publishes, and new cases follow them', { timeout: 120_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await node('in_progress').click();
    const properties = page.getByTestId('properties');
    for (const name of ['Triage', 'Fixing']) {
      await page.getByLabel('Go to state').selectOption({ label: 'In progress' });
      await properties.getByRole('button', { name: 'Add a state inside' }).click();
      await page.locator('#state-label').fill(name);
    }
    await expect.poll(() => page.locator('#state-key').inputValue()).toBe('fixing');
    await addTransition('In progress › Triage', 'In progress › Fixing', 'Diagnose');
    await expect.poll(status).toBe('No problems: this workflow can be published.');

    // Drawn inside In progress, below its name, with the arrow between them.
    const box = async (key: string) => (await node(key).boundingBox())!;
    const inside = async () => {
      const [outer, a, b] = [await box('in_progress'), await box('in_progress.triage'), await box('in_progress.fixing')];
      const within = (r: typeof a) =>
        r.x >= outer.x && r.y > outer.y + 20 && r.x + r.width <= outer.x + outer.width && r.y + r.height <= outer.y + outer.height;
      return within(a) && within(b) && a.x < b.x;
    };
    await expect.poll(inside, { timeout: 20_000 }).toBe(true);
    // The arrow inside In progress is drawn above its box: it can be clicked there.
    await page.locator('.vue-flow__edge[data-id="in_progress.triage|on|DIAGNOSE|0"] .vue-flow__edge-textbg').click();
    await properties.getByRole('heading', { name: 'Transition: In progress › Triage → In progress › Fixing' }).waitFor();
    // Its name still selects the box around them.
    await node('in_progress').locator('.state-name').click();
    await properties.getByRole('heading', { name: 'State: In progress' }).waitFor();
    expect(await properties.getByRole('region', { name: 'States inside' }).textContent()).toContain('TriageFixing');
    await screenshot(page, 'workflows-nested');
    const rows = page.getByTestId('states-table');
    expect(await rows.locator('tr', { hasText: 'In progress › Triage' }).textContent()).toContain('Records entering “In progress” start here');

    // The simulator enters In progress at Triage; In progress's own events still apply there.
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await page
      .getByTestId('simulator')
      .getByRole('button', { name: /^START/ })
      .click();
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('In progress › Triage');
    const events = page.getByTestId('simulator').locator('.sim-events');
    await expect.poll(() => events.textContent()).toContain('DIAGNOSE');
    expect(await events.textContent()).toContain('RESOLVE');
    expect(await violations()).toEqual([]);

    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const review = page.getByRole('dialog', { name: 'Review and publish' });
    await review.getByText('New state “Triage”.').waitFor();
    await review.getByRole('button', { name: 'Publish version 2' }).click();
    await review.getByText('Version 2 is published').waitFor();
    await review.getByRole('button', { name: 'Close', exact: true }).click();
    const made = await page.request.post(`${url}/api/records/case`, { data: { data: { subject: 'Printer', priority: 'low' } } });
    const id = ((await made.json()) as { id: string }).id;
    expect((await page.request.post(`${url}/api/records/case/${id}/events`, { data: { type: 'START' } })).status()).toBe(200);
    expect((await page.request.post(`${url}/api/records/case/${id}/events`, { data: { type: 'DIAGNOSE' } })).status()).toBe(200);
    expect(((await (await page.request.get(`${url}/api/records/case/${id}`)).json()) as { state: string }).state).toBe('in_progress.fixing');

    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.reload();
    await page.getByLabel('Zum Status').selectOption({ label: 'In progress › Fixing' });
    await properties
      .getByText('Datensätze, die „In progress“ erreichen, beginnen hier')
      .or(properties.getByText('Hier beginnen beim Erreichen von „In progress“'))
      .waitFor();
    await screenshot(page, 'workflows-nested-de');
    expect(await violations()).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('generates paths through the workflow as a checklist the owner walks step by step, in English and German', { timeout: 90_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('The record is in “New”.');
    const paths = page.getByTestId('sim-paths');
    await paths.getByRole('button', { name: 'Generate paths' }).click();
    const count = () => paths.getByTestId('paths-count').textContent();
    await expect.poll(count).toMatch(/^0 of \d+ paths checked$/);
    const total = Number((await count())!.split(' ')[2]);

    // The path that waits on the customer until the follow-up timer runs out, walked one click at a time.
    const waiting = paths.locator('.path-list > li', { hasText: 'after 3 days → In progress' }).first();
    expect(await waiting.getByRole('checkbox').isChecked()).toBe(false);
    await waiting.getByRole('button', { name: 'Walk through' }).click();
    for (let i = 0; i < 10 && !(await waiting.getByText('Path walked to its end and ticked off.').isVisible()); i++) {
      const next = waiting.getByRole('button', { name: /^Next step:/ });
      const steps = () => page.getByTestId('sim-history').locator(':scope > li').count();
      const before = await steps();
      await next.click();
      await expect.poll(steps).toBeGreaterThan(before);
    }
    await expect.poll(() => waiting.getByRole('checkbox').isChecked()).toBe(true);
    expect(await page.getByTestId('sim-history').textContent()).toContain('after 3 days: Waiting on customer → In progress');
    await expect.poll(count).toBe(`1 of ${total} paths checked`);

    // A low-priority case never escalates: those transitions are listed apart.
    await paths.getByText(/transitions no path takes with this role and data/).click();
    expect(await paths.locator('.untaken').textContent()).toContain('New → Escalated (automatically)');
    // Another path ticked by hand, from the keyboard.
    await paths.locator('.path-list > li', { hasNotText: 'after 3 days → In progress' }).first().getByRole('checkbox').focus();
    await page.keyboard.press('Space');
    await expect.poll(count).toBe(`2 of ${total} paths checked`);
    await screenshot(page, 'workflows-paths');
    expect(await violations()).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'workflows-paths-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.setViewportSize({ width: 1350, height: 940 });
    await page.reload();
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await expect.poll(() => page.getByTestId('sim-state').textContent()).toContain('„New“');
    await paths.getByRole('button', { name: 'Wege erzeugen' }).click();
    await expect.poll(count).toBe(`0 von ${total} Wegen abgehakt`);
    expect(await paths.locator('.path-list').textContent()).toContain('Ab New:');
    // A wait reads as German says it after “nach”: in the dative.
    expect(await paths.locator('.path-list').textContent()).toContain('nach 3 Tagen');
    await paths.locator('.path-list > li').first().getByRole('button', { name: 'Durchgehen' }).click();
    await paths.getByRole('button', { name: /^Nächster Schritt:/ }).waitFor();
    await screenshot(page, 'workflows-paths-de');
    expect(await violations()).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('an owner adds a workflow for contacts, publishes it, and contacts follow it', { timeout: 60_000 }, async () => {
    page = await ownerPage();
    await page.goto(`${url}/studio/workflows/case`);
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Contact onboarding');
    await page.getByLabel('Followed by').selectOption({ label: 'Contact' });
    await screenshot(page, 'workflows-new');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.waitForURL(/\/studio\/workflows\/contact_onboarding$/);
    await node('open').waitFor();
    await expect.poll(status).toBe('No problems: this workflow can be published.');
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const review = page.getByRole('dialog', { name: 'Review and publish' });
    await review.getByText('A new workflow.').waitFor();
    await review.getByRole('button', { name: 'Publish version 2' }).click();
    await review.getByText('Version 2 is published').waitFor();

    const { id } = await createRecord(page.request, url, 'contact', { lastName: 'Lovelace' });
    const events = (await (await page.request.get(`${url}/api/records/contact/${id}/events`)).json()) as {
      state: { label: string };
      events: { type: string }[];
    };
    expect(events.state.label).toBe('Open');
    expect(events.events.map((e) => e.type)).toEqual(['FINISH']);
    expect(suite.problems.flat()).toEqual([]);
  });
});
