import type { PipelineDef } from '../config/bundle.ts';
import type { HistoryRow } from './read.ts';

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

/** Average duration per stage, from closed history rows only (a stage a record is still in has no duration yet). */
export function timeInStage(pipeline: PipelineDef, rows: HistoryRow[]): TimeInStage[] {
  return pipeline.stages.map((s) => {
    const durations = rows.filter((r) => r.stage === s.key && r.leftAt !== null).map((r) => r.leftAt! - r.enteredAt);
    const total = durations.reduce((a, b) => a + b, 0);
    return { stage: s.key, label: s.label, averageMs: durations.length ? Math.round(total / durations.length) : null, basedOn: durations.length };
  });
}

/**
 * Conversion from each open stage onwards: a record counts as entered once however often it came back, and as
 * advanced when any history row written after its first entry is a later stage in the pipeline's order. Falling
 * to a lost stage is not progress, so lost stages never count as advancing. `rows` must be in write order.
 */
export function conversion(pipeline: PipelineDef, rows: HistoryRow[]): Conversion[] {
  const index = new Map(pipeline.stages.map((s, i) => [s.key, i]));
  const lost = new Set(pipeline.stages.filter((s) => s.kind === 'lost').map((s) => s.key));
  const byRecord = new Map<string, HistoryRow[]>();
  for (const row of rows) {
    const trail = byRecord.get(row.recordId);
    if (trail) trail.push(row);
    else byRecord.set(row.recordId, [row]);
  }
  return pipeline.stages.flatMap((s, i) => {
    if (s.kind !== 'open') return [];
    let entered = 0;
    let advanced = 0;
    for (const trail of byRecord.values()) {
      const first = trail.findIndex((r) => r.stage === s.key);
      if (first < 0) continue;
      entered++;
      if (trail.slice(first + 1).some((r) => (index.get(r.stage) ?? -1) > i && !lost.has(r.stage))) advanced++;
    }
    return [{ stage: s.key, label: s.label, entered, advanced, rate: entered ? advanced / entered : null }];
  });
}
