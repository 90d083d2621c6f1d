import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBundle } from '../../runtime/config/store.ts';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
let owner: Browser;
let member: Browser;
const caseFlow = () => structuredClone(defaultBundle().workflows.case!) as any;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  member = (await addMember(h, owner, t.tenant.slug, 'member')).browser;
});
afterAll(() => h.close());

describe('the workflow designer’s endpoints', () => {
  it('the catalog lists every guard and action with a JSON Schema for its params', async () => {
    const res = await owner.get('/api/workflows/catalog');
    expect(res.status).toBe(200);
    expect(res.body.guards.map((g: { name: string }) => g.name)).toEqual(['hasRole', 'isOwner', 'fieldEquals', 'fieldIn', 'fieldsPresent']);
    expect(res.body.actions.map((a: { name: string }) => a.name)).toEqual(['assign', 'setField', 'createFollowUp', 'notify', 'sendEmail', 'convertLead']);
    for (const entry of [...res.body.guards, ...res.body.actions])
      expect(entry).toMatchObject({ label: expect.any(String), description: expect.any(String), params: expect.any(Object) });
  });

  it.each([
    ['GET', '/api/workflows/catalog', undefined],
    ['POST', '/api/workflows/verify', { entity: 'case', workflow: caseFlow() }],
    ['POST', '/api/workflows/simulate', { entity: 'case', workflow: caseFlow(), role: 'member', data: {} }],
  ])('%s %s needs configure.workflows: a member gets 403', async (method, path, body) => {
    expectProblem(await member.call(method, path, body), 403);
  });

  it('verify answers the problems of a definition against the draft, schema problems included', async () => {
    expect((await owner.post('/api/workflows/verify', { entity: 'case', workflow: caseFlow() })).body).toEqual({ problems: [] });
    const broken = caseFlow();
    broken.states.new.on.START = 'nowhere';
    expect((await owner.post('/api/workflows/verify', { entity: 'case', workflow: broken })).body.problems).toEqual([
      { path: '/states/new/on/START', message: '“nowhere” is not a state of this workflow' },
    ]);
    const malformed = caseFlow();
    malformed.states.new.run = 'alert(1)';
    expect((await owner.post('/api/workflows/verify', { entity: 'case', workflow: malformed })).body.problems[0].path).toBe('/states/new/run');
    expectProblem(await owner.post('/api/workflows/verify', { entity: 'planet', workflow: caseFlow() }), 422);
  });

  it('simulate: start, events with each guard’s outcome for a role, firing, effects — and writes nothing', async () => {
    const before = (await h.db.client.execute('SELECT count(*) AS n FROM records')).rows[0]!.n;
    const wf = caseFlow();
    wf.states.resolved.on.CLOSE = { target: 'closed', guard: { type: 'hasRole', params: { roles: ['owner', 'manager'] } } };
    const start = await owner.post('/api/workflows/simulate', { entity: 'case', workflow: wf, role: 'member', data: { priority: 'urgent' } });
    expect(start.body).toMatchObject({ state: 'escalated', problems: [], effects: [{ type: 'notify', params: { role: 'manager' } }] });
    const resolved = await owner.post('/api/workflows/simulate', { entity: 'case', workflow: wf, role: 'member', data: {}, state: 'resolved' });
    expect(resolved.body.events).toEqual([
      { type: 'CLOSE', allowed: false, target: 'closed', guards: [{ path: '/states/resolved/on/CLOSE/guard', type: 'hasRole', passed: false }] },
      { type: 'REOPEN', allowed: true, target: 'in_progress', guards: [] },
    ]);
    const closed = await owner.post('/api/workflows/simulate', { entity: 'case', workflow: wf, role: 'manager', data: {}, state: 'resolved', event: 'CLOSE' });
    expect(closed.body).toMatchObject({ state: 'closed', fired: true });
    const waiting = await owner.post('/api/workflows/simulate', {
      entity: 'case',
      workflow: wf,
      role: 'member',
      data: {},
      state: 'in_progress',
      event: 'WAIT',
    });
    expect(waiting.body.effects).toEqual([{ type: 'timer', params: { event: 'xstate.after.P3D.case.waiting_on_customer', delayMs: 3 * 864e5 } }]);
    const blocked = await owner.post('/api/workflows/simulate', { entity: 'case', workflow: wf, role: 'member', data: {}, state: 'resolved', event: 'CLOSE' });
    expect(blocked.body).toMatchObject({ state: 'resolved', fired: false });
    expectProblem(await owner.post('/api/workflows/simulate', { entity: 'case', workflow: wf, role: 'member', data: {}, state: 'limbo' }), 422);
    const broken = caseFlow();
    broken.initial = 'zzz';
    expect((await owner.post('/api/workflows/simulate', { entity: 'case', workflow: broken, role: 'member', data: {} })).body.problems[0].path).toBe(
      '/initial',
    );
    expect((await h.db.client.execute('SELECT count(*) AS n FROM records')).rows[0]!.n).toBe(before);
  });
});

