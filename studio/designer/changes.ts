/** What a publish would change in a form, field by field, for the "what changes" panel before publishing. */
import { optionValues } from './options.ts';
import { fieldOfScope, walk } from './ui-tree.ts';
import { type EntityConfig } from './types.ts';
import { LOCALES, type FieldSchema } from '../../runtime/browser-safe/bundle.ts';

export type ChangeAspect =
  'type' | 'required' | 'options' | 'optionLabels' | 'label' | 'description' | 'default' | 'validation' | 'readOnly' | 'rule' | 'layout';

export interface FieldChange {
  kind: 'added' | 'removed' | 'changed';
  field: string;
  /** For changed fields, what changed (in this order); empty for added and removed ones. */
  what: ChangeAspect[];
}

const VALIDATION = ['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems'] as const;

/** JSON with object keys sorted, so equal configurations compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Where each field sits: its place in reading order, and the containers, options and rules of its Controls. */
function placements(entity: EntityConfig | undefined): Map<string, Placement> {
  if (!entity) return new Map();
  const out = new Map<string, { order: number; context: string[]; rules: string[] }>();
  walk(entity.form.uischema, (el, _, ancestors) => {
    const field = el.type === 'Control' ? fieldOfScope(el.scope) : undefined;
    if (!field) return;
    const entry = out.get(field) ?? { order: out.size, context: [], rules: [] };
    entry.context.push(canonical([ancestors.map((a) => [a.type, a.i18n ?? a.label ?? null, a.options ?? null]), el.options ?? null]));
    entry.rules.push(canonical(el.rule ?? null));
    out.set(field, entry);
  });
  return new Map([...out].map(([k, v]) => [k, { order: v.order, context: v.context.join('|'), rules: v.rules.join('|') }]));
}

const texts = (entity: EntityConfig, key: string) => canonical(LOCALES.map((l) => entity.i18n[l]?.[key] ?? null));

/** Each field added, removed or changed between the published form (none: everything is new) and the draft. */
export function formChanges(published: EntityConfig | undefined, draft: EntityConfig): FieldChange[] {
  const before = published?.form.schema.properties ?? {};
  const after = draft.form.schema.properties;
  const changes: FieldChange[] = [];
  const places = { before: placements(published), after: placements(draft) };
  const moved = movedFields(places.before, places.after);
  for (const field of Object.keys(after)) {
    if (!Object.hasOwn(before, field)) changes.push({ kind: 'added', field, what: [] });
    else {
      const placed = { before: places.before.get(field), after: places.after.get(field), moved: moved.has(field) };
      const what = aspects(published!, draft, field, placed);
      if (what.length) changes.push({ kind: 'changed', field, what });
    }
  }
  for (const field of Object.keys(before)) if (!Object.hasOwn(after, field)) changes.push({ kind: 'removed', field, what: [] });
  return changes;
}

type Placement = { order: number; context: string; rules: string };

function aspects(
  published: EntityConfig,
  draft: EntityConfig,
  field: string,
  placed: { before?: Placement; after?: Placement; moved: boolean },
): ChangeAspect[] {
  const a = published.form.schema.properties[field]!;
  const b = draft.form.schema.properties[field]!;
  const differs = (f: (s: FieldSchema) => unknown) => canonical(f(a)) !== canonical(f(b));
  const textDiffers = (key: string) => texts(published, key) !== texts(draft, key);
  const isRequired = (e: EntityConfig) => e.form.schema.required?.includes(field) ?? false;
  const options = [...new Set([...(optionValues(a) ?? []), ...(optionValues(b) ?? [])])];
  const checks: [ChangeAspect, boolean][] = [
    ['type', differs((s) => [s.type, s['x-field'], s.format, s['x-ref'], s.items?.type])],
    ['required', isRequired(published) !== isRequired(draft)],
    ['options', differs(optionValues)],
    ['optionLabels', options.some((v) => textDiffers(`${field}.${v}`))],
    ['label', differs((s) => s.title) || textDiffers(`${field}.label`)],
    ['description', differs((s) => s.description) || textDiffers(`${field}.description`)],
    ['default', differs((s) => s.default)],
    ['validation', differs((s) => [VALIDATION.map((k) => s[k]), s.items?.maxLength])],
    ['readOnly', differs((s) => s.readOnly)],
    ['rule', placed.before?.rules !== placed.after?.rules],
    ['layout', placed.moved || placed.before?.context !== placed.after?.context],
  ];
  return checks.filter(([, changed]) => changed).map(([aspect]) => aspect);
}

/**
 * Fields shown in both versions whose place in reading order changed: those outside the longest common
 * ordering, so inserting or removing one field does not count as moving all that follow it.
 */
function movedFields(pa: Map<string, Placement>, pb: Map<string, Placement>): Set<string> {
  const common = [...pa.keys()].filter((k) => pb.has(k));
  const x = [...common].sort((m, n) => pa.get(m)!.order - pa.get(n)!.order);
  const y = [...common].sort((m, n) => pb.get(m)!.order - pb.get(n)!.order);
  // Longest common subsequence by dynamic programming; forms have at most 200 fields.
  const len = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) len[i]![j] = x[i] === y[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) {
      kept.add(x[i]!);
      i++;
      j++;
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++;
    else j++;
  }
  return new Set(common.filter((k) => !kept.has(k)));
}

/**
 * Fields required in the draft that existing records may lack: fields that became required, and new
 * required fields. Empty when nothing is published yet (there are no records to check).
 */
export function newlyRequired(published: EntityConfig | undefined, draft: EntityConfig): string[] {
  if (!published) return [];
  const before = new Set(published.form.schema.required ?? []);
  return (draft.form.schema.required ?? []).filter((k) => !before.has(k));
}
