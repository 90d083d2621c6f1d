import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { migrate } from '../../runtime/db/migrate.ts';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { move, newDeal } from './deals.ts';

let h: Harness;
let owner: Browser;
let rep: Browser;
let manager: Browser;

type Row = {
  stage: string;
  pipeline: string;
  probability: number | null;
  leftAt: string | null;
  enteredBy: { id: string } | null;
  leftBy: { id: string } | null;
};
const history = async (id: string, who = owner): Promise<Row[]> => (await who.get(`/api/records/opportunity/${id}/stage-history`)).body.items;
const stagesOf = (rows: Row[]) => rows.map((r) => `${r.pipeline}/${r.stage}${r.leftAt === null ? '*' : ''}`);

/** A company: its owner, Rita Rep and Manny Manager of team east; on the shared harness unless `on` names another. */
async function company(on = h) {
  const t = await signUp(on);
  const { browser: rep, id: repId } = await addMember(on, t.owner, t.tenant.slug, 'member', 'Rita Rep', 'east');
  const manager = (await addMember(on, t.owner, t.tenant.slug, 'manager', 'Manny Manager', 'east')).browser;
  return { owner: t.owner, ownerId: t.user.id, rep, repId, manager };
}

/** Opportunities follow a one-stage renewals pipeline instead of sales. */
const toRenewals = (b: any) => {
  b.pipelines.renewals = { label: 'Renewals', stages: [{ key: 'due', label: 'Due', probability: 40, kind: 'open', requiredFields: [], color: '#2563eb' }] };
  b.entities.opportunity.pipeline = 'renewals';
};

beforeAll(async () => {
  h = await startHarness();
  ({ owner, rep, manager } = await company());
});
afterAll(() => h.close());

describe('rolesAllowed', () => {
  beforeAll(() => publishChange(owner, (b) => (b.pipelines.sales.stages.find((s: { key: string }) => s.key === 'closed_won').rolesAllowed = ['manager'])));

  it.each([
    ['a member', 403, () => rep],
    ['the owner, whose role the stage does not list either', 403, () => owner],
    ['a manager of the record’s team', 200, () => manager],
  ])('%s moving into a stage limited to managers → %i', async (_name, status, who) => {
    const deal = await newDeal(rep, { name: 'Closing', amount: 10 });
    const res = await move(who(), deal, { stage: 'closed_won', closeReason: 'Signed' });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 403) {
      expectProblem(res, 403);
      expect(res.body.detail).toContain('Closed won');
      expect(stagesOf(await history(deal.id))).toEqual(['sales/prospecting*']);
    }
  });
});

