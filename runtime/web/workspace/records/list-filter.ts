import type { EntityView } from '../../kit/config/store.ts';
import type { FieldSchema } from '../../../browser-safe/bundle.ts';

export type FilterOp = 'eq' | 'contains' | 'in';
/** The one condition the list's filter row builds. */
export interface FilterRow {
  field: string;
  op: FilterOp;
  value: string | string[];
}
export interface FilterOption {
  value: string;
  label: string;
}
/** A field the filter row offers, with the operators that apply to it and, for choices, its options. */
export interface FilterField {
  key: string;
  label: string;
  kind: 'string' | 'number' | 'boolean' | 'array';
  ops: FilterOp[];
  options?: FilterOption[];
}

/** What the filter row needs from the configuration, already in the interface language. */
export interface FilterSource {
  view: EntityView;
  order: string[];
  fieldLabel: (field: string) => string;
  optionLabel: (field: string, value: unknown) => string;
  /** `$state` / `$stage` with its label and options, when the entity has a workflow or pipeline. */
  status: FilterField | null;
  /** `$sla` with the service level statuses, when the entity has service levels. */
  serviceLevel?: FilterField | null;
  owner: FilterField;
}

const OPS: Record<FilterField['kind'], FilterOp[]> = { string: ['eq', 'contains', 'in'], number: ['eq', 'in'], boolean: ['eq'], array: ['contains', 'in'] };

function kindOf(schema: FieldSchema): FilterField['kind'] | null {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer') return 'number';
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'array' ? type : null;
}

/** The fields a list can be filtered on: form fields (not references, whose values are ids), owner, status, service level. */
export function filterFields(source: FilterSource): FilterField[] {
  const fields: FilterField[] = [];
  for (const key of source.order) {
    const schema = source.view.form.schema.properties[key];
    const kind = schema ? kindOf(schema) : null;
    if (!schema || !kind || schema['x-ref'] !== undefined) continue;
    const values = schema.enum ?? schema.items?.enum;
    const options = values?.map((v) => ({ value: String(v), label: source.optionLabel(key, v) }));
    fields.push({ key, label: source.fieldLabel(key), kind, ops: OPS[kind], ...(options ? { options } : {}) });
  }
  return [...(source.status ? [source.status] : []), ...(source.serviceLevel ? [source.serviceLevel] : []), source.owner, ...fields];
}

/** Turns a typed value into what the API compares with; undefined when it is not one. */
function typed(field: FilterField, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  if (field.kind === 'number') {
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  if (field.kind === 'boolean') return text === 'true';
  return text;
}

/**
 * The `filter` JSON of a row (`{"rating": {"eq": "hot"}}`); null when the row is empty,
 * 'invalid' when a value does not fit the field (a number field given words).
 */
export function filterJson(row: FilterRow, field: FilterField): Record<string, unknown> | null | 'invalid' {
  const raw = Array.isArray(row.value) ? row.value : row.op === 'in' ? row.value.split(/[,;]/) : [row.value];
  const values = raw.map((v) => typed(field, v));
  if (values.every((v) => v === undefined)) return null;
  if (values.some((v, i) => v === undefined && raw[i]!.trim() !== '')) return 'invalid';
  const present = values.filter((v) => v !== undefined);
  return { [field.key]: { [row.op]: row.op === 'in' ? present : present[0] } };
}

/** Whether every condition must hold, or any one of them. */
export type Match = 'all' | 'any';

/**
 * The `filter` JSON of several rows: one condition as it is, several under `and` (all) or `or` (any); rows left empty
 * are skipped, null when none is filled in, `{invalid: i}` for the first row whose value does not fit its field.
 */
export function filtersJson(rows: FilterRow[], fields: FilterField[], match: Match): Record<string, unknown> | null | { invalid: number } {
  const parts: Record<string, unknown>[] = [];
  for (const [i, row] of rows.entries()) {
    const field = fields.find((f) => f.key === row.field);
    if (!field) continue;
    const json = filterJson(row, field);
    if (json === 'invalid') return { invalid: i };
    if (json) parts.push(json);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { [match === 'all' ? 'and' : 'or']: parts };
}
