/** Records in stages a new version removes: the rows the review lists, the mappings publish sends, and server errors per stage. */
import type { Mappings } from '../designer/draft-store.ts';

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

/** The entities whose records follow pipeline `key`. */
export const entitiesOf = (entities: Record<string, object>, key: string) => Object.keys(entities).filter((e) => (entities[e] as { pipeline?: unknown }).pipeline === key);

/** A server error inside pipeline `key`: which stage (by index, null for the pipeline itself) and what of it. */
export interface PipelineProblem {
  stage: number | null;
  setting: string;
  message: string;
}

/** The errors among `errors` (pointers like `/pipelines/sales/stages/2/requiredFields/0`, or under `/bundle`) that concern pipeline `key`. */
export function pipelineProblems(errors: readonly { path: string; message: string }[], key: string): PipelineProblem[] {
  return errors.flatMap((e): PipelineProblem[] => {
    const parts = e.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts[0] === 'bundle') parts.shift();
    if (parts[0] !== 'pipelines' || parts[1] !== key) return [];
    if (parts[2] === 'stages' && parts[3] !== undefined && /^\d+$/.test(parts[3])) return [{ stage: Number(parts[3]), setting: parts.slice(4).join('/'), message: e.message }];
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
export function stageChanges<S extends { key: string }>(before: readonly S[], after: readonly S[], name: (s: S, version: 'before' | 'after') => string): StageChanges {
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
    reordered: kept.map((s) => s.key).join() !== before.filter((s) => keys.has(s.key)).map((s) => s.key).join(),
  };
}
