/**
 * Which record types follow which pipelines: an entity names its default `pipeline` and further `pipelines`
 * (schemas/entity.schema.json). Pure edits of an entity, each returning a new value.
 */
import { entityPipelines } from '../../runtime/browser-safe/bundle.ts';
import { PipelineError } from './model.ts';

/** The part of an entity these edits read and write; everything else passes through. */
export interface PipelineHolder {
  pipeline?: unknown;
  pipelines?: unknown;
  [rest: string]: unknown;
}

/** How an entity uses a pipeline: as the default new records start in, or as one more they may follow. */
export interface PipelineUse {
  entity: string;
  isDefault: boolean;
}

const others = (def: PipelineHolder): string[] => (Array.isArray(def.pipelines) ? def.pipelines.filter((p): p is string => typeof p === 'string') : []);
const defaultOf = (def: PipelineHolder): string | undefined => (typeof def.pipeline === 'string' ? def.pipeline : undefined);

/** Every pipeline an entity's records may follow, by the runtime's own rule (`entityPipelines`), for a draft entity of any shape. */
export const pipelinesOfEntity = (def: PipelineHolder): string[] => entityPipelines({ pipeline: defaultOf(def), pipelines: others(def) });

/** The entities whose records may follow pipeline `key`, in the bundle's order, and whether it is their default. */
export const usesOf = (entities: Record<string, PipelineHolder>, key: string): PipelineUse[] =>
  Object.keys(entities).flatMap((entity) =>
    pipelinesOfEntity(entities[entity]!).includes(key) ? [{ entity, isDefault: defaultOf(entities[entity]!) === key }] : [],
  );

/** The field keys of `first` that every one of `others` has too, in `first`'s order: a stage can only require those. */
export const sharedFields = (first: Record<string, unknown>, others: readonly Record<string, unknown>[]): string[] =>
  Object.keys(first).filter((key) => others.every((o) => Object.hasOwn(o, key)));

/** The entities that have a default pipeline: the only ones a further pipeline can be attached to. */
export const entitiesWithPipeline = (entities: Record<string, PipelineHolder>): string[] =>
  Object.keys(entities).filter((e) => defaultOf(entities[e]!) !== undefined);

/** The entities pipeline `key` could be attached to: those with a default pipeline that do not follow `key` yet. */
export const attachableTo = (entities: Record<string, PipelineHolder>, key: string): string[] =>
  entitiesWithPipeline(entities).filter((e) => !pipelinesOfEntity(entities[e]!).includes(key));

/** `def` with `list` as its further pipelines; an empty list leaves the property out. */
function withOthers<T extends PipelineHolder>(def: T, list: string[]): T {
  const { pipelines: _, ...rest } = def;
  return (list.length ? { ...rest, pipelines: list } : rest) as T;
}

/** Lets records of `def` follow pipeline `key` too. Needs a default pipeline first (the schema ties `pipelines` to `pipeline`). */
export function attachPipeline<T extends PipelineHolder>(def: T, key: string): T {
  if (defaultOf(def) === undefined) throw new PipelineError('no-pipeline', 'this record type has no pipeline');
  if (pipelinesOfEntity(def).includes(key)) return def;
  return withOthers(def, [...others(def), key]);
}

/** Stops records of `def` following pipeline `key`. The default cannot go: new records start there. */
export function detachPipeline<T extends PipelineHolder>(def: T, key: string): T {
  if (defaultOf(def) === key) throw new PipelineError('default-pipeline', `"${key}" is the default pipeline`);
  if (!others(def).includes(key)) return def;
  return withOthers(
    def,
    others(def).filter((p) => p !== key),
  );
}

/** Makes `key` the default pipeline of `def`; the old default stays attached, in the place `key` had. */
export function makeDefaultPipeline<T extends PipelineHolder>(def: T, key: string): T {
  const old = defaultOf(def);
  if (old === key) return def;
  if (old === undefined) throw new PipelineError('no-pipeline', 'this record type has no pipeline');
  const list = others(def);
  const at = list.indexOf(key);
  const next = at < 0 ? [...list, old] : list.map((p) => (p === key ? old : p));
  return withOthers(
    { ...def, pipeline: key },
    [...new Set(next)].filter((p) => p !== key),
  );
}

/** How the record types using pipeline `key` differ between two versions of the entities. */
export interface UseChanges {
  attached: string[];
  detached: string[];
  nowDefault: string[];
}

/** Compares the uses of pipeline `key` in `before` (e.g. published) and `after` (the draft). */
export function useChanges(before: Record<string, PipelineHolder>, after: Record<string, PipelineHolder>, key: string): UseChanges {
  const was = new Map(usesOf(before, key).map((u) => [u.entity, u.isDefault]));
  const now = usesOf(after, key);
  const kept = new Set(now.map((u) => u.entity));
  return {
    attached: now.filter((u) => !was.has(u.entity)).map((u) => u.entity),
    detached: [...was.keys()].filter((e) => !kept.has(e)),
    nowDefault: now.filter((u) => u.isDefault && was.get(u.entity) !== true).map((u) => u.entity),
  };
}
