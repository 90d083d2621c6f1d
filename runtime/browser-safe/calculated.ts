/**
 * Calculated fields and roll-ups of a record type: what their expressions may read, the problems of their
 * configuration, and the formulas' values. Roll-ups are aggregated by the runtime (runtime/records/rollups.ts); both are
 * computed on the one write path and stored in the record's data, so lists sort and filter on them like on any field.
 */
import type { Bundle, EntityDef, FieldSchema, Rollup } from './bundle.ts';
import {
  checkExpression,
  evaluate,
  ExpressionError,
  fieldsOf,
  parseExpression,
  type Expression,
  type ExpressionType,
  type ExpressionValue,
} from './expressions/index.ts';

/** What a record is besides its fields, readable in expressions under these names: its stage, the stage's outcome (open, won, lost) and probability, its workflow state (the top one). */
export const RECORD_FACTS = { _stage: 'string', _outcome: 'string', _probability: 'number', _state: 'string' } as const satisfies Record<
  string,
  ExpressionType
>;
/** The facts of one record (see RECORD_FACTS); null where it has no stage or state. */
export type RecordFacts = { _stage?: string | null; _outcome?: string | null; _probability?: number | null; _state?: string | null };

const TYPES: Partial<Record<FieldSchema['x-field'], ExpressionType>> = {
  text: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  select: 'string',
  reference: 'string',
  number: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'date',
  checkbox: 'boolean',
};

/** The type a field has in expressions; undefined for those they cannot read (several choices, files). */
export const expressionType = (field: FieldSchema): ExpressionType | undefined =>
  field['x-field'] === 'select' && typeof field.enum?.[0] === 'number' ? 'number' : TYPES[field['x-field']];

/** Every name an expression over records of `def` may read, with its type. */
export function expressionFields(def: EntityDef): Record<string, ExpressionType> {
  const fields: Record<string, ExpressionType> = { ...RECORD_FACTS };
  for (const [key, field] of Object.entries(def.form.schema.properties)) {
    const type = expressionType(field);
    if (type) fields[key] = type;
  }
  return fields;
}

/** The facts of a record with this stage and state under `bundle`. */
export function factsOf(bundle: Bundle, row: { pipeline?: string | null; stage?: string | null; state?: string | null }): RecordFacts {
  const pipeline = row.pipeline && Object.hasOwn(bundle.pipelines, row.pipeline) ? bundle.pipelines[row.pipeline] : undefined;
  const stage = pipeline?.stages.find((s) => s.key === row.stage);
  return { _stage: row.stage ?? null, _outcome: stage?.kind ?? null, _probability: stage?.probability ?? null, _state: row.state?.split('.')[0] ?? null };
}

/** Whether nobody sets the field: the write path computes it. */
export const isCalculated = (field: FieldSchema | undefined) => field?.['x-formula'] !== undefined || field?.['x-rollup'] !== undefined;

/** The roll-ups of `def`, by field. */
export const rollupsOf = (def: EntityDef): [string, Rollup][] =>
  Object.entries(def.form.schema.properties).flatMap(([key, f]) => (f['x-rollup'] ? [[key, f['x-rollup']] as [string, Rollup]] : []));

/** What each calculated field of a record type reads: a formula its own fields; a roll-up another type's records and fields. */
export interface CalculationInputs {
  formulas: { field: string; reads: string[] }[];
  rollups: { field: string; entity: string; reads: string[] }[];
}
const inputsCache = new WeakMap<EntityDef, CalculationInputs>();
/** The inputs of `def`'s calculated fields (kept per definition); a published definition parses. */
export function calculationInputs(def: EntityDef): CalculationInputs {
  let inputs = inputsCache.get(def);
  if (inputs) return inputs;
  const properties = Object.entries(def.form.schema.properties);
  inputs = {
    formulas: properties.flatMap(([field, f]) => (f['x-formula'] === undefined ? [] : [{ field, reads: fieldsOf(parseExpression(f['x-formula'])) }])),
    rollups: rollupsOf(def).map(([field, r]) => ({
      field,
      entity: r.entity,
      reads: [r.via, ...(r.field === undefined ? [] : [r.field]), ...(r.where === undefined ? [] : fieldsOf(parseExpression(r.where)))],
    })),
  };
  inputsCache.set(def, inputs);
  return inputs;
}

