import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
let owner: Browser;
let mia: Browser;
let max: Browser;
let reader: Browser;
let stranger: Browser;

async function newCase(who: Browser, data: Record<string, unknown> = { subject: 'Printer on fire' }) {
  const res = await who.post('/api/records/case', { data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; state: string; owner: { id: string } };
}
const fire = (who: Browser, id: string, body: unknown, headers?: Record<string, string>) => who.post(`/api/records/case/${id}/events`, body, headers);
/** What an event writes, read back by the owner. */
async function trail(id: string) {
  const [record, timeline, audit] = await Promise.all([
    owner.get(`/api/records/case/${id}`),
    owner.get(`/api/records/case/${id}/timeline`),
    owner.get(`/api/audit?target=${id}`),
  ]);
  return { record: record.body, timeline: timeline.body.items, audit: audit.body.items };
}

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  await publishChange(owner, (b) => {
    b.roles.case_reader = {
      label: 'Case reader',
      entities: { case: { create: 'none', read: 'all', update: 'none', delete: 'none', assign: 'none' } },
      tasks: [],
    };
    // Only managers and owners may close; everyone who may update may resolve.
    b.workflows.case.states.resolved.on.CLOSE = { target: 'closed', guard: { type: 'hasRole', params: { roles: ['owner', 'manager'] } } };
  });
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  max = (await addMember(h, owner, t.tenant.slug, 'member', 'Max Member')).browser;
  reader = (await addMember(h, owner, t.tenant.slug, 'case_reader', 'Rita Reader')).browser;
  stranger = (await signUp(h)).owner;
});
afterAll(() => h.close());