describe('history across publishes', () => {
  // Each test publishes to a company of its own, so no other test sees its stages change.
  it('closes the old row and opens one for the mapped stage, entered by the publisher at the new probability', async () => {
    const { owner, ownerId, rep, repId } = await company();
    const left = await newDeal(rep, { name: 'Stays behind' });
    const moved = await newDeal(rep, { name: 'Moved before' });
    expect((await move(rep, moved, { stage: 'qualification' })).status).toBe(200);
    const draft = await owner.get('/api/config/draft');
    const stages = draft.body.bundle.pipelines.sales.stages;
    draft.body.bundle.pipelines.sales.stages = stages.filter((s: { key: string }) => s.key !== 'prospecting');
    draft.body.bundle.pipelines.sales.stages.find((s: { key: string }) => s.key === 'qualification').probability = 30;
    expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    const published = await owner.post('/api/config/publish', { mappings: { stages: { opportunity: { prospecting: 'qualification' } } } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);

    const rows = await history(left.id, owner);
    expect(stagesOf(rows)).toEqual(['sales/prospecting', 'sales/qualification*']);
    expect(rows[0]!.leftBy).toEqual({ id: ownerId, name: 'Olive Owner' });
    expect(rows[1]).toMatchObject({ probability: 30, enteredBy: { id: ownerId }, enteredAt: rows[0]!.leftAt });
    // A record already in the kept stage keeps the probability it entered at.
    const kept = await history(moved.id, owner);
    expect(stagesOf(kept)).toEqual(['sales/prospecting', 'sales/qualification*']);
    expect(kept[1]).toMatchObject({ probability: 25, enteredBy: { id: repId } });
  });

  it('closes every open row when the entity loses its pipeline, and opens the first stage when it gains one back', async () => {
    const { owner, ownerId, rep } = await company();
    // Sales starting at qualification, as the test above leaves it.
    await publishChange(owner, (b) => (b.pipelines.sales.stages = b.pipelines.sales.stages.filter((s: { key: string }) => s.key !== 'prospecting')));
    const deal = await newDeal(rep, { name: 'Pipeline hopper' });
    await publishChange(owner, (b) => delete b.entities.opportunity.pipeline);
    expect(stagesOf(await history(deal.id, owner))).toEqual(['sales/qualification']);
    expectProblem(await move(rep, { id: deal.id, version: 2 }, { stage: 'proposal' }), 409);
    await publishChange(owner, toRenewals);
    const rows = await history(deal.id, owner);
    expect(stagesOf(rows)).toEqual(['sales/qualification', 'renewals/due*']);
    expect(rows[1]).toMatchObject({ probability: 40, enteredBy: { id: ownerId } });
    const record = (await rep.get(`/api/records/opportunity/${deal.id}`)).body;
    expect(record).toMatchObject({ pipeline: 'renewals', stage: 'due' });
    // Moves now follow the new pipeline.
    expectProblem(await move(rep, record, { stage: 'proposal' }), 422);
  });

  it('leaves the history alone when a publish changes nothing about stages', async () => {
    const { owner, rep } = await company();
    const deal = await newDeal(rep, { name: 'Untouched' });
    const before = await history(deal.id, owner);
    await publishChange(owner, (b) => (b.entities.opportunity.label = 'Deal'));
    expect(await history(deal.id, owner)).toEqual(before);
  });
});

describe('migration 008', () => {
  it('gives every existing history row the entity of its record', async () => {
    // A database of its own: winding the schema back touches every tenant's history, not just this test's.
    const h = await startHarness();
    onTestFinished(() => h.close());
    const { rep } = await company(h);
    const deal = await newDeal(rep, { name: 'History with a kind' });
    // Back to the table without the column, then forward again, as an existing database would be. The report triggers
    // of a later migration read the column, so they go first (this database serves nothing after the test).
    await h.db.write(async (tx) => {
      for (const trigger of ['stage_history_timed', 'stage_history_left', 'stage_history_removed', 'stage_history_reached', 'records_team_changed'])
        await tx.execute(`DROP TRIGGER ${trigger}`);
      await tx.execute('DROP INDEX stage_history_entity');
      await tx.execute('ALTER TABLE stage_history DROP COLUMN entity');
      await tx.execute('DELETE FROM schema_migrations WHERE version = 8');
    });
    await migrate(h.db);
    const rows = (await h.db.client.execute({ sql: 'SELECT entity FROM stage_history WHERE record_id = ?', args: [deal.id] })).rows;
    expect(rows.map((r) => r.entity)).toEqual(['opportunity']);
    expect((await h.db.client.execute('SELECT count(*) AS n FROM stage_history WHERE entity IS NULL')).rows[0]!.n).toBe(0);
  });
});

describe('migration 005', () => {
  it('backfills one open row per record in a stage: entered when created, by its creator, at the published probability', async () => {
    // A database of its own: re-running 005 leaves stage_history without the column 008 added.
    const h = await startHarness();
    onTestFinished(() => h.close());
    const { owner, rep, repId } = await company(h);
    await publishChange(owner, toRenewals);
    const deal = await newDeal(rep, { name: 'Older than history' });
    const lead = (await rep.post('/api/records/lead', { data: { lastName: 'No stage' } })).body;
    // Back to the schema without 005, then forward again, as an existing database would be (later migrations stay applied).
    await h.db.write(async (tx) => {
      await tx.execute('DROP TABLE stage_history');
      await tx.execute('DELETE FROM schema_migrations WHERE version = 5');
    });
    await migrate(h.db);
    const rows = await history(deal.id, owner);
    const record = (await rep.get(`/api/records/opportunity/${deal.id}`)).body;
    expect(rows).toEqual([
      {
        pipeline: 'renewals',
        stage: 'due',
        label: 'Due',
        probability: 40,
        enteredAt: record.createdAt,
        enteredBy: { id: repId, name: 'Rita Rep' },
        leftAt: null,
        leftBy: null,
        closeReason: null,
        durationMs: null,
      },
    ]);
    expect((await owner.get(`/api/records/lead/${lead.id}/stage-history`)).body.items).toEqual([]);
    const open = await h.db.client.execute('SELECT record_id, count(*) AS n FROM stage_history WHERE left_at IS NULL GROUP BY record_id HAVING n > 1');
    expect(open.rows).toEqual([]);
  });
});

describe('the entry stage’s required fields', () => {
  it('are asked when a record is created there, at their paths; nothing is written without them', async () => {
    const c = await company();
    await publishChange(c.owner, (b) => {
      b.pipelines.sales.stages[0].requiredFields = ['amount'];
      // Reps do not see amounts: nobody asks them for one.
      b.roles.member.entities.opportunity.fields = { amount: 'hidden' };
    });
    const refused = await c.owner.post('/api/records/opportunity', { data: { name: 'No amount yet' } });
    expectProblem(refused, 422);
    expect(refused.body.errors).toEqual([{ path: '/data/amount', message: 'is required for the stage Prospecting' }]);
    expect((await c.owner.get('/api/records/opportunity?count=true')).body.total).toBe(0);
    expect((await c.owner.post('/api/records/opportunity', { data: { name: 'Priced', amount: 1200 } })).status).toBe(201);
    expect((await c.rep.post('/api/records/opportunity', { data: { name: 'From a rep' } })).status).toBe(201);
    // Nor one they see but may not write: they could not give it.
    await publishChange(c.owner, (b) => (b.roles.member.entities.opportunity.fields = { amount: 'readonly' }));
    expect((await c.rep.post('/api/records/opportunity', { data: { name: 'Read-only amount' } })).status).toBe(201);
  });
});