describe('publishing workflows', () => {
  it('saves a draft whose workflow is still being built, and refuses to publish it, listing each problem at its path', async () => {
    const draft = await owner.get('/api/config/draft');
    const bundle = draft.body.bundle;
    bundle.workflows.case.states.new.on.START = 'nowhere';
    bundle.workflows.case.states.island = { on: { GO: 'new' } };
    const saved = await owner.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! });
    expect(saved.status).toBe(200);
    const refused = await owner.post('/api/config/publish?mode=dry-run');
    expectProblem(refused, 422);
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/bundle/workflows/case/states/island',
      '/bundle/workflows/case/states/new/on/START',
    ]);
    const versions = (await owner.get('/api/config/versions')).body.items.length;
    expectProblem(await owner.post('/api/config/publish'), 422);
    expect((await owner.get('/api/config/versions')).body.items.length).toBe(versions);
    // Back to the published workflow, for the next test.
    const again = await owner.get('/api/config/draft');
    again.body.bundle.workflows.case = caseFlow();
    expect((await owner.put('/api/config/draft', again.body.bundle, { 'if-match': again.headers.get('etag')! })).status).toBe(200);
  });

  it('records in a removed state must be mapped; mapped records move on and their old timers are dropped', async () => {
    const c = (await member.post('/api/records/case', { data: { subject: 'Waiting' } })).body;
    for (const type of ['START', 'WAIT']) await member.post(`/api/records/case/${c.id}/events`, { type });
    const removeWaiting = (b: any) => {
      delete b.workflows.case.states.waiting_on_customer;
      delete b.workflows.case.states.in_progress.on.WAIT;
      b.entities.case.serviceLevels.pauseStates = [];
    };
    const draft = await owner.get('/api/config/draft');
    removeWaiting(draft.body.bundle);
    expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    const dry = await owner.post('/api/config/publish?mode=dry-run');
    expect(dry.body.impact.orphanedStates).toEqual({ case: { waiting_on_customer: 1 } });
    expect(dry.body.problems[0].path).toBe('/mappings/states/case/waiting_on_customer');
    expectProblem(await owner.post('/api/config/publish'), 422);
    expect((await owner.post('/api/config/publish', { mappings: { states: { case: { waiting_on_customer: 'in_progress' } } } })).status).toBe(201);
    expect((await member.get(`/api/records/case/${c.id}`)).body.state).toBe('in_progress');
    const [entry] = (await member.get(`/api/records/case/${c.id}/timeline`)).body.items;
    expect(entry).toMatchObject({
      kind: 'remapped',
      part: 'state',
      from: { key: 'waiting_on_customer', label: 'Waiting on customer' },
      to: { key: 'in_progress', label: 'In progress' },
      actor: { name: 'Olive Owner' },
    });
    expect((await h.db.client.execute({ sql: 'SELECT count(*) AS n FROM workflow_timers WHERE record_id = ?', args: [c.id] })).rows[0]!.n).toBe(0);
    expect((await member.get(`/api/records/case/${c.id}/events`)).body.events.map((e: { type: string }) => e.type)).toEqual(['RESOLVE']);
  });
});
