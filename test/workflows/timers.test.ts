import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../runtime/workflows/timers.ts';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

const DAY = 864e5;
let h: Harness;
let owner: Browser;
let mia: Browser;
let max: Browser;
// The scheduler's clock runs ahead; the requests' clock stays, so sessions do not expire while days pass for timers.
let ahead = 0;
const tick = () => fireDueTimers({ db: h.db, now: () => h.clock.now + ahead });
const timers = async () => (await h.db.client.execute('SELECT record_id, timer, due_at FROM workflow_timers')).rows;

async function waitingCase(subject = 'Waiting for logs') {
  const c = (await mia.post('/api/records/case', { data: { subject } })).body;
  for (const type of ['START', 'WAIT']) expect((await mia.post(`/api/records/case/${c.id}/events`, { type })).status).toBe(200);
  return c.id as string;
}

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  max = (await addMember(h, owner, t.tenant.slug, 'member', 'Max Member')).browser;
});
afterAll(() => h.close());

describe('delayed transitions and follow-ups', () => {
  it('waiting on the customer schedules a timer row that fires after 3 days, not before, exactly once', async () => {
    ahead = 0;
    const id = await waitingCase();
    const [timer] = (await timers()).filter((t) => t.record_id === id);
    expect(Number(timer!.due_at)).toBe(h.clock.now + 3 * DAY);
    ahead += 3 * DAY - 1000;
    expect(await tick()).toBe(0);
    ahead += 1000;
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(0);
    const record = (await mia.get(`/api/records/case/${id}`)).body;
    expect(record.state).toBe('in_progress');
    const timeline = (await owner.get(`/api/records/case/${id}/timeline`)).body.items;
    expect(timeline[1]).toMatchObject({ kind: 'transition', actor: null, from: { key: 'waiting_on_customer' }, to: { key: 'in_progress' } });
    expect(timeline[0]).toMatchObject({ kind: 'task', actor: null, task: { title: 'Follow up with the customer' } });
    expect((await timers()).filter((t) => t.record_id === id)).toEqual([]);
  });

  it('leaving the state first cancels the timer: a reply before 3 days means no follow-up', async () => {
    const id = await waitingCase();
    expect((await mia.post(`/api/records/case/${id}/events`, { type: 'CUSTOMER_REPLIED' })).status).toBe(200);
    expect((await timers()).filter((t) => t.record_id === id)).toEqual([]);
    ahead += 4 * DAY;
    await tick();
    expect((await owner.get(`/api/records/case/${id}/timeline`)).body.items.filter((e: { kind: string }) => e.kind === 'task')).toEqual([]);
  });

  it('a timer whose record was deleted is spent without effect', async () => {
    const id = await waitingCase();
    const rec = (await mia.get(`/api/records/case/${id}`)).body;
    expect((await mia.call('DELETE', `/api/records/case/${id}`, undefined, { 'if-match': `"${rec.version}"` })).status).toBe(204);
    ahead += 4 * DAY;
    await tick();
    expect((await timers()).filter((t) => t.record_id === id)).toEqual([]);
  });
});

describe('My tasks', () => {
  it('lists the follow-up for its assignee with the record, completes and snoozes it; others never see it', async () => {
    const id = await waitingCase('Call back about the invoice');
    ahead += 3 * DAY + 1;
    await tick();
    const mine = (await mia.get('/api/tasks?mine=true')).body.items;
    const task = mine.find((t: { record: { id: string } }) => t.record.id === id);
    expect(task).toMatchObject({
      title: 'Follow up with the customer',
      status: 'open',
      record: { entity: 'case', id, title: 'Call back about the invoice' },
      assignee: { name: 'Mia Member' },
    });
    expect((await max.get('/api/tasks?mine=true')).body.items).toEqual([]);
    expect((await max.get('/api/tasks')).body.items).toEqual([]);
    expect((await owner.get('/api/tasks')).body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    // Another member: the same 404 as a task that does not exist.
    const missing = await max.post('/api/tasks/zzzzzzzzzzzzzzzz/complete');
    expectProblem(missing, 404);
    expect((await max.post(`/api/tasks/${task.id}/complete`)).body).toEqual(missing.body);

    expectProblem(await mia.post(`/api/tasks/${task.id}/snooze`, { until: new Date(h.clock.now - 1000).toISOString() }), 422);
    expectProblem(await mia.post(`/api/tasks/${task.id}/snooze`, { until: 'tomorrow' }), 400);
    const until = new Date(h.clock.now + DAY).toISOString();
    expect((await mia.post(`/api/tasks/${task.id}/snooze`, { until })).body).toMatchObject({ snoozedUntil: until, status: 'open' });
    const done = await mia.post(`/api/tasks/${task.id}/complete`);
    expect(done.body).toMatchObject({ status: 'done' });
    // A second completion (a double click, someone else at once) changes nothing and writes nothing.
    const entries = async () =>
      (await owner.get(`/api/records/case/${id}/timeline`)).body.items.filter((e: { kind: string; completed?: boolean }) => e.kind === 'task' && e.completed)
        .length;
    expect(await entries()).toBe(1);
    expectProblem(await mia.post(`/api/tasks/${task.id}/complete`), 409);
    expectProblem(await mia.post(`/api/tasks/${task.id}/snooze`, { until }), 409);
    expect(await entries()).toBe(1);
    expect((await mia.get('/api/tasks?mine=true')).body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
    expect((await mia.get('/api/tasks?mine=true&status=done')).body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    expectProblem(await mia.get('/api/tasks?status=later'), 400);
  });

  it('a task disappears from its assignee’s list on the next request once their role no longer reads the record', async () => {
    const id = await waitingCase('Soon out of reach');
    ahead += 3 * DAY + 1;
    await tick();
    const listed = async () => (await mia.get('/api/tasks?mine=true')).body.items.map((t: { record: { id: string } }) => t.record.id);
    expect(await listed()).toContain(id);
    const me = (await mia.get('/api/me')).body.user.id;
    expect((await owner.patch(`/api/users/${me}`, { role: 'sales_rep' })).status).toBe(200);
    // Sales representatives read only their own cases too, but this test's point is a role without the record: leads-only.
    await publishChange(owner, (b) => {
      b.roles.sales_rep.entities.case = { create: 'none', read: 'none', update: 'none', delete: 'none', assign: 'none' };
    });
    expect(await listed()).not.toContain(id);
    await owner.patch(`/api/users/${me}`, { role: 'member' });
    expect(await listed()).toContain(id);
  });
});
