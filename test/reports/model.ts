/**
 * The test's own account of a pipeline report: what each figure must be, computed from the list of what the
 * test did (records created, moves made, when), never from anything the server answered.
 */

/** The default `sales` pipeline as the test knows it: key, label, probability, kind. */
export const STAGES = [
  ['prospecting', 'Prospecting', 10, 'open'],
  ['qualification', 'Qualification', 25, 'open'],
  ['proposal', 'Proposal', 50, 'open'],
  ['negotiation', 'Negotiation', 75, 'open'],
  ['closed_won', 'Closed won', 100, 'won'],
  ['closed_lost', 'Closed lost', 0, 'lost'],
] as const;

/** One opportunity as the test made it. */
export interface Made {
  id: string;
  creator: string;
  team: string | null;
  stage: string;
  amount?: number;
  closeDate?: string;
  history: { stage: string; enteredAt: number; leftAt: number | null }[];
}

/** A stage as the test knows it: key, label, probability, kind. */
export type Stage = readonly [string, string, number, 'open' | 'won' | 'lost'];

/** Sums in whole cents, so the expectation carries no binary-fraction noise of its own. */
function sums(deals: Made[], withAmount: boolean, stageOf: (key: string) => Stage) {
  const cents = deals.reduce((n, d) => n + Math.round((d.amount ?? 0) * 100), 0);
  const weightedCents = deals.reduce((n, d) => n + Math.round((d.amount ?? 0) * 100) * stageOf(d.stage)[2], 0) / 100;
  return { count: deals.length, amount: withAmount ? cents / 100 : null, weighted: withAmount ? Math.round(weightedCents) / 100 : null };
}

/** Every figure of `GET /api/reports/pipeline` for a reader who sees exactly `deals`, the pipeline's stages in `stages` order. */
export function expectedReport(deals: Made[], withAmount = true, stages: readonly Stage[] = STAGES) {
  const stageOf = (key: string) => stages.find((s) => s[0] === key)!;
  const indexOf = (key: string) => stages.findIndex((s) => s[0] === key);
  const open = deals.filter((d) => stageOf(d.stage)[3] === 'open');
  const months = [...new Set(open.map((d) => d.closeDate?.slice(0, 7) ?? null))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  const won = deals.filter((d) => stageOf(d.stage)[3] === 'won').length;
  const lost = deals.filter((d) => stageOf(d.stage)[3] === 'lost').length;
  const rows = deals.flatMap((d) => d.history);
  return {
    entity: 'opportunity',
    pipeline: 'sales',
    label: 'Sales pipeline',
    amountField: withAmount ? 'amount' : null,
    closeDateField: 'closeDate',
    stages: stages.map(([stage, label, probability, kind]) => ({
      stage,
      label,
      kind,
      probability,
      ...sums(
        deals.filter((d) => d.stage === stage),
        withAmount,
        stageOf,
      ),
    })),
    months: months.map((month) => ({
      month,
      ...sums(
        open.filter((d) => (d.closeDate?.slice(0, 7) ?? null) === month),
        withAmount,
        stageOf,
      ),
    })),
    totals: { ...sums(deals, withAmount, stageOf), open: sums(open, withAmount, stageOf) },
    winRate: { won, lost, rate: won + lost ? won / (won + lost) : null },
    timeInStage: stages.map(([stage, label]) => {
      const left = rows.filter((r) => r.stage === stage && r.leftAt !== null).map((r) => r.leftAt! - r.enteredAt);
      return { stage, label, averageMs: left.length ? Math.round(left.reduce((a, b) => a + b, 0) / left.length) : null, basedOn: left.length };
    }),
    conversion: stages
      .filter((s) => s[3] === 'open')
      .map(([stage, label]) => {
        const entered = deals.filter((d) => d.history.some((r) => r.stage === stage));
        const advanced = entered.filter((d) => {
          const first = d.history.findIndex((r) => r.stage === stage);
          return d.history.slice(first + 1).some((r) => indexOf(r.stage) > indexOf(stage) && stageOf(r.stage)[3] !== 'lost');
        });
        return { stage, label, entered: entered.length, advanced: advanced.length, rate: entered.length ? advanced.length / entered.length : null };
      }),
  };
}
