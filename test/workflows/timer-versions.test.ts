import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LEASE_MS, fireDueTimers } from '../../runtime/workflows/timers.ts';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

const HOUR = 36e5;
const DAY = 24 * HOUR;
let h: Harness;
let owner: Browser;
let mia: Browser;
/** Everyone signed in: their sessions are kept alive while time passes. */
let people: Browser[] = [];

const tick = () => fireDueTimers({ db: h.db, now: () => h.clock.now });
const timersOf = async (id: string) =>
  (await h.db.client.execute({ sql: 'SELECT timer, due_at, attempts, last_error FROM workflow_timers WHERE record_id = ? ORDER BY id', args: [id] })).rows.map(
    (r) => ({ timer: String(r.timer), dueAt: Number(r.due_at), attempts: Number(r.attempts), lastError: r.last_error }),
  );
const stateOf = async (id: string) => (await owner.get(`/api/records/case/${id}`)).body.state;

async function caseIn(state: 'in_progress' | 'waiting_on_customer', subject = 'Printer offline') {
  const c = (await mia.post('/api/records/case', { data: { subject } })).body;
  for (const type of state === 'in_progress' ? ['START'] : ['START', 'WAIT'])
    expect((await mia.post(`/api/records/case/${c.id}/events`, { type })).status).toBe(200);
  return c.id as string;
}

/** Saves the draft as `change` makes it, then the publish dry run's timer counts for cases. */
async function review(change: (bundle: any) => void, mappings?: object) {
  const draft = await owner.get('/api/config/draft');
  change(draft.body.bundle);
  expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
  const dry = await owner.post('/api/config/publish?mode=dry-run', mappings ? { mappings } : {});
  expect(dry.status).toBe(200);
  return dry.body.impact.timers.case;
}
const publish = async (mappings?: object) => {
  const res = await owner.post('/api/config/publish', mappings ? { mappings } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.impact.timers.case;
};
const waiting = (b: any) => b.workflows.case.states.waiting_on_customer;

/** Lets time pass in steps of a few hours, as people keep working: sessions stay alive while days go by for timers. */
async function pass(ms: number) {
  for (let left = ms; left > 0; left -= 6 * HOUR) {
    h.clock.now += Math.min(left, 6 * HOUR);
    for (const b of people) expect((await b.get('/api/me')).status).toBe(200);
  }
}

// Each test has a database and a clock of its own: they move days ahead.
beforeEach(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  people = [owner, mia];
});
afterEach(() => h.close());

