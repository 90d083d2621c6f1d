/** Records in stages a new version removes: the rows the review lists, the mappings publish sends, and server errors per stage. */
import type { Mappings } from '../designer/draft-store.ts';
import { pipelinesOfEntity, usesOf, type PipelineHolder } from './attachments.ts';

/** One removed stage that records are in. */
export interface OrphanRow {
  entity: string;
  stage: string;
  count: number;
}

/** The orphaned stages of a dry-run's impact, one row each, in the order the server lists them. */
export function orphanRows(orphanedStages: Record<string, Record<string, number>> | undefined): OrphanRow[] {
  return Object.entries(orphanedStages ?? {}).flatMap(([entity, stages]) => Object.entries(stages).map(([stage, count]) => ({ entity, stage, count })));
}

/** Where a row's choice is kept: `<entity>/<stage>`. */
export const choiceId = (row: Pick<OrphanRow, 'entity' | 'stage'>) => `${row.entity}/${row.stage}`;

/** The mappings for `rows` from the chosen targets; null while a row has none (publishing would be refused). */
export function mappingsFrom(rows: readonly OrphanRow[], choices: Readonly<Record<string, string>>): Mappings | null {
  const stages: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    const target = choices[choiceId(row)];
    if (!target) return null;
    (stages[row.entity] ??= {})[row.stage] = target;
  }
  return rows.length ? { stages } : {};
}

/** The entities whose records may follow pipeline `key`, as their default or as a further pipeline. */
export const entitiesOf = (entities: Record<string, PipelineHolder>, key: string) => usesOf(entities, key).map((u) => u.entity);

type Stages = Record<string, { stages: readonly { key: string }[] }>;
/** The parts of a bundle that say which stages an entity's records may be in. */
export interface StageMap {
  entities: Record<string, PipelineHolder>;
  pipelines: Stages;
}
const hasStage = (pipelines: Stages, p: string, stage: string) => Object.hasOwn(pipelines, p) && pipelines[p]!.stages.some((s) => s.key === stage);

/** Mapping choices from one pipeline: its key and the stage keys offered from it. */
export interface TargetGroup {
  pipeline: string;
  stages: string[];
}

/**
 * Where records of `entity` in an orphaned stage can go, by pipeline of the entity in `after`: `own` first (their
 * pipeline, when they stay in it), then the default and the others. A key is offered once, where the server puts it:
 * in the record's own pipeline when that has the stage, else in the entity's first pipeline that does.
 */
export function mappingTargets(after: StageMap, entity: string, own?: string): TargetGroup[] {
  const all = pipelinesOfEntity(after.entities[entity] ?? {}).filter((p) => Object.hasOwn(after.pipelines, p));
  const order = own !== undefined && all.includes(own) ? [own, ...all.filter((p) => p !== own)] : all;
  const seen = new Set<string>();
  return order.flatMap((pipeline) => {
    const stages = after.pipelines[pipeline]!.stages.map((s) => s.key).filter((k) => !seen.has(k));
    stages.forEach((k) => seen.add(k));
    return stages.length ? [{ pipeline, stages }] : [];
  });
}

/** The pipeline of `entity` holding stage `stage` in `bundle`, looking at its default first, then at the others it names. */
export function pipelineWithStage(bundle: StageMap, entity: string, stage: string): string | undefined {
  return pipelinesOfEntity(bundle.entities[entity] ?? {}).find((p) => hasStage(bundle.pipelines, p, stage));
}

/**
 * Where an orphan row's records are before publishing: the pipeline of `entity` in `before` with `stage` that
 * `after` no longer lets them stay in, and whether it was detached from the entity (else it lost the stage).
 */
export function orphanSource(before: StageMap, after: StageMap, entity: string, stage: string): { pipeline: string; detached: boolean } | undefined {
  const now = pipelinesOfEntity(after.entities[entity] ?? {});
  for (const p of pipelinesOfEntity(before.entities[entity] ?? {})) {
    if (!hasStage(before.pipelines, p, stage)) continue;
    if (!now.includes(p)) return { pipeline: p, detached: true };
    if (!hasStage(after.pipelines, p, stage)) return { pipeline: p, detached: false };
  }
  return undefined;
}

/** A server error inside pipeline `key`: which stage (by index, null for the pipeline itself) and what of it. */
export interface PipelineProblem {
  stage: number | null;
  setting: string;
  message: string;
}

/** The errors among `errors` (pointers like `/pipelines/sales/stages/2/requiredFields/0`, or under `/bundle`) that concern pipeline `key`. */
export function pipelineProblems(errors: readonly { path: string; message: string }[], key: string): PipelineProblem[] {
  return errors.flatMap((e): PipelineProblem[] => {
    const parts = e.path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts[0] === 'bundle') parts.shift();
    if (parts[0] !== 'pipelines' || parts[1] !== key) return [];
    if (parts[2] === 'stages' && parts[3] !== undefined && /^\d+$/.test(parts[3]))
      return [{ stage: Number(parts[3]), setting: parts.slice(4).join('/'), message: e.message }];
    return [{ stage: null, setting: parts.slice(2).join('/'), message: e.message }];
  });
}

/** What a new version of a pipeline does to its stages, by key: added, removed, renamed (in `name`'s words) and whether the order changed. */
export interface StageChanges {
  added: string[];
  removed: string[];
  renamed: { from: string; to: string }[];
  reordered: boolean;
}

/** Compares the stages of two versions of a pipeline; `name` names a stage of a version. */
export function stageChanges<S extends { key: string }>(
  before: readonly S[],
  after: readonly S[],
  name: (s: S, version: 'before' | 'after') => string,
): StageChanges {
  const old = new Map(before.map((s) => [s.key, s]));
  const kept = after.filter((s) => old.has(s.key));
  const keys = new Set(after.map((s) => s.key));
  return {
    added: after.filter((s) => !old.has(s.key)).map((s) => name(s, 'after')),
    removed: before.filter((s) => !keys.has(s.key)).map((s) => name(s, 'before')),
    renamed: kept.flatMap((s) => {
      const from = name(old.get(s.key)!, 'before');
      const to = name(s, 'after');
      return from === to ? [] : [{ from, to }];
    }),
    reordered:
      kept.map((s) => s.key).join() !==
      before
        .filter((s) => keys.has(s.key))
        .map((s) => s.key)
        .join(),
  };
}
