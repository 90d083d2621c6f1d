import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { move, newDeal, paths } from './deals.ts';

/** Opportunities that follow either of two pipelines: new business (the default) and renewals. */
let h: Harness;
let owner: Browser;
let mia: Browser;
const RENEWALS = {
  label: 'Renewals',
  stages: [
    { key: 'due', label: 'Renewal due', probability: 60, kind: 'open', requiredFields: [], color: '#2563eb' },
    { key: 'negotiation', label: 'Renewal talks', probability: 80, kind: 'open', requiredFields: [], color: '#7c3aed' },
    { key: 'renewed', label: 'Renewed', probability: 100, kind: 'won', requiredFields: [], color: '#15803d' },
    { key: 'churned', label: 'Churned', probability: 0, kind: 'lost', requiredFields: [], color: '#b91c1c' },
  ],
};
const renewal = async (who: Browser, name: string, amount?: number) => {
  const res = await who.post('/api/records/opportunity', { data: { name, ...(amount === undefined ? {} : { amount }) }, pipeline: 'renewals' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

/** A company whose opportunities follow sales and renewals: its owner and Mia, a member. */
async function company() {
  const t = await signUp(h);
  const mia = (await addMember(h, t.owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  await publishChange(t.owner, (b) => {
    b.pipelines.renewals = RENEWALS;
    b.entities.opportunity.pipelines = ['renewals'];
  });
  return { owner: t.owner, mia };
}

beforeAll(async () => {
  h = await startHarness();
  ({ owner, mia } = await company());
});
afterAll(() => h.close());

describe('several pipelines for one kind of record', () => {
  it('the configuration names them, and every person’s view of it carries both', async () => {
    const view = (await mia.get('/api/config')).body;
    expect(view.entities.opportunity).toMatchObject({ pipeline: 'sales', pipelines: ['renewals'] });
    expect(Object.keys(view.pipelines).sort()).toEqual(['renewals', 'sales']);
  });

  it('a record starts in the pipeline asked for, else the default; any other pipeline is a 422 naming /pipeline', async () => {
    expect(await renewal(mia, 'Acme renewal')).toMatchObject({ pipeline: 'renewals', stage: 'due' });
    expect((await newDeal(mia, { name: 'New logo' })) as object).toMatchObject({ pipeline: 'sales', stage: 'prospecting' });
    const bad = await mia.post('/api/records/opportunity', { data: { name: 'X' }, pipeline: 'nope' });
    expectProblem(bad, 422);
    expect(paths(bad)).toEqual(['/pipeline']);
    expectProblem(await mia.post('/api/records/lead', { data: { lastName: 'X' }, pipeline: 'sales' }), 422);
  });

  it('moves stay in the record’s pipeline unless another of the entity’s is named; switching writes the history of both', async () => {
    const deal = await renewal(mia, 'Globex renewal');
    const wrong = await move(mia, deal, { stage: 'prospecting' });
    expectProblem(wrong, 422);
    expect(paths(wrong)).toEqual(['/stage']);
    const talks = await move(mia, deal, { stage: 'negotiation' });
    expect(talks.body).toMatchObject({ pipeline: 'renewals', stage: 'negotiation' });
    const switched = await move(mia, talks.body, { stage: 'qualification', pipeline: 'sales' });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body).toMatchObject({ pipeline: 'sales', stage: 'qualification' });
    const history = (await mia.get(`/api/records/opportunity/${deal.id}/stage-history`)).body.items;
    expect(history.map((x: { pipeline: string; stage: string; leftAt: string | null }) => [x.pipeline, x.stage, x.leftAt === null])).toEqual([
      ['renewals', 'due', false],
      ['renewals', 'negotiation', false],
      ['sales', 'qualification', true],
    ]);
    const [entry] = (await mia.get(`/api/records/opportunity/${deal.id}/timeline`)).body.items;
    expect(entry).toMatchObject({
      kind: 'moved',
      from: { key: 'negotiation', label: 'Renewal talks' },
      to: { key: 'qualification' },
      pipeline: { before: 'renewals', after: 'sales' },
    });
    expectProblem(await move(mia, switched.body, { stage: 'due', pipeline: 'leads' }), 422);
  });

  it('lists, board totals and reports take the pipeline; a pipeline the entity does not follow is a 400', async () => {
    // A renewal of its own to count, whatever ran before.
    await renewal(mia, 'Initech renewal', 500);
    const filter = encodeURIComponent(JSON.stringify({ $pipeline: { eq: 'renewals' } }));
    const listed = (await mia.get(`/api/records/opportunity?filter=${filter}&count=true`)).body;
    expect(listed.items.every((r: { pipeline: string }) => r.pipeline === 'renewals')).toBe(true);
    const totals = (await mia.get('/api/records/opportunity/stage-totals?pipeline=renewals')).body;
    expect(totals.pipeline).toBe('renewals');
    expect(totals.stages.map((s: { stage: string }) => s.stage)).toEqual(['due', 'negotiation', 'renewed', 'churned']);
    expect(totals.stages.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(listed.total);
    expectProblem(await mia.get('/api/records/opportunity/stage-totals?pipeline=nope'), 400);
    const report = (await owner.get('/api/reports/pipeline?pipeline=renewals')).body;
    expect(report.stages.map((s: { stage: string }) => s.stage)).toEqual(['due', 'negotiation', 'renewed', 'churned']);
    expect(report.totals.count).toBe(listed.total);
    expectProblem(await owner.get('/api/reports/pipeline?entity=lead&pipeline=renewals'), 400);
  });

  it('a stage key two pipelines share is orphaned only where it is removed; dropping a pipeline asks where its records go', async () => {
    // A company of its own: this test drops a stage and then the whole renewals pipeline.
    const { owner, mia } = await company();
    const inSales = await newDeal(mia, { name: 'Sales talks' });
    expect((await move(mia, inSales, { stage: 'negotiation', data: { amount: 900, closeDate: '2026-12-01' } })).status).toBe(200);
    const inRenewals = await renewal(mia, 'Renewal talks');
    expect((await move(mia, inRenewals, { stage: 'negotiation' })).status).toBe(200);
    const draft = await owner.get('/api/config/draft');
    draft.body.bundle.pipelines.renewals.stages = draft.body.bundle.pipelines.renewals.stages.filter((s: { key: string }) => s.key !== 'negotiation');
    expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    const dry = (await owner.post('/api/config/publish?mode=dry-run')).body;
    // Only the renewal in talks: the sales deal's negotiation stage still exists in its own pipeline.
    expect(dry.impact.orphanedStages).toEqual({ opportunity: { negotiation: 1 } });
    expect((await owner.post('/api/config/publish', { mappings: { stages: { opportunity: { negotiation: 'due' } } } })).status).toBe(201);
    expect((await mia.get(`/api/records/opportunity/${inRenewals.id}`)).body).toMatchObject({ pipeline: 'renewals', stage: 'due' });
    expect((await mia.get(`/api/records/opportunity/${inSales.id}`)).body).toMatchObject({ pipeline: 'sales', stage: 'negotiation' });

    // Opportunities stop following renewals: each of its records must go to a stage of a pipeline they still follow.
    const before = (await mia.get(`/api/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ $pipeline: { eq: 'renewals' } }))}&count=true`)).body
      .total;
    const next = await owner.get('/api/config/draft');
    delete next.body.bundle.entities.opportunity.pipelines;
    expect((await owner.put('/api/config/draft', next.body.bundle, { 'if-match': next.headers.get('etag')! })).status).toBe(200);
    const orphans = (await owner.post('/api/config/publish?mode=dry-run')).body.impact.orphanedStages.opportunity;
    expect(Object.values(orphans).reduce((a: number, b) => a + (b as number), 0)).toBe(before);
    const refused = await owner.post('/api/config/publish', {
      mappings: { stages: { opportunity: Object.fromEntries(Object.keys(orphans).map((k) => [k, 'renewed'])) } },
    });
    expectProblem(refused, 422);
    const mapped = Object.fromEntries(Object.keys(orphans).map((k) => [k, 'qualification']));
    expect((await owner.post('/api/config/publish', { mappings: { stages: { opportunity: mapped } } })).status).toBe(201);
    expect((await mia.get(`/api/records/opportunity/${inRenewals.id}`)).body).toMatchObject({ pipeline: 'sales', stage: 'qualification' });
    expect(
      (await mia.get(`/api/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ $pipeline: { eq: 'renewals' } }))}&count=true`)).body.total,
    ).toBe(0);
  });
});