/** Each formula field of `def` with its parsed expression, each after the formula fields it reads (null when they read each other in a circle). */
function formulaOrder(def: EntityDef): { field: string; expr: Expression }[] | null {
  const formulas = new Map(
    Object.entries(def.form.schema.properties).flatMap(([key, f]) => (f['x-formula'] === undefined ? [] : [[key, parseExpression(f['x-formula'])] as const])),
  );
  const ordered: { field: string; expr: Expression }[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (field: string): boolean => {
    if (state.get(field) === 'done') return true;
    if (state.get(field) === 'visiting') return false;
    state.set(field, 'visiting');
    const expr = formulas.get(field)!;
    if (!fieldsOf(expr).every((f) => !formulas.has(f) || visit(f))) return false;
    state.set(field, 'done');
    ordered.push({ field, expr });
    return true;
  };
  for (const field of formulas.keys()) if (!visit(field)) return null;
  return ordered;
}

const ordersCache = new WeakMap<EntityDef, { field: string; expr: Expression }[]>();

/**
 * The record's data with each formula field set to its value now (left out when null). `def` must have passed
 * `calculationErrors`; the order and parsed expressions are kept per definition.
 */
export function withFormulas(def: EntityDef, data: Record<string, unknown>, facts: RecordFacts, now: Date): Record<string, unknown> {
  let order = ordersCache.get(def);
  if (!order) ordersCache.set(def, (order = formulaOrder(def) ?? []));
  if (!order.length) return data;
  const types = expressionFields(def);
  const next = { ...data };
  for (const { field, expr } of order) {
    const value = evaluate(expr, types, { ...next, ...facts }, now);
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
}

/** The type a calculated field's value must have to be stored in it: a one-line text, a number, a day, a yes/no. */
export const calculatedType = (field: FieldSchema): ExpressionType | undefined => (field['x-field'] === 'text' ? 'string' : expressionType(field));

/** Problems of the formulas and roll-ups of `def` in `bundle`, each as a message and the path under the entity. */
export function calculationErrors(bundle: Bundle, def: EntityDef): [string, ...string[]][] {
  const errors: [string, ...string[]][] = [];
  const add = (message: string, ...path: string[]) => errors.push([message, 'form', 'schema', 'properties', ...path]);
  const types = expressionFields(def);
  for (const [key, field] of Object.entries(def.form.schema.properties)) {
    if (isCalculated(field) && def.form.schema.required?.includes(key)) add('is calculated, so it cannot be required', key);
    const problem = field['x-formula'] === undefined ? null : expressionProblem(field['x-formula'], types, calculatedType(field));
    if (problem) add(problem, key, 'x-formula');
    const rollup = field['x-rollup'];
    if (rollup) for (const [message, ...path] of rollupErrors(bundle, def, rollup)) add(message!, key, 'x-rollup', ...path);
  }
  if (!errors.length && formulaOrder(def) === null) add('formulas read each other in a circle');
  const entity = Object.keys(bundle.entities).find((key) => bundle.entities[key] === def);
  if (!errors.length && entity !== undefined)
    for (const [field] of rollupsOf(def)) {
      const circle = rollupCircle(bundle, `${entity}.${field}`);
      if (circle) add(`reads itself through other calculated fields: ${circle.join(' → ')}`, field, 'x-rollup');
    }
  return errors;
}

/**
 * The calculated fields one calculated field reads (`type.field`): a formula's of its own record, a roll-up's of the
 * records it counts. None for a definition that does not parse (its own checks say so).
 */
function calculatedReads(bundle: Bundle, node: string): string[] {
  const [entity, field] = node.split('.') as [string, string];
  const def = Object.hasOwn(bundle.entities, entity) ? bundle.entities[entity]! : undefined;
  if (!def) return [];
  try {
    const inputs = calculationInputs(def);
    const rollup = inputs.rollups.find((r) => r.field === field);
    const [on, reads] = rollup ? [rollup.entity, rollup.reads] : [entity, inputs.formulas.find((f) => f.field === field)?.reads ?? []];
    const properties = Object.hasOwn(bundle.entities, on) ? bundle.entities[on]!.form.schema.properties : {};
    return reads.filter((f) => Object.hasOwn(properties, f) && isCalculated(properties[f])).map((f) => `${on}.${f}`);
  } catch {
    return [];
  }
}

/** The way from roll-up `start` back to itself through the calculated fields it reads (roll-ups of roll-ups), if any. */
function rollupCircle(bundle: Bundle, start: string): string[] | null {
  const seen = new Set<string>();
  const walk = (node: string, path: string[]): string[] | null => {
    for (const next of calculatedReads(bundle, node)) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

/** What is wrong with an expression's text or type, in words; null when it reads only `types` and yields `wanted`. */
export function expressionProblem(text: string, types: Readonly<Record<string, ExpressionType>>, wanted: ExpressionType | undefined): string | null {
  try {
    const type = checkExpression(parseExpression(text), types);
    return wanted === undefined || type === wanted ? null : `gives a ${type}, but the field holds a ${wanted}`;
  } catch (e) {
    if (e instanceof ExpressionError) return e.message;
    throw e;
  }
}

function rollupErrors(bundle: Bundle, target: EntityDef, rollup: Rollup): string[][] {
  const source = Object.hasOwn(bundle.entities, rollup.entity) ? bundle.entities[rollup.entity]! : undefined;
  if (!source) return [['is not a record type', 'entity']];
  const fields = source.form.schema.properties;
  const via = Object.hasOwn(fields, rollup.via) ? fields[rollup.via] : undefined;
  const errors: string[][] = [];
  if (!via || via['x-field'] !== 'reference' || bundle.entities[via['x-ref']!] !== target)
    errors.push([`is not a field of ${rollup.entity} that refers to one record of this record type`, 'via']);
  if (rollup.field !== undefined) {
    const field = Object.hasOwn(fields, rollup.field) ? fields[rollup.field] : undefined;
    if (!field || expressionType(field) !== 'number') errors.push([`is not a number field of ${rollup.entity}`, 'field']);
  }
  if (rollup.where !== undefined) {
    const problem = expressionProblem(rollup.where, expressionFields(source), 'boolean');
    if (problem) errors.push([problem, 'where']);
    // A roll-up is kept up to date as records change, not as days pass: a condition on today would go stale.
    else if (JSON.stringify(parseExpression(rollup.where)).includes('"fn":"today"'))
      errors.push(['cannot use today(): it changes without any record changing', 'where']);
  }
  return errors;
}

/** A sum of amounts with cents, exact to a billionth: added up in another order or step by step, it comes out the same. */
export const exact = (sum: number) => Math.round(sum * 1e9) / 1e9;

/** The aggregate of the values of the records a roll-up counts (`undefined` entries are left out, as SQL does). */
export function aggregate(op: Rollup['op'], values: readonly ExpressionValue[]): number | string | null {
  if (op === 'count') return values.length;
  const present = values.filter((v): v is number | string => typeof v === 'number' || typeof v === 'string');
  if (!present.length) return op === 'sum' ? 0 : null;
  if (op === 'min') return present.reduce((a, b) => (b < a ? b : a));
  if (op === 'max') return present.reduce((a, b) => (b > a ? b : a));
  const numbers = present.filter((v): v is number => typeof v === 'number');
  const sum = numbers.reduce((a, b) => a + b, 0);
  return op === 'sum' ? exact(sum) : numbers.length ? sum / numbers.length : null;
}
