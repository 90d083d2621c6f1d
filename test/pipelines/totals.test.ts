import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { move, newDeal } from './deals.ts';

/** The board's column totals: exact counts and amount sums per stage over exactly the records the reader may see. */
let h: Harness;
let owner: Browser;
let mia: Browser;
let max: Browser;
let stranger: Browser;
const totals = async (who: Browser) => {
  const res = await who.get('/api/records/opportunity/stage-totals');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { pipeline: string; amountField: string | null; stages: { stage: string; count: number; amount: number | null }[] };
};
const byStage = (t: Awaited<ReturnType<typeof totals>>) => Object.fromEntries(t.stages.filter((s) => s.count).map((s) => [s.stage, [s.count, s.amount]]));

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  max = (await addMember(h, owner, t.tenant.slug, 'member', 'Max Member')).browser;
  stranger = (await signUp(h)).owner;
  // More deals in one stage than a board column loads (200), so only a server-side total can be exact.
  const amounts = Array.from({ length: 230 }, (_, i) => (i % 3 === 0 ? undefined : 100 + i));
  for (const amount of amounts) await newDeal(mia, { name: 'Bulk', ...(amount === undefined ? {} : { amount }) });
  const big = await newDeal(mia, { name: 'Big', amount: 5000 });
  await move(mia, big, { stage: 'proposal' });
  await newDeal(max, { name: 'Not Mia’s', amount: 777 });
  await newDeal(stranger, { name: 'Other tenant', amount: 999_999 });
});
afterAll(() => h.close());

describe('board column totals', () => {
  const bulkSum = Array.from({ length: 230 }, (_, i) => (i % 3 === 0 ? 0 : 100 + i)).reduce((a, b) => a + b, 0);

  it('count and sum every record of the reader in each stage, in pipeline order, beyond what a column loads', async () => {
    const mine = await totals(mia);
    expect(mine.pipeline).toBe('sales');
    expect(mine.amountField).toBe('amount');
    expect(mine.stages.map((s) => s.stage)).toEqual(['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    expect(byStage(mine)).toEqual({ prospecting: [230, bulkSum], proposal: [1, 5000] });
  });

  it('another member counts only their own; the owner counts the whole tenant and nothing of another tenant', async () => {
    expect(byStage(await totals(max))).toEqual({ prospecting: [1, 777] });
    expect(byStage(await totals(owner))).toEqual({ prospecting: [231, bulkSum + 777], proposal: [1, 5000] });
    expect(byStage(await totals(stranger))).toEqual({ prospecting: [1, 999_999] });
  });

  /** A company of its own with one deal of a member's, for tests that publish a change to the member role. */
  const company = async () => {
    const t = await signUp(h);
    const member = (await addMember(h, t.owner, t.tenant.slug, 'member', 'Rita Member')).browser;
    await newDeal(member, { name: 'Small', amount: 50 });
    return { owner: t.owner, member };
  };

  it('a role that hides the amount gets counts and no sums', async () => {
    const { owner, member } = await company();
    await publishChange(owner, (b) => (b.roles.member.entities.opportunity.fields = { amount: 'hidden' }));
    const hidden = await totals(member);
    expect(hidden.amountField).toBeNull();
    expect(byStage(hidden)).toEqual({ prospecting: [1, null] });
    expect(byStage(await totals(owner))).toEqual({ prospecting: [1, 50] });
  });

  it('entities without a pipeline → 409; roles without read → 403', async () => {
    expectProblem(await mia.get('/api/records/lead/stage-totals'), 409);
    const { owner, member } = await company();
    await publishChange(owner, (b) => (b.roles.member.entities.opportunity.read = 'none'));
    expectProblem(await member.get('/api/records/opportunity/stage-totals'), 403);
  });
});
