/** Records in workflow states or pipeline stages an import removes: one choice each, and the mappings they make. */
import { entityPipelines, type Bundle, type EntityDef, type Locale } from '../../runtime/browser-safe/bundle.ts';
import type { Impact, Mappings } from '../../runtime/browser-safe/impact.ts';
import { leafStates } from '../../runtime/browser-safe/workflow-definition.ts';

export type MappingKind = 'states' | 'stages';

/** One removed state or stage that records are in, and how many. */
export interface OrphanRow {
  kind: MappingKind;
  entity: string;
  old: string;
  count: number;
}

/** Every orphaned state and stage of an impact, states first, in the server's order. */
export function orphanRows(impact: Impact | undefined): OrphanRow[] {
  const rows = (kind: MappingKind, orphaned: Record<string, Record<string, number>> = {}) =>
    Object.entries(orphaned).flatMap(([entity, olds]) => Object.entries(olds).map(([old, count]) => ({ kind, entity, old, count })));
  return [...rows('states', impact?.orphanedStates), ...rows('stages', impact?.orphanedStages)];
}

/** The id of a row's choice, as the server names its mapping: `<kind>/<entity>/<old>`. */
export const choiceId = (row: Pick<OrphanRow, 'kind' | 'entity' | 'old'>) => `${row.kind}/${row.entity}/${row.old}`;

/** The mappings the choices make; null while any row has no choice. */
export function mappingsFrom(rows: readonly OrphanRow[], choices: Readonly<Record<string, string>>): Mappings | null {
  const mappings: Mappings = {};
  for (const row of rows) {
    const target = choices[choiceId(row)];
    if (!target) return null;
    ((mappings[row.kind] ??= {})[row.entity] ??= {})[row.old] = target;
  }
  return mappings;
}

/** A state (dotted path) or stage key with its name in `locale` from `bundle`, or just its key when the bundle lacks it. */
export interface Target {
  key: string;
  label: string;
}

/** The states or stages an entity's records can rest in under `bundle`, each named. */
export function targetsOf(bundle: Bundle | null, kind: MappingKind, entity: string, locale: Locale): Target[] {
  const def = bundle?.entities[entity];
  if (!bundle || !def) return [];
  if (kind === 'states') {
    const workflow = def.workflow ? bundle.workflows[def.workflow] : undefined;
    return workflow ? leafStates(workflow).map((s) => ({ key: s.path, label: s.node.meta?.label || s.path })) : [];
  }
  // Stages of every pipeline the records may follow, default first; a key two pipelines share is offered once.
  const targets = entityPipelines(def).flatMap((key) => {
    const pipeline = bundle.pipelines[key];
    return (pipeline?.stages ?? []).map((s) => ({ key: s.key, label: pipeline?.i18n?.[locale]?.[`stage.${s.key}`] || s.label || s.key }));
  });
  return targets.filter((t, i) => targets.findIndex((x) => x.key === t.key) === i);
}

/** The name of state or stage `key` in `bundle`, else the key itself. */
export const targetName = (bundle: Bundle | null, kind: MappingKind, entity: string, key: string, locale: Locale) =>
  targetsOf(bundle, kind, entity, locale).find((t) => t.key === key)?.label ?? key;

/** An entity's name in `locale` (plural when `many`), else its key. */
export function entityName(bundle: Bundle | null, entity: string, locale: Locale, many = false): string {
  const def = bundle?.entities[entity];
  if (!def) return entity;
  return def.i18n[locale]?.[many ? 'entity.pluralLabel' : 'entity.label'] || (many ? def.pluralLabel : def.label) || entity;
}

/** A field's label in `locale` from an entity definition, else its schema title, else its key. */
export function fieldName(entity: EntityDef | undefined, field: string, locale: Locale): string {
  return entity?.i18n[locale]?.[`${field}.label`] || entity?.form.schema.properties[field]?.title || field;
}
