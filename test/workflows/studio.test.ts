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
    ['POST', '/api/workflows/paths', { entity: 'case', workflow: caseFlow(), role: 'member', data: {} }],
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

describe('paths through a workflow (@xstate/graph)', () => {
  type Step = { event: string; delay?: string; from: string; to: string };
  const paths = (body: Record<string, unknown>) => owner.post('/api/workflows/paths', { entity: 'case', workflow: caseFlow(), role: 'member', ...body });
  const taken = (list: { steps: Step[] }[]) => new Set(list.flatMap((p) => p.steps.map((s) => `${s.from} --${s.delay ?? s.event}--> ${s.to}`)));

  it('together take every transition the role can take with the data, each path replayed step by step by the simulator; the rest listed apart', async () => {
    const before = (await h.db.client.execute('SELECT count(*) AS n FROM records')).rows[0]!.n;
    const res = await paths({ data: { subject: 'Low', priority: 'low' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start: 'new', mayUpdate: true, problems: [] });
    expect([...taken(res.body.paths)].sort()).toEqual([
      'closed --REOPEN--> in_progress',
      'in_progress --RESOLVE--> resolved',
      'in_progress --WAIT--> waiting_on_customer',
      'new --START--> in_progress',
      'resolved --CLOSE--> closed',
      'resolved --REOPEN--> in_progress',
      'waiting_on_customer --CUSTOMER_REPLIED--> in_progress',
      'waiting_on_customer --P3D--> in_progress',
      'waiting_on_customer --RESOLVE--> resolved',
    ]);
    // A low-priority case never escalates: what leads there, and from there, is listed as untaken.
    expect(res.body.untaken).toEqual([
      { from: 'new', kind: 'always', trigger: '', target: 'escalated' },
      { from: 'in_progress', kind: 'on', trigger: 'ESCALATE', target: 'escalated' },
      { from: 'escalated', kind: 'on', trigger: 'START', target: 'in_progress' },
      { from: 'escalated', kind: 'on', trigger: 'RESOLVE', target: 'resolved' },
    ]);
    // No path is the beginning of another; each one, fired through the simulator, lands where it says at every step.
    const signs = res.body.paths.map((p: { steps: Step[] }) => p.steps.map((s) => s.event).join(' '));
    for (const a of signs) expect(signs.filter((b: string) => b.startsWith(`${a} `))).toEqual([]);
    for (const { steps } of res.body.paths as { steps: Step[] }[]) {
      let state = 'new';
      for (const step of steps) {
        expect(step.from).toBe(state);
        const sim = await owner.post('/api/workflows/simulate', {
          entity: 'case',
          workflow: caseFlow(),
          role: 'member',
          data: { priority: 'low' },
          state,
          event: step.event,
        });
        expect(sim.body).toMatchObject({ fired: true, state: step.to });
        state = step.to;
      }
    }
    expect((await h.db.client.execute('SELECT count(*) AS n FROM records')).rows[0]!.n).toBe(before);
  });

  it('follow the data and the role: an urgent case starts escalated; a guard on the role leaves its transition untaken', async () => {
    const urgent = await paths({ data: { priority: 'urgent' } });
    expect(urgent.body.start).toBe('escalated');
    expect(taken(urgent.body.paths)).toContain('in_progress --ESCALATE--> escalated');
    expect(urgent.body.untaken).toEqual([{ from: 'new', kind: 'on', trigger: 'START', target: 'in_progress' }]);

    const wf = caseFlow();
    wf.states.resolved.on.CLOSE = { target: 'closed', guard: { type: 'hasRole', params: { roles: ['manager'] } } };
    const member = await paths({ workflow: wf, data: { priority: 'low' } });
    expect(taken(member.body.paths)).not.toContain('resolved --CLOSE--> closed');
    expect(member.body.untaken).toContainEqual({ from: 'resolved', kind: 'on', trigger: 'CLOSE', target: 'closed' });
    expect(member.body.untaken).toContainEqual({ from: 'closed', kind: 'on', trigger: 'REOPEN', target: 'in_progress' });
    expect(taken((await paths({ workflow: wf, role: 'manager', data: { priority: 'low' } })).body.paths)).toContain('resolved --CLOSE--> closed');
  });

  it('a role that may not change the records only waits: its paths are the timers', async () => {
    const draft = await owner.get('/api/config/draft');
    const bundle = structuredClone(draft.body.bundle);
    bundle.roles.service_rep.entities.case.update = 'none';
    expect((await owner.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    const wf = caseFlow();
    wf.states.new.after = { PT1H: 'in_progress' };
    const res = await paths({ workflow: wf, role: 'service_rep', data: {} });
    expect(res.body).toMatchObject({ start: 'new', mayUpdate: false });
    expect(res.body.paths).toEqual([{ steps: [{ event: 'xstate.after.PT1H.case.new', delay: 'PT1H', from: 'new', to: 'in_progress' }] }]);
    expect(res.body.untaken).toContainEqual({ from: 'new', kind: 'on', trigger: 'START', target: 'in_progress' });
    const again = await owner.get('/api/config/draft');
    expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': again.headers.get('etag')! })).status).toBe(200);
  });

  it('walk nested states: steps name leaves, and an event of the parent state is taken from each child', async () => {
    const wf = caseFlow();
    wf.states.in_progress = {
      meta: { label: 'In progress' },
      initial: 'triage',
      states: { triage: { on: { DIAGNOSE: 'fixing' } }, fixing: { on: { BACK: 'triage' } } },
      on: { WAIT: 'waiting_on_customer', RESOLVE: 'resolved' },
    };
    const res = await paths({ workflow: wf, data: { priority: 'low' } });
    expect(res.body.problems).toEqual([]);
    const all = taken(res.body.paths);
    expect(all).toContain('new --START--> in_progress.triage');
    expect(all).toContain('in_progress.triage --DIAGNOSE--> in_progress.fixing');
    expect(all).toContain('in_progress.fixing --RESOLVE--> resolved');
    expect(all).toContain('in_progress.triage --RESOLVE--> resolved');
  });

  it('name exactly the transitions taken: an automatic one a path passes through, and not one whose condition fails though its target is reached', async () => {
    const wf = caseFlow();
    // Resolved hands on at once to Closed: RESOLVE is taken (through it), CLOSE and REOPEN of Resolved never are.
    wf.states.resolved.always = 'closed';
    // Escalated is reached by a plain ESCALATE now; the automatic way there from New still fails for a low priority.
    wf.states.in_progress.on.ESCALATE = 'escalated';
    const res = await paths({ workflow: wf, data: { priority: 'low' } });
    expect(res.body.problems).toEqual([]);
    expect(res.body.complete).toBe(true);
    expect(taken(res.body.paths)).toContain('in_progress --RESOLVE--> closed');
    expect(res.body.untaken).toEqual([
      { from: 'new', kind: 'always', trigger: '', target: 'escalated' },
      { from: 'resolved', kind: 'on', trigger: 'CLOSE', target: 'closed' },
      { from: 'resolved', kind: 'on', trigger: 'REOPEN', target: 'in_progress' },
    ]);
  });

  it('a workflow with too many ways through it to list is refused in words', async () => {
    // Three states of 100 states each, every one with 70 events to its neighbours: 21,000 moves.
    const states: Record<string, unknown> = { done: { type: 'final' } };
    for (let p = 0; p < 3; p++) {
      const inner: Record<string, unknown> = {};
      for (let c = 0; c < 100; c++) inner[`c${c}`] = { on: Object.fromEntries(Array.from({ length: 70 }, (_, e) => [`E${e}`, `c${(c + e + 1) % 100}`])) };
      states[`p${p}`] = { initial: 'c0', states: inner, on: { NEXT: `p${(p + 1) % 3}`, END: 'done' } };
    }
    const res = await paths({ workflow: { id: 'case', initial: 'p0', states }, data: {} });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ path: '/workflow', message: 'has too many ways through it' }]);
  }, 30_000);

  it('a workflow with problems gets its problems, an unknown entity a 422', async () => {
    const broken = caseFlow();
    broken.initial = 'zzz';
    expect((await paths({ workflow: broken, data: {} })).body.problems[0].path).toBe('/initial');
    expectProblem(await paths({ entity: 'planet', data: {} }), 422);
    expectProblem(await paths({ data: 'nope' }), 400);
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