describe('timers across versions', () => {
  it('a longer delay in a new version counts from when the record entered the state, and only the new timer fires', async () => {
    const entered = h.clock.now;
    const id = await caseIn('waiting_on_customer');
    await pass(2 * DAY);
    const other = await caseIn('waiting_on_customer', 'Waiting since today');
    const lengthen = (b: any) => {
      waiting(b).after = { P5D: waiting(b).after.P3D };
    };
    expect(await review(lengthen)).toEqual({ rescheduled: 2, due: 0, cancelled: 2 });
    expect(await publish()).toEqual({ rescheduled: 2, due: 0, cancelled: 2 });
    expect(await timersOf(id)).toEqual([{ timer: 'xstate.after.P5D.case.waiting_on_customer', dueAt: entered + 5 * DAY, attempts: 0, lastError: null }]);
    expect((await timersOf(other))[0]!.dueAt).toBe(entered + 7 * DAY);

    await pass(entered + 5 * DAY - 1000 - h.clock.now);
    expect(await tick()).toBe(0);
    await pass(1000);
    expect(await tick()).toBe(1);
    expect(await stateOf(id)).toBe('in_progress');
    expect(await stateOf(other)).toBe('waiting_on_customer');
  });

  it('a shorter delay already run out fires at the next pass; the dry run says so', async () => {
    const id = await caseIn('waiting_on_customer');
    await pass(2 * DAY);
    const shorten = (b: any) => {
      waiting(b).after = { P1D: Object.values(waiting(b).after)[0] };
    };
    expect(await review(shorten)).toEqual({ rescheduled: 0, due: 1, cancelled: 1 });
    await publish();
    expect(await tick()).toBe(1);
    expect(await stateOf(id)).toBe('in_progress');
    const timeline = (await owner.get(`/api/records/case/${id}/timeline`)).body.items;
    expect(timeline.find((e: { kind: string }) => e.kind === 'task')).toMatchObject({ actor: null, task: { title: 'Follow up with the customer' } });
  });

  it('a delay added to a state where records already wait is scheduled for them, from when they entered it', async () => {
    const entered = h.clock.now;
    const id = await caseIn('in_progress');
    await pass(2 * HOUR);
    const counts = await review((b) => {
      b.workflows.case.states.in_progress.after = { PT3H: 'escalated' };
    });
    expect(counts).toEqual({ rescheduled: 1, due: 0, cancelled: 0 });
    await publish();
    expect(await timersOf(id)).toEqual([{ timer: 'xstate.after.PT3H.case.in_progress', dueAt: entered + 3 * HOUR, attempts: 0, lastError: null }]);
    await pass(HOUR);
    await tick();
    expect(await stateOf(id)).toBe('escalated');
    // Taking it away again cancels what waits.
    const back = await caseIn('in_progress');
    expect(await timersOf(back)).toHaveLength(1);
    await publishChange(owner, (b) => {
      delete b.workflows.case.states.in_progress.after;
    });
    expect(await timersOf(back)).toEqual([]);
  });

  it('records mapped into a state run its entry actions and get its timers, counted from the publish', async () => {
    const id = await caseIn('waiting_on_customer', 'Mapped along');
    await pass(2 * DAY);
    const onHold = {
      meta: { label: 'On hold' },
      entry: [{ type: 'createFollowUp', params: { title: 'Check on the held case', due: 'P1D' } }],
      after: { P2D: 'in_progress' },
      on: { RESOLVE: 'resolved' },
    };
    const mappings = { states: { case: { waiting_on_customer: 'on_hold' } } };
    const counts = await review((b) => {
      delete b.workflows.case.states.waiting_on_customer;
      b.workflows.case.states.on_hold = onHold;
      b.workflows.case.states.in_progress.on.WAIT = 'on_hold';
      b.entities.case.serviceLevels.pauseStates = ['on_hold'];
    }, mappings);
    expect(counts).toEqual({ rescheduled: 1, due: 0, cancelled: 1 });
    const publishedAt = h.clock.now;
    await publish(mappings);
    expect(await stateOf(id)).toBe('on_hold');
    expect(await timersOf(id)).toEqual([{ timer: 'xstate.after.P2D.case.on_hold', dueAt: publishedAt + 2 * DAY, attempts: 0, lastError: null }]);
    const tasks = (await mia.get('/api/tasks?mine=true')).body.items.filter((t: { record: { id: string } }) => t.record.id === id);
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(['Check on the held case']);
    const timeline = (await owner.get(`/api/records/case/${id}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(timeline.slice(0, 2)).toEqual(['task', 'remapped']);
    await pass(2 * DAY);
    await tick();
    expect(await stateOf(id)).toBe('in_progress');
  });
});

describe('a batch of due timers', () => {
  it('fires in one transaction, where one that fails rolls back alone and is tried again after the lease', async () => {
    const ok = await caseIn('waiting_on_customer', 'Fires');
    const failing = await caseIn('waiting_on_customer', 'Fails first');
    // A real failure inside the transition's writes: this record cannot be updated for now.
    await h.db.client.execute(`CREATE TRIGGER refuse_one BEFORE UPDATE ON records WHEN OLD.id = '${failing}' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    await pass(3 * DAY);
    expect(await tick()).toBe(1);
    expect(await stateOf(ok)).toBe('in_progress');
    expect(await stateOf(failing)).toBe('waiting_on_customer');
    expect(await timersOf(failing)).toMatchObject([{ attempts: 1, lastError: expect.stringContaining('disk says no') }]);
    const tasks = async (id: string) => (await mia.get('/api/tasks?mine=true')).body.items.filter((t: { record: { id: string } }) => t.record.id === id).length;
    expect(await tasks(failing)).toBe(0);
    await h.db.client.execute('DROP TRIGGER refuse_one');
    expect(await tick()).toBe(0);
    h.clock.now += DEFAULT_LEASE_MS + 1;
    expect(await tick()).toBe(1);
    expect(await stateOf(failing)).toBe('in_progress');
    expect([await tasks(ok), await tasks(failing)]).toEqual([1, 1]);
  });
});

describe('what a publish leaves alone', () => {
  it('a delayed action that already ran is not run again when a later version changes something else', async () => {
    const id = await caseIn('in_progress', 'Reminded once');
    await publishChange(owner, (b) => {
      b.workflows.case.states.in_progress.after = { PT1H: { actions: [{ type: 'createFollowUp', params: { title: 'Nudge the team', due: 'PT0S' } }] } };
    });
    await pass(HOUR);
    expect(await tick()).toBe(1);
    const nudges = async () => (await mia.get('/api/tasks?mine=true')).body.items.filter((t: { title: string }) => t.title === 'Nudge the team').length;
    expect(await nudges()).toBe(1);
    expect(await stateOf(id)).toBe('in_progress');
    // A translation is all that changes: the spent delay is not scheduled again.
    expect(await review((b) => (b.workflows.case.i18n.de['state.new'] = 'Frisch'))).toBeUndefined();
    await publish();
    expect(await timersOf(id)).toEqual([]);
    await pass(HOUR);
    await tick();
    expect(await nudges()).toBe(1);
  });

  it('a mapping for a state the version keeps moves nothing and touches no timer', async () => {
    const id = await caseIn('waiting_on_customer', 'Still waiting');
    const [timer] = await timersOf(id);
    const mappings = { states: { case: { waiting_on_customer: 'closed' } } };
    expect(await review((b) => (b.workflows.case.i18n.de['state.new'] = 'Frisch'), mappings)).toBeUndefined();
    expect((await owner.post('/api/config/publish', { mappings })).status).toBe(201);
    expect(await stateOf(id)).toBe('waiting_on_customer');
    expect(await timersOf(id)).toEqual([timer]);
  });

  it('a record mapped between two children of a state it stays in runs no entry action of that state, and its timer keeps time', async () => {
    await publishChange(owner, (b) => {
      b.workflows.case.states.pending = {
        meta: { label: 'Pending' },
        initial: 'first',
        entry: [{ type: 'createFollowUp', params: { title: 'Pending started', due: 'P1D' } }],
        after: { P2D: 'resolved' },
        on: { RESOLVE: 'resolved' },
        states: { first: { on: { NEXT: 'second' } }, second: { on: { BACK: 'first' } } },
      };
      b.workflows.case.states.in_progress.on.PEND = 'pending';
    });
    const id = await caseIn('in_progress', 'Nested');
    const entered = h.clock.now;
    expect((await mia.post(`/api/records/case/${id}/events`, { type: 'PEND' })).status).toBe(200);
    await pass(HOUR);
    expect((await mia.post(`/api/records/case/${id}/events`, { type: 'NEXT' })).status).toBe(200);
    const started = async () => (await mia.get('/api/tasks?mine=true')).body.items.filter((t: { title: string }) => t.title === 'Pending started').length;
    expect(await started()).toBe(1);
    const mappings = { states: { case: { 'pending.second': 'pending.first' } } };
    await review((b) => {
      delete b.workflows.case.states.pending.states.second;
      delete b.workflows.case.states.pending.states.first.on;
    }, mappings);
    await publish(mappings);
    expect(await stateOf(id)).toBe('pending.first');
    expect(await started()).toBe(1);
    expect(await timersOf(id)).toEqual([{ timer: 'xstate.after.P2D.case.pending', dueAt: entered + 2 * DAY, attempts: 0, lastError: null }]);
  });
});

describe('a timer the workflow cannot take', () => {
  let designer: Browser;
  beforeEach(async () => {
    // Someone who designs workflows but reads no cases.
    await publishChange(owner, (b) => {
      b.roles.designer = { label: 'Designer', entities: {}, tasks: ['configure.workflows'] };
    });
    designer = (await addMember(h, owner, (await owner.get('/api/me')).body.tenant.slug, 'designer', 'Dana Designer')).browser;
    people.push(designer);
    await publishChange(owner, (b) => {
      b.workflows.case.states.in_progress.after = {
        P1D: { target: 'escalated', guard: { type: 'fieldIn', params: { field: 'priority', values: ['high', 'urgent'] } } },
      };
    });
  });

  it('stays with the reason, is listed for workflow designers on records they may read, and fires once retried', async () => {
    const id = await caseIn('in_progress', 'Low priority for now');
    await pass(DAY);
    expect(await tick()).toBe(0);
    expect(await stateOf(id)).toBe('in_progress');
    const [stuck] = await timersOf(id);
    expect(stuck).toMatchObject({ timer: 'xstate.after.P1D.case.in_progress', attempts: 5 });
    expect(stuck!.lastError).toContain('does not take this timer');
    // Stuck: later passes leave it alone.
    await pass(DAY);
    expect(await tick()).toBe(0);
    expect(await timersOf(id)).toHaveLength(1);

    const listed = (await owner.get('/api/workflows/case/stuck-timers')).body.items;
    const item = listed.find((t: { record: { id: string } }) => t.record.id === id);
    expect(item).toMatchObject({
      record: { entity: 'case', title: 'Low priority for now' },
      state: { key: 'in_progress', label: 'In progress' },
      delay: 'P1D',
      reason: 'notTaken',
      error: null,
    });
    // A designer who reads no cases learns nothing about them: not listed, and retrying one is the 404 of a missing one.
    expect((await designer.get('/api/workflows/case/stuck-timers')).body.items).toEqual([]);
    const missing = await designer.post('/api/workflows/case/stuck-timers/999999/retry');
    expectProblem(missing, 404);
    expect((await designer.post(`/api/workflows/case/stuck-timers/${item.id}/retry`)).body).toEqual(missing.body);
    expectProblem(await mia.get('/api/workflows/case/stuck-timers'), 403);
    expectProblem(await owner.get('/api/workflows/nothing/stuck-timers'), 404);

    const rec = (await owner.get(`/api/records/case/${id}`)).body;
    expect((await owner.patch(`/api/records/case/${id}`, { data: { priority: 'high' } }, { 'if-match': `"${rec.version}"` })).status).toBe(200);
    expect((await owner.post(`/api/workflows/case/stuck-timers/${item.id}/retry`)).body).toEqual({ retried: 1 });
    expect(await tick()).toBe(1);
    expect(await stateOf(id)).toBe('escalated');
    expect(await timersOf(id)).toEqual([]);
    const audit = (await owner.get('/api/audit?action=workflow.timers.retried')).body.items;
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('a crashed process’s claims come free after the lease, and another process fires them', async () => {
    const id = await caseIn('in_progress', 'Urgent from the start');
    const rec = (await owner.get(`/api/records/case/${id}`)).body;
    await owner.patch(`/api/records/case/${id}`, { data: { priority: 'urgent' } }, { 'if-match': `"${rec.version}"` });
    expect(await stateOf(id)).toBe('in_progress');
    await pass(DAY);
    // A process claims the timer, then dies before firing it.
    await h.db.client.execute({
      sql: 'UPDATE workflow_timers SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE record_id = ?',
      args: ['crashed', h.clock.now + DEFAULT_LEASE_MS, id],
    });
    expect(await tick()).toBe(0);
    h.clock.now += DEFAULT_LEASE_MS + 1;
    expect(await tick()).toBe(1);
    expect(await stateOf(id)).toBe('escalated');
  });
});
