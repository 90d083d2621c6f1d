import type { StageDef } from './bundle.ts';
import type { ReportFields } from './report-fields.ts';

/** The shape of the pipeline report (`GET /api/reports/pipeline`), read by the reports page. */

/** Count, amount and probability-weighted amount of a set of deals; the sums are null when the amount is not visible. */
export interface Sums {
  count: number;
  amount: number | null;
  weighted: number | null;
}

/** Per-stage figures, in the pipeline's order. */
export type StageFigures = { stage: string; label: string; kind: StageDef['kind']; probability: number } & Sums;
/** Open deals per close month (`YYYY-MM`; null for deals without a close date), months ascending, null last. */
export type MonthFigures = { month: string | null } & Sums;

/** Average time spent in a stage over the rows that have left it; `basedOn` is how many rows that is. */
export interface TimeInStage {
  stage: string;
  label: string;
  averageMs: number | null;
  basedOn: number;
}

/** Of the records that entered an open stage, how many later entered a later stage that is not a lost one. */
export interface Conversion {
  stage: string;
  label: string;
  entered: number;
  advanced: number;
  rate: number | null;
}

/** The whole report over the records the reader may see; the sums are null where the amount is hidden from them. */
export interface PipelineReport extends ReportFields {
  entity: string;
  pipeline: string;
  label: string;
  stages: StageFigures[];
  months: MonthFigures[];
  totals: Sums & { open: Sums };
  winRate: { won: number; lost: number; rate: number | null };
  timeInStage: TimeInStage[];
  conversion: Conversion[];
}
