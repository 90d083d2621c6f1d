import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { move, newDeal, trail } from './deals.ts';

let h: Harness;
let owner: Browser;
let mia: Browser;
let miaId: string;
let max: Browser;
let ownerId: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  ownerId = t.user.id;
  ({ browser: mia, id: miaId } = await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member'));
  max = (await addMember(h, owner, t.tenant.slug, 'member', 'Max Member')).browser;
});
afterAll(() => h.close());

const MINUTE = 60_000;

describe('stage history', () => {
  it('records who entered and left each stage, when, at which probability, and how long it lasted', async () => {
    const deal = await newDeal(mia, { name: 'Timed', amount: 100 });
    const start = new Date(h.clock.now).toISOString();
    h.clock.now += 5 * MINUTE;
    const moved = await move(mia, deal, { stage: 'proposal' });
    expect(moved.status).toBe(200);
    h.clock.now += 30 * MINUTE;
    expect((await move(owner, moved.body, { stage: 'closed_lost', closeReason: 'Went with a competitor' })).status).toBe(200);
    const mia_ = { id: miaId, name: 'Mia Member' };
    const olive = { id: ownerId, name: 'Olive Owner' };
    const items = (await mia.get(`/api/records/opportunity/${deal.id}/stage-history`)).body.items;
    expect(items).toEqual([
      {
        pipeline: 'sales',
        stage: 'prospecting',
        label: 'Prospecting',
        probability: 10,
        enteredAt: start,
        enteredBy: mia_,
        leftAt: expect.any(String),
        leftBy: mia_,
        closeReason: null,
        durationMs: 5 * MINUTE,
      },
      {
        pipeline: 'sales',
        stage: 'proposal',
        label: 'Proposal',
        probability: 50,
        enteredAt: items[0].leftAt,
        enteredBy: mia_,
        leftAt: items[2].enteredAt,
        leftBy: olive,
        closeReason: null,
        durationMs: 30 * MINUTE,
      },
      {
        pipeline: 'sales',
        stage: 'closed_lost',
        label: 'Closed lost',
        probability: 0,
        enteredAt: expect.any(String),
        enteredBy: olive,
        leftAt: null,
        leftBy: null,
        closeReason: 'Went with a competitor',
        durationMs: null,
      },
    ]);
    // Reopening a lost deal needs no reason and closes the lost row.
    const reopened = await move(mia, { id: deal.id, version: 3 }, { stage: 'qualification' });
    expect(reopened.status).toBe(200);
    const after = (await mia.get(`/api/records/opportunity/${deal.id}/stage-history`)).body.items;
    expect(after.map((i: { stage: string; leftAt: string | null }) => [i.stage, i.leftAt === null])).toEqual([
      ['prospecting', false],
      ['proposal', false],
      ['closed_lost', false],
      ['qualification', true],
    ]);
  });

  it('fills missing fields and moves in one step: one new version, one timeline entry, one audit event, search updated', async () => {
    const deal = await newDeal(mia, { name: 'Together' });
    const before = await trail(owner, deal.id);
    const res = await move(mia, deal, { stage: 'negotiation', data: { amount: 5000, closeDate: '2030-06-30', nextStep: 'Zebracorn workshop' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      stage: 'negotiation',
      version: 2,
      data: { name: 'Together', amount: 5000, closeDate: '2030-06-30', nextStep: 'Zebracorn workshop' },
    });
    const after = await trail(owner, deal.id);
    expect(after.history.length).toBe(before.history.length + 1);
    expect(after.timeline.length).toBe(before.timeline.length + 1);
    expect(after.audit.length).toBe(before.audit.length + 1);
    expect(after.timeline[0]).toMatchObject({
      kind: 'moved',
      actor: { id: miaId, name: 'Mia Member' },
      from: { key: 'prospecting', label: 'Prospecting' },
      to: { key: 'negotiation', label: 'Negotiation' },
      closeReason: null,
      changes: { amount: { after: 5000 }, closeDate: { after: '2030-06-30' }, nextStep: { after: 'Zebracorn workshop' } },
    });
    expect(after.audit[0]).toMatchObject({
      action: 'record.stage_moved',
      changes: { stage: { before: 'prospecting', after: 'negotiation' }, amount: { after: 5000 } },
    });
    const found = await mia.get('/api/records/opportunity?q=zebracorn');
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([deal.id]);
  });

  it('shows the move in the timeline of the record’s owner and member, with the close reason; no one else sees it', async () => {
    const deal = await newDeal(mia, { name: 'Visible', amount: 1 });
    expect((await move(mia, deal, { stage: 'closed_won', closeReason: 'Signed on the spot' })).status).toBe(200);
    for (const reader of [mia, owner]) {
      const entry = (await reader.get(`/api/records/opportunity/${deal.id}/timeline`)).body.items[0];
      expect(entry).toMatchObject({
        kind: 'moved',
        from: { key: 'prospecting' },
        to: { key: 'closed_won', label: 'Closed won' },
        closeReason: 'Signed on the spot',
        changes: {},
      });
    }
    expectProblem(await max.get(`/api/records/opportunity/${deal.id}/timeline`), 404);
    expectProblem(await max.get(`/api/records/opportunity/${deal.id}/stage-history`), 404);
    const audit = (await owner.get(`/api/audit?target=${deal.id}&action=record.stage_moved`)).body.items;
    expect(audit).toMatchObject([{ changes: { stage: { before: 'prospecting', after: 'closed_won' }, closeReason: { after: 'Signed on the spot' } } }]);
  });

  it('removes a record’s history with the record', async () => {
    const deal = await newDeal(mia);
    expect((await mia.delete(`/api/records/opportunity/${deal.id}`, { 'if-match': '"1"' })).status).toBe(204);
    const rows = await h.db.client.execute({ sql: 'SELECT count(*) AS n FROM stage_history WHERE record_id = ?', args: [deal.id] });
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});

describe('no partial moves', () => {
  it('lets exactly one of two simultaneous moves from the same version through', async () => {
    const deal = await newDeal(mia, { name: 'Race', amount: 10 });
    const results = await Promise.all([move(mia, deal, { stage: 'qualification' }), move(owner, deal, { stage: 'proposal' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const after = await trail(owner, deal.id);
    expect(after.version).toBe(2);
    expect(after.history.map((i: { stage: string }) => i.stage)).toEqual(['prospecting', after.stage]);
    expect(after.history.filter((i: { leftAt: string | null }) => i.leftAt === null)).toHaveLength(1);
  });

  // A statement failing late inside the write (forced by a trigger) must take the earlier ones with it.
  it.each([
    ['entering the new stage', 'stage_history', "NEW.stage = 'qualification'"],
    ['writing the audit event', 'audit_events', "NEW.action = 'record.stage_moved'"],
  ])('when %s fails, nothing of the move is kept', async (_name, table, when) => {
    const deal = await newDeal(mia, { name: 'Doomed' });
    const before = await trail(owner, deal.id);
    await h.db.client.execute(`CREATE TRIGGER fail_move BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    try {
      expectProblem(await move(mia, deal, { stage: 'qualification', data: { nextStep: 'Never saved' } }), 500);
    } finally {
      await h.db.client.execute('DROP TRIGGER fail_move');
    }
    expect(await trail(owner, deal.id)).toEqual(before);
    expect((await mia.get('/api/records/opportunity?q=never')).body.items).toEqual([]);
    expect((await move(mia, deal, { stage: 'qualification' })).status).toBe(200);
  });
});
