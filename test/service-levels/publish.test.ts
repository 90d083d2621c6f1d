import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { HOUR, keepSessions, later, MONDAY_NINE, newCase, sla } from './support.ts';

// Targets live in the configuration: a publish that changes them applies to cases opened after it (and its review
// says so), a case already open keeps its own even when its priority changes; configuration errors name their path.
let h: Harness;
let owner: Browser;
let mia: Browser;

beforeAll(async () => {
  h = await startHarness();
  h.clock.now = MONDAY_NINE;
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  await keepSessions(owner);
});
afterAll(() => h.close());

/** Saves a changed draft as the studio would; returns the answer. */
async function saveDraft(change: (bundle: any) => void) {
  const draft = await owner.get('/api/config/draft');
  change(draft.body.bundle);
  return owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! });
}

describe('service level targets across versions', () => {
  it('apply to cases opened after the publish that changes them, as its review says', async () => {
    const before = await newCase(mia, { priority: 'high' });
    later(h, HOUR);
    expect((await saveDraft((b) => (b.entities.case.serviceLevels.targets.high.resolution = 240))).status).toBe(200);
    const review = await owner.post('/api/config/publish?mode=dry-run');
    expect(review.status).toBe(200);
    expect(review.body.serviceLevels).toEqual([{ entity: 'case', priority: 'high', clock: 'resolution', before: 480, after: 240 }]);
    expect(review.body.changes).toEqual([{ part: 'entities', key: 'case', change: 'changed', paths: ['/serviceLevels/targets/high/resolution'] }]);
    expect((await owner.post('/api/config/publish')).status).toBe(201);

    const after = await newCase(mia, { priority: 'high' });
    expect((await sla(mia, after)).clocks.map((c) => c.targetMinutes)).toEqual([60, 240]);
    expect((await sla(mia, before)).clocks.map((c) => c.targetMinutes)).toEqual([60, 480]);
    // A case opened before keeps the targets it was opened under, also for a new priority.
    const read = await mia.get(`/api/records/case/${before}`);
    expect((await mia.patch(`/api/records/case/${before}`, { data: { priority: 'urgent' } }, { 'if-match': read.headers.get('etag')! })).status).toBe(200);
    expect((await sla(mia, before)).clocks.map((c) => [c.targetMinutes, c.usedMs])).toEqual([
      [30, HOUR],
      [240, HOUR],
    ]);
  });

  it('start no clocks for cases opened while a kind of record has no service levels', async () => {
    await publishChange(owner, (b) => delete b.entities.case.serviceLevels);
    expect((await owner.get('/api/config')).body.entities.case.serviceLevels).toBeUndefined();
    const id = await newCase(mia);
    expect(await sla(mia, id)).toEqual({ status: null, priority: null, clocks: [] });
    // What a member's configuration says of service levels: that there are some, not what they do.
    await publishChange(owner, (b) => (b.entities.case.serviceLevels = defaults()));
    expect((await mia.get('/api/config')).body.entities.case.serviceLevels).toEqual({ priorityField: 'priority' });
  });

  it.each([
    [
      'a target for a priority the field does not have',
      (sl: any) => (sl.targets.critical = { resolution: 60 }),
      '/entities/case/serviceLevels/targets/critical',
    ],
    ['an action the runtime does not know', (sl: any) => (sl.breach = [{ type: 'sendSms' }]), '/entities/case/serviceLevels/breach/0/type'],
    [
      'a role that does not exist',
      (sl: any) => (sl.warning = [{ type: 'notify', params: { role: 'boss' } }]),
      '/entities/case/serviceLevels/warning/0/params/role',
    ],
    ['params that do not fit', (sl: any) => (sl.warning = [{ type: 'notify', params: { to: 'everyone' } }]), '/entities/case/serviceLevels/warning/0/params'],
    [
      'a value the field cannot hold',
      (sl: any) => (sl.breach = [{ type: 'setField', params: { field: 'priority', value: 'critical' } }]),
      '/entities/case/serviceLevels/breach/0/params/value',
    ],
    ['a priority field that is no choice', (sl: any) => (sl.priorityField = 'subject'), '/entities/case/serviceLevels/priorityField'],
    ['a pause state that is a resolved one too', (sl: any) => sl.pauseStates.push('closed'), '/entities/case/serviceLevels/pauseStates/1'],
    ['a target of no minutes', (sl: any) => (sl.targets.high.firstResponse = 0), '/entities/case/serviceLevels/targets/high/firstResponse'],
  ])('refuse %s, naming its path', async (_name, change, path) => {
    const res = await saveDraft((b) => change(b.entities.case.serviceLevels));
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  // States are checked when publishing, as workflows are verified: a draft whose workflow is being rebuilt can be saved.
  it.each([
    ['a pause state the case workflow does not have', (sl: any) => (sl.pauseStates = ['on_hold']), '/bundle/entities/case/serviceLevels/pauseStates/0'],
    ['a resolved state the case workflow does not have', (sl: any) => sl.resolvedStates.push('done'), '/bundle/entities/case/serviceLevels/resolvedStates/2'],
  ])('refuse to publish %s, naming its path', async (_name, change, path) => {
    expect((await saveDraft((b) => change(b.entities.case.serviceLevels))).status).toBe(200);
    const res = await owner.post('/api/config/publish?mode=dry-run');
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await saveDraft((b) => (b.entities.case.serviceLevels = defaults()))).status).toBe(200);
  });

  it('are changed by those who configure workflows, not by those who design forms only', async () => {
    await publishChange(owner, (b) => (b.roles.designer = { ...b.roles.member, label: 'Form designer', tasks: ['configure.forms'] }));
    const slug = (await owner.get('/api/tenant')).body.slug;
    const dana = (await addMember(h, owner, slug, 'designer', 'Dana Designer')).browser;
    const draft = await dana.get('/api/config/draft');
    draft.body.bundle.entities.case.serviceLevels.targets.high.firstResponse = 10;
    expectProblem(await dana.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! }), 403);
    draft.body.bundle.entities.case.serviceLevels.targets.high.firstResponse = 60;
    draft.body.bundle.entities.case.label = 'Ticket';
    expect((await dana.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
  });
});

function defaults() {
  return {
    priorityField: 'priority',
    targets: { high: { firstResponse: 60, resolution: 480 } },
    pauseStates: ['waiting_on_customer'],
    resolvedStates: ['resolved', 'closed'],
    warning: [{ type: 'notify', params: { to: 'owner' } }],
    breach: [{ type: 'notify', params: { to: 'owner' } }],
  };
}
