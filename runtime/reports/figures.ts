import type { PipelineDef, StageDef } from '../browser-safe/bundle.ts';
import type { MonthFigures, StageFigures, Sums } from '../browser-safe/reports.ts';
import type { DealGroup } from './read.ts';

// Currency sums: cents, without binary-fraction noise.
export const round2 = (n: number) => Math.round(n * 100) / 100;
/** Sums groups of deals, each weighted by its stage's current probability; amounts only when `withAmount`. */
export function sum(deals: DealGroup[], stages: Map<string, StageDef>, withAmount: boolean): Sums {
  let count = 0;
  let amount = 0;
  let weighted = 0;
  for (const group of deals) {
    count += group.count;
    amount += group.amount;
    weighted += (group.amount * (stages.get(group.stage)?.probability ?? 0)) / 100;
  }
  return { count, amount: withAmount ? round2(amount) : null, weighted: withAmount ? round2(weighted) : null };
}

const byKey = (pipeline: PipelineDef) => new Map(pipeline.stages.map((s) => [s.key, s]));

/** Deals in the pipeline's stages (a stage the configuration no longer has is left out). */
export function known(pipeline: PipelineDef, deals: DealGroup[]): DealGroup[] {
  const stages = byKey(pipeline);
  return deals.filter((d) => stages.has(d.stage));
}

/** Figures per stage of the pipeline, every stage listed even when empty. */
export function stageFigures(pipeline: PipelineDef, deals: DealGroup[], withAmount: boolean): StageFigures[] {
  const stages = byKey(pipeline);
  return pipeline.stages.map((s) => ({
    stage: s.key,
    label: s.label,
    kind: s.kind,
    probability: s.probability,
    ...sum(
      deals.filter((d) => d.stage === s.key),
      stages,
      withAmount,
    ),
  }));
}

/** Figures of the open deals per close month. */
export function monthFigures(pipeline: PipelineDef, deals: DealGroup[], withAmount: boolean): MonthFigures[] {
  const stages = byKey(pipeline);
  const groups = new Map<string | null, DealGroup[]>();
  for (const deal of deals) {
    if (stages.get(deal.stage)?.kind !== 'open') continue;
    const group = groups.get(deal.month);
    if (group) group.push(deal);
    else groups.set(deal.month, [deal]);
  }
  const months = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return months.map((month) => ({ month, ...sum(groups.get(month)!, stages, withAmount) }));
}

/** All deals in the pipeline's stages, and the open ones among them. */
export function totals(pipeline: PipelineDef, deals: DealGroup[], withAmount: boolean): Sums & { open: Sums } {
  const stages = byKey(pipeline);
  const open = deals.filter((d) => stages.get(d.stage)?.kind === 'open');
  return { ...sum(deals, stages, withAmount), open: sum(open, stages, withAmount) };
}

/** Won / (won + lost) over the deals now in a closed stage; `rate` is null when none is closed. */
export function winRate(pipeline: PipelineDef, deals: DealGroup[]): { won: number; lost: number; rate: number | null } {
  const stages = byKey(pipeline);
  const count = (kind: StageDef['kind']) => deals.filter((d) => stages.get(d.stage)?.kind === kind).reduce((n, d) => n + d.count, 0);
  const won = count('won');
  const lost = count('lost');
  return { won, lost, rate: won + lost === 0 ? null : won / (won + lost) };
}
