import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness, type Reply } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

const MISSING = 'zzzzzzzzzzzzzzzz';

let h: Harness;
let owner: Browser;
let rep: { browser: Browser; id: string };
let colleague: { browser: Browser; id: string };

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  rep = await addMember(h, owner, t.tenant.slug, 'sales_rep', 'Rita Rep');
  colleague = await addMember(h, owner, t.tenant.slug, 'member', 'Carl Colleague');
});
afterAll(() => h.close());

const lead = async (b: Browser) => (await b.post('/api/records/lead', { data: { lastName: 'Ortega', company: 'Acme' } })).body.id as string;
const deal = async (b: Browser) => (await b.post('/api/records/opportunity', { data: { name: 'Big deal', amount: 1000 } })).body.id as string;

describe('If-Match: * (RFC 9110 §13.1.1) matches any current version', () => {
  it('on a change, a deletion, a stage move, a workflow event and an assignment', async () => {
    const id = await lead(rep.browser);
    // Someone else changed it since: "*" still matches, a named version does not.
    expect((await owner.patch(`/api/records/lead/${id}`, { data: { company: 'Beta' } }, { 'if-match': '"1"' })).status).toBe(200);
    expectProblem(await rep.browser.patch(`/api/records/lead/${id}`, { data: { company: 'Gamma' } }, { 'if-match': '"1"' }), 412);
    const patched = await rep.browser.patch(`/api/records/lead/${id}`, { data: { company: 'Gamma' } }, { 'if-match': '*' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 3, data: { company: 'Gamma' } });
    expect(patched.headers.get('etag')).toBe('"3"');

    const fired = await rep.browser.post(`/api/records/lead/${id}/events`, { type: 'DISQUALIFY' }, { 'if-match': '*' });
    expect(fired.status, JSON.stringify(fired.body)).toBe(200);
    expect((await owner.post(`/api/records/lead/${id}/assign`, { ownerId: rep.id }, { 'if-match': '*' })).status).toBe(200);

    const opp = await deal(rep.browser);
    const moved = await rep.browser.post(`/api/records/opportunity/${opp}/stage`, { stage: 'qualification' }, { 'if-match': '*' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.stage).toBe('qualification');

    expect((await rep.browser.delete(`/api/records/lead/${id}`, { 'if-match': '*' })).status).toBe(204);
    expectProblem(await rep.browser.get(`/api/records/lead/${id}`), 404);
  });

  it('on the configuration draft', async () => {
    const draft = await owner.get('/api/config/draft');
    const saved = await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': '*' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe(`"${draft.body.revision + 1}"`);
  });

  it('still needs the header where it is required, and refuses what names no version', async () => {
    const id = await lead(rep.browser);
    expectProblem(await rep.browser.patch(`/api/records/lead/${id}`, { data: { company: 'X' } }), 428);
    for (const header of ['**', '"abc"', 'W/*', '"1", "2"'])
      expectProblem(await rep.browser.patch(`/api/records/lead/${id}`, { data: { company: 'X' } }, { 'if-match': header }), 412);
    expect((await rep.browser.get(`/api/records/lead/${id}`)).body.version).toBe(1);
  });
});

describe('a record outside the caller’s scope is the 404 of a missing id, whatever If-Match says', () => {
  const HEADERS: [string, Record<string, string>][] = [
    ['no If-Match', {}],
    ['If-Match: *', { 'if-match': '*' }],
    ['its current version', { 'if-match': '"1"' }],
    ['an old version', { 'if-match': '"7"' }],
    ['garbage', { 'if-match': 'not an etag' }],
  ];
  const OPS: [string, (b: Browser, id: string, headers: Record<string, string>) => Promise<Reply>][] = [
    ['patch', (b, id, headers) => b.patch(`/api/records/lead/${id}`, { data: { company: 'Mine now' } }, headers)],
    ['delete', (b, id, headers) => b.delete(`/api/records/lead/${id}`, headers)],
    ['assign', (b, id, headers) => b.post(`/api/records/lead/${id}/assign`, { ownerId: colleague.id }, headers)],
    ['event', (b, id, headers) => b.post(`/api/records/lead/${id}/events`, { type: 'DISQUALIFY' }, headers)],
    ['stage move', (b, id, headers) => b.post(`/api/records/opportunity/${id}/stage`, { stage: 'proposal' }, headers)],
  ];
  const cases = OPS.flatMap(([op, call]) => HEADERS.map(([what, headers]) => [op, what, call, headers] as const));

  it.each(cases)('%s with %s', async (op, _what, call, headers) => {
    const id = op === 'stage move' ? await deal(rep.browser) : await lead(rep.browser);
    const unseen = await call(colleague.browser, id, headers);
    const missing = await call(colleague.browser, MISSING, headers);
    expectProblem(unseen, 404);
    expect(unseen.body).toEqual(missing.body);
    expect((await rep.browser.get(`/api/records/${op === 'stage move' ? 'opportunity' : 'lead'}/${id}`)).body.version).toBe(1);
  });
});
