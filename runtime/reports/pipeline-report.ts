import type { Actor } from '../access/policy.ts';
import type { RecordScope } from '../access/scope.ts';
import { entityPipelines, type Bundle, type EntityDef, type PipelineDef } from '../browser-safe/bundle.ts';
import type { Db } from '../db/client.ts';
import { ensureFigures } from '../records/report-figures.ts';
import { Problem } from '../http/problem.ts';
import type { PipelineReport } from '../browser-safe/reports.ts';
import type { Cell } from './csv.ts';
import { reportFields } from '../browser-safe/report-fields.ts';
import { known, monthFigures, stageFigures, totals, winRate } from './figures.ts';
import { conversion, timeInStage } from './flow.ts';
import { readDealGroups, readDurations, readFlow } from './read.ts';

const badQuery = (param: string, message: string) => new Problem(400, `${param} ${message}.`, [{ path: `/${param}`, message }]);

/** The entity and pipeline a report asks for (defaults: opportunity and its pipeline); 400 naming the bad parameter. */
export function resolvePipeline(actor: Actor, entityParam?: string, pipelineParam?: string) {
  const entity = entityParam ?? 'opportunity';
  const def: EntityDef | undefined = Object.hasOwn(actor.bundle.entities, entity) ? actor.bundle.entities[entity] : undefined;
  if (!def) throw badQuery('entity', 'is not an entity of this configuration');
  if (def.pipeline === undefined) throw badQuery('entity', 'has no pipeline');
  const key = pipelineParam ?? def.pipeline;
  const pipeline: PipelineDef | undefined = Object.hasOwn(actor.bundle.pipelines, key) ? actor.bundle.pipelines[key] : undefined;
  if (!pipeline || !entityPipelines(def).includes(key)) throw badQuery('pipeline', `is not a pipeline ${entity} records follow`);
  return { entity, key };
}

/** The pipeline report over exactly the records inside `scope`, under the published configuration `bundle`. */
export async function pipelineReport(db: Db, scope: RecordScope, bundle: Bundle, key: string): Promise<PipelineReport> {
  const def = bundle.entities[scope.entity]!;
  const pipeline = bundle.pipelines[key]!;
  await ensureFigures(db, scope.tenantId, scope.entity, bundle);
  const fields = reportFields(def.form.schema, scope.hidden);
  const withAmount = fields.amountField !== null;
  const deals = known(pipeline, await readDealGroups(db.client, scope, key));
  return {
    entity: scope.entity,
    pipeline: key,
    label: pipeline.label,
    ...fields,
    stages: stageFigures(pipeline, deals, withAmount),
    // Without a visible close date, open deals cannot be placed in months.
    months: fields.closeDateField === null ? [] : monthFigures(pipeline, deals, withAmount),
    totals: totals(pipeline, deals, withAmount),
    winRate: winRate(pipeline, deals),
    timeInStage: timeInStage(pipeline, await readDurations(db.client, scope, key)),
    conversion: conversion(pipeline, await readFlow(db.client, scope, key)),
  };
}

/** The per-stage and per-month tables of a report as CSV rows: two sections, each with its header, a blank row between. */
export function reportRows(report: PipelineReport): Cell[][] {
  return [
    ['stage', 'label', 'kind', 'probability', 'count', 'amount', 'weighted'],
    ...report.stages.map((s): Cell[] => [s.stage, s.label, s.kind, s.probability, s.count, s.amount, s.weighted]),
    [],
    ['month', 'count', 'amount', 'weighted'],
    ...report.months.map((m): Cell[] => [m.month, m.count, m.amount, m.weighted]),
  ];
}
