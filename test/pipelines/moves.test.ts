import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { move, newDeal, paths, trail, type Deal } from './deals.ts';

let h: Harness;
let owner: Browser;
let mia: Browser;
let max: Browser;
let viewer: Browser;
let peer: Browser;
let stranger: Browser;

const readOnly = (update: 'none' | 'own') => ({
  label: `Reads all, updates ${update}`,
  entities: { opportunity: { create: 'all', read: 'all', update, delete: 'none', assign: 'none' } },
  tasks: [],
});

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  await publishChange(owner, (b) => {
    b.roles.viewer = readOnly('none');
    b.roles.peer = readOnly('own');
  });
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  max = (await addMember(h, owner, t.tenant.slug, 'member', 'Max Member')).browser;
  viewer = (await addMember(h, owner, t.tenant.slug, 'viewer', 'Vera Viewer')).browser;
  peer = (await addMember(h, owner, t.tenant.slug, 'peer', 'Pete Peer')).browser;
  stranger = (await signUp(h)).owner;
});
afterAll(() => h.close());

describe('moving an opportunity along its pipeline', () => {
  it('lets a member move their own opportunity: 200, the record as PATCH returns it, a new ETag', async () => {
    const deal = await newDeal(mia, { name: 'First deal' });
    const res = await move(mia, deal, { stage: 'qualification' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ id: deal.id, pipeline: 'sales', stage: 'qualification', version: 2, data: { name: 'First deal' } });
    expect((await mia.get(`/api/records/opportunity/${deal.id}`)).body).toEqual(res.body);
  });

  const MISSING = 'zzzzzzzzzzzzzzzz';
  const OPS: [string, (b: Browser, id: string) => ReturnType<Browser['get']>][] = [
    ['move', (b, id) => move(b, { id, version: 1 }, { stage: 'qualification' })],
    ['stage history', (b, id) => b.get(`/api/records/opportunity/${id}/stage-history`)],
  ];
  it.each(OPS.flatMap(([op, call]) => [['another member', op, call] as const, ['an owner of another tenant', op, call] as const]))(
    '%s: %s of a record outside their scope → 404, the same body as a missing one, nothing written',
    async (who, _op, call) => {
      const caller = who === 'another member' ? max : stranger;
      const deal = await newDeal(mia);
      const before = await trail(owner, deal.id);
      const missing = await call(caller, MISSING);
      expectProblem(missing, 404);
      const hidden = await call(caller, deal.id);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      expect(await trail(owner, deal.id)).toEqual(before);
    },
  );

  it.each([
    ['a role that may read but not update opportunities', () => viewer],
    ['a role that may update only its own, on someone else’s', () => peer],
  ])('%s → 403, nothing written; the history stays readable', async (_name, who) => {
    const deal = await newDeal(mia);
    const before = await trail(owner, deal.id);
    expectProblem(await move(who(), deal, { stage: 'qualification' }), 403);
    expect(await trail(owner, deal.id)).toEqual(before);
    expect((await who().get(`/api/records/opportunity/${deal.id}/stage-history`)).status).toBe(200);
  });

  it.each([
    ['proposal', {}, undefined, ['/data/amount']],
    ['negotiation', {}, undefined, ['/data/amount', '/data/closeDate']],
    ['negotiation', { amount: 500 }, undefined, ['/data/closeDate']],
    ['closed_won', {}, 'Signed', ['/data/amount']],
    ['closed_won', {}, undefined, ['/data/amount', '/closeReason']],
  ])('into %s with %j (reason %s) → 422 naming exactly %j, nothing written', async (stage, data, closeReason, expected) => {
    const deal = await newDeal(mia, { name: 'Needs more', ...data });
    const before = await trail(owner, deal.id);
    const res = await move(mia, deal, { stage, ...(closeReason ? { closeReason } : {}) });
    expectProblem(res, 422);
    expect(paths(res)).toEqual(expected);
    for (const e of res.body.errors.filter((e: { path: string }) => e.path.startsWith('/data/')))
      expect(e.message).toMatch(/^is required for the stage (Proposal|Negotiation|Closed won)$/);
    expect(await trail(owner, deal.id)).toEqual(before);
  });

  it('applies data as a merge patch first: clearing a required field refuses the move', async () => {
    const deal = await newDeal(mia, { name: 'Clearing', amount: 10 });
    const res = await move(mia, deal, { stage: 'proposal', data: { amount: null } });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ path: '/data/amount', message: 'is required for the stage Proposal' }]);
  });

  it.each([
    ['a value the form refuses', 422, { amount: -5, closeDate: '2030-01-01' }, ['/data/amount']],
    ['a field the form lacks', 400, { amount: 5, closeDate: '2030-01-01', shoeSize: 42 }, ['/data/shoeSize']],
    ['data that is not an object', 400, [1], ['/data']],
  ])('with %s in data → %i, neither the data nor the stage changes', async (_name, status, data, expected) => {
    const deal = await newDeal(mia);
    const before = await trail(owner, deal.id);
    const res = await move(mia, deal, { stage: 'negotiation', data });
    expectProblem(res, status);
    expect(paths(res)).toEqual(expected);
    expect(await trail(owner, deal.id)).toEqual(before);
  });

  it.each([
    ['closed_lost without a reason', 422, ['/closeReason'], { stage: 'closed_lost' }],
    ['closed_lost with a blank reason', 422, ['/closeReason'], { stage: 'closed_lost', closeReason: '   ' }],
    ['closed_won with the amount but no reason', 422, ['/closeReason'], { stage: 'closed_won', data: { amount: 9 } }],
    ['an open stage with a reason', 400, ['/closeReason'], { stage: 'qualification', closeReason: 'Because' }],
    ['a stage the pipeline lacks', 422, ['/stage'], { stage: 'heaven' }],
    ['the stage it is in', 409, [], { stage: 'prospecting' }],
    ['no stage at all', 400, ['/stage'], { closeReason: 'x' }],
    ['a system field beside the stage', 400, ['/version'], { stage: 'qualification', version: 9 }],
    ['a reason too long', 400, ['/closeReason'], { stage: 'closed_lost', closeReason: 'x'.repeat(2001) }],
  ])('%s → %i at %j, nothing written', async (_name, status, expected, body) => {
    const deal = await newDeal(mia);
    const before = await trail(owner, deal.id);
    const res = await move(mia, deal, body);
    expectProblem(res, status);
    expect(paths(res)).toEqual(expected);
    expect(await trail(owner, deal.id)).toEqual(before);
  });

  it.each([
    ['missing', 428, {}],
    ['stale', 412, { 'if-match': '"1"' }],
    ['not a version', 412, { 'if-match': 'abc' }],
  ])('If-Match %s → %i, nothing written', async (_name, status, headers) => {
    let deal: Deal = await newDeal(mia);
    deal = (await mia.patch(`/api/records/opportunity/${deal.id}`, { data: { nextStep: 'Call' } }, { 'if-match': '"1"' })).body;
    const before = await trail(owner, deal.id);
    expectProblem(await move(mia, deal, { stage: 'qualification' }, headers), status);
    expect(await trail(owner, deal.id)).toEqual(before);
  });

  it('answers 409 for a record whose kind has no pipeline, and 404 for an unknown entity', async () => {
    const lead = (await mia.post('/api/records/lead', { data: { lastName: 'Stageless' } })).body;
    expectProblem(await mia.post(`/api/records/lead/${lead.id}/stage`, { stage: 'qualification' }, { 'if-match': '"1"' }), 409);
    expectProblem(await mia.post(`/api/records/spaceship/${lead.id}/stage`, { stage: 'qualification' }, { 'if-match': '"1"' }), 404);
  });

  it('still refuses moves by plain PATCH: stage is a system field', async () => {
    const deal = await newDeal(mia);
    for (const body of [{ data: { stage: 'closed_won' } }, { data: {}, stage: 'closed_won' }]) {
      expectProblem(await mia.patch(`/api/records/opportunity/${deal.id}`, body, { 'if-match': '"1"' }), 400);
    }
    expect((await trail(owner, deal.id)).stage).toBe('prospecting');
  });
});
