import { describe, expect, it, onTestFinished } from 'vitest';
import { move } from '../pipelines/deals.ts';
import { publishChange, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectedReport, STAGES, type Made, type Stage } from './model.ts';
import { seedDeals, seedPeople } from './seed.ts';

/**
 * A report over every record reads sums kept at write time (migration 013); these tests change deals and the
 * configuration in every way that moves those sums and check the owner's report against the test's own account, and
 * a manager's report (computed over their records) beside it.
 */

async function company() {
  const h = await startHarness();
  onTestFinished(() => h.close());
  const people = await seedPeople(h);
  const made = await seedDeals(h, people);
  return { h, people, made };
}

const report = async (who: Browser) => {
  const res = await who.get('/api/reports/pipeline');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const melSees = (made: Made[]) => made.filter((d) => d.team === 'east' || d.creator === 'mel');
const byName = (made: Made[], name: string) => made.find((d) => (d as Made & { name: string }).name === name)!;

/** The kept sums, each row as its values (cents rounded), against the same sums computed afresh from the records. */
async function expectKeptAsCounted(h: Harness) {
  const rows = async (sql: string) => (await h.db.client.execute(sql)).rows.map((r) => JSON.stringify(Object.values(r))).sort();
  const team = "coalesce((SELECT r.team FROM records r WHERE r.tenant_id = x.tenant_id AND r.id = x.record_id), '')";
  expect(await rows('SELECT tenant_id, entity, pipeline, team, stage, month, n, round(amount, 2) FROM report_deals WHERE n != 0')).toEqual(
    await rows(`SELECT tenant_id, entity, pipeline, coalesce(team, ''), stage, coalesce(close_month, ''), count(*), round(total(amount), 2)
                FROM records WHERE stage IS NOT NULL AND pipeline IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`),
  );
  expect(await rows('SELECT tenant_id, entity, pipeline, team, stage, n, ms FROM report_times WHERE n != 0')).toEqual(
    await rows(`SELECT tenant_id, entity, pipeline, ${team}, stage, count(*), total(left_at - entered_at) FROM stage_history x
                WHERE left_at IS NOT NULL AND entity IS NOT NULL GROUP BY 1, 2, 3, 4, 5`),
  );
  expect(await rows('SELECT tenant_id, entity, pipeline, team, stage, entered, advanced FROM report_flow WHERE entered != 0')).toEqual(
    await rows(`SELECT tenant_id, entity, pipeline, ${team}, stage, count(*), total(advanced) FROM stage_reach x GROUP BY 1, 2, 3, 4, 5`),
  );
}

async function edit(owner: Browser, deal: Made, data: Record<string, unknown>) {
  const current = (await owner.get(`/api/records/opportunity/${deal.id}`)).body;
  const res = await owner.patch(`/api/records/opportunity/${deal.id}`, { data }, { 'if-match': `"${current.version}"` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('pipeline figures kept at write time', () => {
  it('follow edits of amount and close date, moves and deletions', async () => {
    const { h, people, made } = await company();
    // Read once, so that what follows is kept by the write path and the triggers, not computed afresh.
    expect(await report(people.owner)).toEqual(expectedReport(made));
    const a1 = byName(made, 'A1');
    await edit(people.owner, a1, { amount: 1500.25, closeDate: '2030-10-02' });
    Object.assign(a1, { amount: 1500.25, closeDate: '2030-10-02' });
    // An amount taken away counts nothing, a close date taken away puts the deal under no month.
    const b1 = byName(made, 'B1');
    await edit(people.owner, b1, { amount: null, closeDate: null });
    delete b1.amount;
    delete b1.closeDate;

    const b3 = byName(made, 'B3');
    h.clock.now += 60_000;
    const current = (await people.owner.get(`/api/records/opportunity/${b3.id}`)).body;
    expect((await move(people.owner, current, { stage: 'proposal' })).status).toBe(200);
    b3.history.at(-1)!.leftAt = h.clock.now;
    b3.history.push({ stage: 'proposal', enteredAt: h.clock.now, leftAt: null });
    b3.stage = 'proposal';

    const m1 = byName(made, 'M1');
    const version = (await people.owner.get(`/api/records/opportunity/${m1.id}`)).body.version;
    expect((await people.owner.delete(`/api/records/opportunity/${m1.id}`, { 'if-match': `"${version}"` })).status).toBe(204);
    made.splice(made.indexOf(m1), 1);

    expect(await report(people.owner)).toEqual(expectedReport(made));
    expect(await report(people.mel)).toEqual(expectedReport(melSees(made)));
    await expectKeptAsCounted(h);
  });

  it('follow a publish that reorders the stages: what counts as advancing changes with the order', async () => {
    const { people, made } = await company();
    await publishChange(people.owner, (b) => {
      const stages = b.pipelines.sales.stages;
      const [proposal] = stages.splice(2, 1);
      stages.splice(3, 0, proposal);
    });
    const order: Stage[] = [STAGES[0], STAGES[1], STAGES[3], STAGES[2], STAGES[4], STAGES[5]];
    const owner = await report(people.owner);
    expect(owner).toEqual(expectedReport(made, true, order));
    // A1 went qualification → proposal → negotiation: under the new order, negotiation comes before proposal.
    expect(owner.conversion.map((c: { stage: string }) => c.stage)).toEqual(['prospecting', 'qualification', 'negotiation', 'proposal']);
    expect(await report(people.mel)).toEqual(expectedReport(melSees(made), true, order));
  });

  it('follow a publish that makes another field the amount', async () => {
    const { people, made } = await company();
    // The field renamed everywhere it is named: form, layout, stages' required fields, field rules.
    await publishChange(people.owner, (b) =>
      Object.assign(b, JSON.parse(JSON.stringify(b).replaceAll('"amount"', '"value"').replaceAll('#/properties/amount', '#/properties/value'))),
    );
    // No deal has a value yet; one gets one.
    const a2 = byName(made, 'A2');
    await edit(people.owner, a2, { value: 777 });
    const owner = await report(people.owner);
    expect(owner.amountField).toBe('value');
    expect(owner.totals).toMatchObject({ count: made.length, amount: 777 });
    expect(owner.stages.find((s: { stage: string }) => s.stage === 'closed_won')).toMatchObject({ count: 2, amount: 777, weighted: 777 });
    expect((await report(people.mel)).totals).toMatchObject({ count: melSees(made).length, amount: 777 });
  });

  it('follow a person who changes team, deals shared and assigned across teams and a deal restored from the bin, per team', async () => {
    const { h, people, made } = await company();
    expect(await report(people.mel)).toEqual(expectedReport(melSees(made)));
    const users = (await people.owner.get('/api/users')).body.items as { id: string; name: string }[];
    const idOf = (name: string) => users.find((u) => u.name === name)!.id;
    // Ben's deals, their stage times and conversions with them, now count for east: Mel's team.
    expect((await people.owner.patch(`/api/users/${idOf('Ben West')}`, { team: 'east' })).status).toBe(200);
    for (const deal of made.filter((d) => d.creator === 'ben')) deal.team = 'east';
    // Shared with Mel, or with her team, a west deal is inside her scope without being of her team; an east deal shared
    // with her team is in it once.
    const share = async (deal: Made, to: object) => {
      const res = await people.owner.post(`/api/records/opportunity/${deal.id}/shares`, { ...to, access: 'read', until: null });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    const [x1, x2, a2] = [byName(made, 'X1'), byName(made, 'X2'), byName(made, 'A2')];
    await share(x1, { person: idOf('Mel Manager') });
    await share(x2, { team: 'east' });
    await share(a2, { team: 'east' });
    // A deal Mel made, given to the owner (of no team): hers as its creator, with its history under no team.
    const m1 = byName(made, 'M1');
    expect((await people.owner.post(`/api/records/opportunity/${m1.id}/assign`, { ownerId: idOf('Olive Owner') })).status).toBe(200);
    m1.team = null;
    // Out and back: a restored deal counts again with its history.
    const a1 = byName(made, 'A1');
    const version = (await people.owner.get(`/api/records/opportunity/${a1.id}`)).body.version;
    expect((await people.owner.delete(`/api/records/opportunity/${a1.id}`, { 'if-match': `"${version}"` })).status).toBe(204);
    const melToo = (deals: Made[]) => [...melSees(deals), ...deals.filter((d) => d === x1 || d === x2)];
    expect(await report(people.mel)).toEqual(expectedReport(melToo(made.filter((d) => d !== a1))));
    await expectKeptAsCounted(h);
    expect((await people.owner.post(`/api/recycle-bin/opportunity/${a1.id}/restore`)).status).toBe(200);

    await expectKeptAsCounted(h);
    expect(await report(people.owner)).toEqual(expectedReport(made));
    expect(await report(people.mel)).toEqual(expectedReport(melToo(made)));
    expect(await report(people.alex)).toEqual(expectedReport(made.filter((d) => d.creator === 'alex')));
  });

  it('are computed for records that existed before them (as after the upgrade that introduced them)', async () => {
    const { h, people, made } = await company();
    // What migration 013 leaves: no amounts or months, nobody advanced, no configuration recorded.
    await h.db.batch([
      'UPDATE records SET amount = NULL, close_month = NULL',
      'UPDATE stage_reach SET advanced = 0',
      'DELETE FROM stage_positions',
      'DELETE FROM report_figured',
    ]);
    expect(await report(people.owner)).toEqual(expectedReport(made));
    // The board's column totals read the same figures.
    const board = (await people.owner.get('/api/records/opportunity/stage-totals')).body;
    expect(board.stages.map((s: { count: number }) => s.count)).toEqual(expectedReport(made).stages.map((s) => s.count));
  });
});
