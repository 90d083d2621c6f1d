import type { PipelineDef } from '../browser-safe/bundle.ts';
import type { Conversion, TimeInStage } from '../browser-safe/reports.ts';
import type { StageDurations, StageFlow } from './read.ts';

/** Average duration per stage, from closed history rows only (a stage a record is still in has no duration yet). */
export function timeInStage(pipeline: PipelineDef, durations: StageDurations[]): TimeInStage[] {
  return pipeline.stages.map((s) => {
    const d = durations.find((x) => x.stage === s.key);
    return { stage: s.key, label: s.label, averageMs: d?.left ? Math.round(d.totalMs / d.left) : null, basedOn: d?.left ?? 0 };
  });
}

/** Conversion from each open stage onwards (falling to a lost stage is not progress), in the pipeline's order. */
export function conversion(pipeline: PipelineDef, flows: StageFlow[]): Conversion[] {
  return pipeline.stages.flatMap((s) => {
    if (s.kind !== 'open') return [];
    const f = flows.find((x) => x.stage === s.key);
    const entered = f?.entered ?? 0;
    const advanced = f?.advanced ?? 0;
    return [{ stage: s.key, label: s.label, entered, advanced, rate: entered ? advanced / entered : null }];
  });
}
