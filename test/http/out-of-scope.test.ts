import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness, type Reply } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

const MISSING = 'zzzzzzzzzzzzzzzz';

let h: Harness;
let ownerA: Browser;
let author: { browser: Browser; id: string };
let colleague: { browser: Browser; id: string };
let ownerB: { browser: Browser; id: string };
let leadId: string;

beforeAll(async () => {
  h = await startHarness();
  const a = await signUp(h);
  ownerA = a.owner;
  author = await addMember(h, ownerA, a.tenant.slug, 'member', 'Ann Author');
  colleague = await addMember(h, ownerA, a.tenant.slug, 'member', 'Carl Colleague');
  const b = await signUp(h);
  ownerB = { browser: b.owner, id: b.user.id };
  leadId = (await author.browser.post('/api/records/lead', { data: { lastName: 'Private', company: 'Secret GmbH' } })).body.id;
});
afterAll(() => h.close());

/** Every way of touching one record by id; `self` is the caller's own user id. */
const OPS: [string, (b: Browser, id: string, self: string) => Promise<Reply>][] = [
  ['get', (b, id) => b.get(`/api/records/lead/${id}`)],
  ['patch', (b, id) => b.patch(`/api/records/lead/${id}`, { data: { company: 'Mine now' } }, { 'if-match': '"1"' })],
  ['delete', (b, id) => b.delete(`/api/records/lead/${id}`, { 'if-match': '"1"' })],
  ['assign', (b, id, self) => b.post(`/api/records/lead/${id}/assign`, { ownerId: self })],
  ['timeline', (b, id) => b.get(`/api/records/lead/${id}/timeline`)],
  ['notes', (b, id) => b.post(`/api/records/lead/${id}/notes`, { text: 'I was here' })],
  // Leads have no pipeline: even so, an unseen record answers 404 before anything about its kind is said.
  ['stage move', (b, id) => b.post(`/api/records/lead/${id}/stage`, { stage: 'proposal' }, { 'if-match': '"1"' })],
  ['stage history', (b, id) => b.get(`/api/records/lead/${id}/stage-history`)],
];

describe('records outside the caller’s scope answer exactly like missing ones', () => {
  const callers = () => ({ 'an owner of another tenant': ownerB, 'another member of the same tenant': colleague });
  const cases = ['an owner of another tenant', 'another member of the same tenant'].flatMap((who) => OPS.map(([op, call]) => [op, who, call] as const));

  it.each(cases)('%s by %s → 404, same body as a random id', async (_op, who, call) => {
    const caller = callers()[who as keyof ReturnType<typeof callers>];
    const res = await call(caller.browser, leadId, caller.id);
    const random = await call(caller.browser, MISSING, caller.id);
    expectProblem(res, 404);
    expectProblem(random, 404);
    expect(res.body).toEqual(random.body);
    expect(res.headers.get('etag')).toBeNull();
    // …and left the record, its owner and its timeline untouched.
    const record = await ownerA.get(`/api/records/lead/${leadId}`);
    expect(record.body).toMatchObject({ version: 1, data: { lastName: 'Private', company: 'Secret GmbH' }, owner: { id: author.id } });
    const timeline = (await author.browser.get(`/api/records/lead/${leadId}/timeline`)).body.items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['created']);
  });

  it('the same calls by the record’s creator succeed (the 404s are about scope, not the requests)', async () => {
    const own = author.browser;
    const id = (await own.post('/api/records/lead', { data: { lastName: 'Also private' } })).body.id;
    expect((await own.get(`/api/records/lead/${id}/timeline`)).status).toBe(200);
    expect((await own.post(`/api/records/lead/${id}/notes`, { text: 'mine' })).status).toBe(201);
    expect((await own.patch(`/api/records/lead/${id}`, { data: { company: 'Secret AG' } }, { 'if-match': '"1"' })).status).toBe(200);
  });
});

describe('owner-only functions refused to a member with 403 and no side effect', () => {
  const latestAudit = async () => (await ownerA.get('/api/audit?limit=1')).body.items[0]?.id as string;
  /** The events after `mark`, oldest first. */
  const auditSince = async (mark: string) =>
    ((await ownerA.get('/api/audit?limit=20')).body.items as { id: string; action: string; actor: { id: string }; changes: unknown }[])
      .filter((e) => Number(e.id) > Number(mark))
      .reverse();

  it('POST /api/users adds nobody', async () => {
    const mark = await latestAudit();
    const res = await colleague.browser.post('/api/users', { email: 'sneaky@example.com', name: 'Sneaky', role: 'owner' });
    expectProblem(res, 403);
    const people = (await ownerA.get('/api/users')).body.items.map((u: { email: string }) => u.email);
    expect(people).not.toContain('sneaky@example.com');
    // The refusal itself is the one thing recorded.
    expect(await auditSince(mark)).toEqual([
      expect.objectContaining({
        action: 'access.refused',
        actor: expect.objectContaining({ id: colleague.id }),
        changes: { method: 'POST', path: '/api/users', reason: res.body.detail },
      }),
    ]);
  });

  it('PATCH /api/tenant changes neither name nor settings', async () => {
    const before = (await ownerA.get('/api/tenant')).body;
    expectProblem(await colleague.browser.patch('/api/tenant', { name: 'Hijacked', settings: { currency: 'USD' } }), 403);
    expect((await ownerA.get('/api/tenant')).body).toEqual(before);
  });

  it('GET /api/audit reveals no events', async () => {
    const res = await colleague.browser.get('/api/audit');
    expectProblem(res, 403);
    expect(res.body.items).toBeUndefined();
  });

  it('GET /api/config/draft reveals no draft', async () => {
    const res = await colleague.browser.get('/api/config/draft');
    expectProblem(res, 403);
    expect(res.body.bundle).toBeUndefined();
    expect(res.headers.get('etag')).toBeNull();
  });

  it('PUT /api/config/draft saves nothing', async () => {
    const draft = await ownerA.get('/api/config/draft');
    const bundle = structuredClone(draft.body.bundle);
    bundle.roles.member.tasks = ['manage.users', 'audit.view'];
    const res = await colleague.browser.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! });
    expectProblem(res, 403);
    expect((await ownerA.get('/api/config/draft')).body).toEqual(draft.body);
  });

  it('POST /api/config/publish publishes nothing', async () => {
    // Give the owner's draft a real change, so a publish would have something to do.
    const draft = await ownerA.get('/api/config/draft');
    const bundle = structuredClone(draft.body.bundle);
    bundle.entities.lead.label = 'Prospect';
    expect((await ownerA.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    const versions = (await ownerA.get('/api/config/versions')).body;
    expectProblem(await colleague.browser.post('/api/config/publish'), 403);
    expectProblem(await colleague.browser.post('/api/config/publish', {}), 403);
    expect((await ownerA.get('/api/config/versions')).body).toEqual(versions);
    expect((await colleague.browser.get('/api/config')).body.version).toBe(1);
    expect((await ownerA.post('/api/config/publish?mode=dry-run', {})).status).toBe(200);
  });
});