describe('workflow events on a record', () => {
  it('a new case starts in the initial state; GET events lists what the caller may fire, with labels and targets', async () => {
    const c = await newCase(mia);
    expect(c.state).toBe('new');
    const res = await mia.get(`/api/records/case/${c.id}/events`);
    expect(res.status).toBe(200);
    expect(res.body.state).toEqual({ key: 'new', label: 'New' });
    expect(res.body.events).toEqual([{ type: 'START', label: 'Start', target: { key: 'in_progress', label: 'In progress' } }]);
  });

  it('firing an event moves the record, bumps its version and ETag, and writes a timeline entry and an audit event', async () => {
    const c = await newCase(mia);
    const res = await fire(mia, c.id, { type: 'START' }, { 'if-match': `"${c.version}"` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'in_progress', version: 2 });
    expect(res.headers.get('etag')).toBe('"2"');
    const { timeline, audit } = await trail(c.id);
    expect(timeline[0]).toMatchObject({
      kind: 'transition',
      event: 'START',
      from: { key: 'new' },
      to: { key: 'in_progress', label: 'In progress' },
      actor: { name: 'Mia Member' },
    });
    expect(audit[0]).toMatchObject({ action: 'record.transition' });
    expect(JSON.stringify(audit[0])).toContain('in_progress');
  });

  it('an event not possible now → 409 naming the state; nothing written', async () => {
    const c = await newCase(mia);
    const before = await trail(c.id);
    const res = await fire(mia, c.id, { type: 'RESOLVE' });
    expectProblem(res, 409);
    expect(res.body.detail).toContain('New');
    expect(await trail(c.id)).toEqual(before);
  });

  it('a stale If-Match → 412; nothing written', async () => {
    const c = await newCase(mia);
    const before = await trail(c.id);
    expectProblem(await fire(mia, c.id, { type: 'START' }, { 'if-match': '"7"' }), 412);
    expect(await trail(c.id)).toEqual(before);
  });

  it('role guards: a member cannot close a resolved case (not offered, 409); an owner can', async () => {
    const c = await newCase(mia);
    for (const type of ['START', 'RESOLVE']) expect((await fire(mia, c.id, { type })).status).toBe(200);
    const offered = (await mia.get(`/api/records/case/${c.id}/events`)).body;
    expect(offered.events.map((e: { type: string }) => e.type)).toEqual(['REOPEN']);
    // Not theirs at all: not even shown as waiting on a condition.
    expect(offered.blocked).toEqual([]);
    expectProblem(await fire(mia, c.id, { type: 'CLOSE' }), 409);
    expect((await owner.get(`/api/records/case/${c.id}/events`)).body.events.map((e: { type: string }) => e.type)).toEqual(['CLOSE', 'REOPEN']);
    expect((await fire(owner, c.id, { type: 'CLOSE' })).body.state).toBe('closed');
  });

  it('data guards read the data sent with the event: ESCALATE needs high priority, and the patch is saved in the same step', async () => {
    const c = await newCase(mia, { subject: 'Slow', priority: 'low' });
    await fire(mia, c.id, { type: 'START' });
    expectProblem(await fire(mia, c.id, { type: 'ESCALATE' }), 409);
    const res = await fire(mia, c.id, { type: 'ESCALATE', data: { priority: 'high' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'escalated', data: { priority: 'high' } });
    const { timeline } = await trail(c.id);
    expect(timeline[0]).toMatchObject({ kind: 'transition', changes: { priority: { before: 'low', after: 'high' } } });
  });

  it('a PATCH that makes an automatic transition possible takes it in the same step; an event the state refuses never does', async () => {
    const c = await newCase(mia, { subject: 'Getting worse', priority: 'low' });
    expect(c.state).toBe('new');
    expectProblem(await fire(mia, c.id, { type: 'RESOLVE', data: { priority: 'urgent' } }), 409);
    expect((await trail(c.id)).record).toMatchObject({ state: 'new', data: { priority: 'low' } });
    const patched = await mia.patch(`/api/records/case/${c.id}`, { data: { priority: 'urgent' } }, { 'if-match': `"${c.version}"` });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ state: 'escalated', version: 3 });
    expect(patched.headers.get('etag')).toBe('"3"');
    const { timeline, audit } = await trail(c.id);
    expect(timeline.slice(0, 2).map((e: { kind: string }) => e.kind)).toEqual(['transition', 'changed']);
    expect(timeline[0]).toMatchObject({ event: null, from: { key: 'new' }, to: { key: 'escalated' }, actor: { name: 'Mia Member' } });
    expect(audit.map((a: { action: string }) => a.action).slice(0, 2)).toEqual(['record.transition', 'record.updated']);
    // Nothing more to take: another change leaves the state alone.
    const again = await mia.patch(`/api/records/case/${c.id}`, { data: { subject: 'Still bad' } }, { 'if-match': '"3"' });
    expect(again.body).toMatchObject({ state: 'escalated', version: 4 });
  });

  it('an older record that no longer fits its form can still move on: only what the event changes is judged', async () => {
    const t = await signUp(h);
    const old = (await t.owner.post('/api/records/case', { data: { subject: 'From before' } })).body;
    await publishChange(t.owner, (b) => {
      b.entities.case.form.schema.properties.channel = { type: 'string', 'x-field': 'text', title: 'Channel' };
      b.entities.case.form.schema.required = [...b.entities.case.form.schema.required, 'channel'];
    });
    expect((await t.owner.post(`/api/records/case/${old.id}/events`, { type: 'START' })).body.state).toBe('in_progress');
    expectProblem(await t.owner.post(`/api/records/case/${old.id}/events`, { type: 'WAIT', data: { subject: 'Still missing the channel' } }), 422);
  });

  it('a PATCH whose automatic transition hands the record to someone else answers 204; everything is saved', async () => {
    const t = await signUp(h);
    await publishChange(t.owner, (b) => b.workflows.case.states.escalated.entry.push({ type: 'assign', params: { role: 'manager' } }));
    const boss = await addMember(h, t.owner, t.tenant.slug, 'manager', 'Mona Manager');
    const rep = await addMember(h, t.owner, t.tenant.slug, 'member', 'Milo Member');
    const c = (await t.owner.post('/api/records/case', { data: { subject: 'Handed over', priority: 'low' } })).body;
    expect((await t.owner.post(`/api/records/case/${c.id}/assign`, { ownerId: rep.id })).status).toBe(200);
    const res = await rep.browser.patch(`/api/records/case/${c.id}`, { data: { priority: 'urgent' } }, { 'if-match': '"2"' });
    expect(res.status).toBe(204);
    expect((await t.owner.get(`/api/records/case/${c.id}`)).body).toMatchObject({ state: 'escalated', owner: { id: boss.id }, data: { priority: 'urgent' } });
    expect((await rep.browser.get(`/api/records/case/${c.id}`)).status).toBe(404);
  });

  it('invalid data with an event → 422 naming the field; nothing written', async () => {
    const c = await newCase(mia);
    const before = await trail(c.id);
    const res = await fire(mia, c.id, { type: 'START', data: { priority: 'sky-high' } });
    expectProblem(res, 422);
    expect(res.body.errors[0].path).toBe('/data/priority');
    expect(await trail(c.id)).toEqual(before);
  });

  it.each([
    ['an unknown key', { type: 'START', state: 'closed' }],
    ['an internal event', { type: 'xstate.after.P3D.case.waiting_on_customer' }],
    ['no type', {}],
  ])('a body with %s → 400', async (_what, body) => {
    const c = await newCase(mia);
    expectProblem(await fire(mia, c.id, body), 400);
  });

  it('the state is never writable through PATCH', async () => {
    const c = await newCase(mia);
    const etag = { 'if-match': `"${c.version}"` };
    expectProblem(await mia.patch(`/api/records/case/${c.id}`, { data: { subject: 'x' }, state: 'closed' }, etag), 400);
    expectProblem(await mia.patch(`/api/records/case/${c.id}`, { data: { state: 'closed' } }, etag), 400);
    expect((await mia.get(`/api/records/case/${c.id}`)).body.state).toBe('new');
  });

  it('two concurrent events on one record: exactly one wins, the other gets 409, one transition is written', async () => {
    const c = await newCase(mia);
    const results = await Promise.all([fire(mia, c.id, { type: 'START' }), fire(mia, c.id, { type: 'START' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const { record, timeline } = await trail(c.id);
    expect(record).toMatchObject({ state: 'in_progress', version: 2 });
    expect(timeline.filter((e: { kind: string }) => e.kind === 'transition')).toHaveLength(1);
  });

  it('out of scope: another member and another tenant get the 404 of a missing record, for listing and firing', async () => {
    const c = await newCase(mia);
    const missing = await max.get('/api/records/case/zzzzzzzzzzzzzzzz/events');
    for (const who of [max, stranger]) {
      for (const res of [await who.get(`/api/records/case/${c.id}/events`), await fire(who, c.id, { type: 'START' })]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
    }
    expect((await trail(c.id)).record.state).toBe('new');
  });

  it('an event whose condition does not hold now is listed with what it needs, and fires once it holds', async () => {
    const c = await newCase(mia, { subject: 'Slow laptop', priority: 'low' });
    await fire(mia, c.id, { type: 'START' });
    const res = (await mia.get(`/api/records/case/${c.id}/events`)).body;
    expect(res.events.map((e: { type: string }) => e.type)).not.toContain('ESCALATE');
    expect(res.blocked).toEqual([
      {
        type: 'ESCALATE',
        label: 'Escalate',
        target: { key: 'escalated', label: 'Escalated' },
        needs: [{ kind: 'value', field: 'priority', values: ['high', 'urgent'] }],
      },
    ]);
    expect((await fire(mia, c.id, { type: 'ESCALATE', data: { priority: 'high' } })).body.state).toBe('escalated');
  });

  it('a role that may read but not update sees the state and no events; firing → 403', async () => {
    const c = await newCase(mia);
    const res = await reader.get(`/api/records/case/${c.id}/events`);
    expect(res.body).toMatchObject({ state: { key: 'new' }, events: [], blocked: [] });
    expectProblem(await fire(reader, c.id, { type: 'START' }), 403);
  });

  it('entities without a workflow answer 409', async () => {
    const opp = await mia.post('/api/records/opportunity', { data: { name: 'Deal' } });
    expectProblem(await mia.get(`/api/records/opportunity/${opp.body.id}/events`), 409);
  });

  it('a new case of high priority escalates at once and notifies managers who can see it', async () => {
    const t = await signUp(h);
    const boss = await addMember(h, t.owner, t.tenant.slug, 'manager', 'Mona Manager', 'north');
    const rep = await addMember(h, t.owner, t.tenant.slug, 'service_rep', 'Sam Service', 'north');
    const otherBoss = await addMember(h, t.owner, t.tenant.slug, 'manager', 'Otto Other', 'south');
    const c = await newCase(rep.browser, { subject: 'Outage', priority: 'urgent' });
    expect(c.state).toBe('escalated');
    const seen = await boss.browser.get('/api/notifications');
    expect(seen.body).toMatchObject({ unread: 1, items: [{ message: 'A case was escalated', record: { entity: 'case', id: c.id, title: 'Outage' } }] });
    // A manager of another team cannot read the case, so never sees the notification either.
    expect((await otherBoss.browser.get('/api/notifications')).body).toEqual({ items: [], unread: 0 });
  });
});
