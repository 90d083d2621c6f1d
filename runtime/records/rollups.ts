import type { Transaction } from '@libsql/client';
import { changedFields } from '../audit/log.ts';
import type { Bundle, Rollup } from '../browser-safe/bundle.ts';
import { aggregate, exact, expressionFields, factsOf, rollupsOf, withFormulas, type RecordFacts } from '../browser-safe/calculated.ts';
import { evaluate, parseExpression, type Expression } from '../browser-safe/expressions/index.ts';
import { referenceMatch } from './reference-index.ts';
import { automationRow, type RecordRow } from './store.ts';

/** Sets a computed value into record data; null leaves the field out. */
function setValue(data: Record<string, unknown>, field: string, value: unknown): void {
  if (value === null) delete data[field];
  else data[field] = value;
}

/** One side of a write to a record: its data and facts before (or after); null where it did not exist. */
export type Side = { data: Record<string, unknown>; facts: RecordFacts } | null;

const parsed = new Map<string, Expression>();
const whereOf = (text: string) => {
  let expr = parsed.get(text);
  if (!expr) parsed.set(text, (expr = parseExpression(text)));
  return expr;
};

/** A roll-up's value for record `id` now, over the records of its entity that point at it (in the transaction's view). */
async function rollupValue(tx: Transaction, bundle: Bundle, tenantId: string, rollup: Rollup, id: string, now: Date) {
  const source = bundle.entities[rollup.entity]!;
  const rows = (
    await tx.execute({ sql: `SELECT data, pipeline, stage, state FROM records WHERE ${referenceMatch(rollup.entity, rollup.via)}`, args: [tenantId, id] })
  ).rows;
  const types = expressionFields(source);
  const counted = rows
    .map((r): Record<string, unknown> => ({
      ...(JSON.parse(String(r.data)) as Record<string, unknown>),
      ...factsOf(bundle, { pipeline: r.pipeline as string | null, stage: r.stage as string | null, state: r.state as string | null }),
    }))
    .filter((values) => rollup.where === undefined || evaluate(whereOf(rollup.where), types, values, now) === true);
  const field = rollup.field;
  return aggregate(
    rollup.op,
    counted.map((values) => (field === undefined ? null : ((values[field] as number | string | undefined) ?? null))),
  );
}

/** `row`'s data with `rollups` (some of its type's) computed again, and the formulas over them. */
export async function recomputed(tx: Transaction, bundle: Bundle, tenantId: string, row: RecordRow, rollups: [string, Rollup][], now: Date) {
  const values: Record<string, unknown> = { ...row.data };
  for (const [field, rollup] of rollups) setValue(values, field, await rollupValue(tx, bundle, tenantId, rollup, row.id, now));
  return withFormulas(bundle.entities[row.entity]!, values, factsOf(bundle, row), now);
}

/**
 * What one side of a write adds to a count or a sum on record `id`: 1 or its number when it points at `id` and `where`
 * holds for it, else 0.
 */
function contribution(bundle: Bundle, rollup: Rollup, side: Side, id: string, now: Date): number {
  if (!side || side.data[rollup.via] !== id) return 0;
  const values: Record<string, unknown> = { ...side.data, ...side.facts };
  if (rollup.where !== undefined && evaluate(whereOf(rollup.where), expressionFields(bundle.entities[rollup.entity]!), values, now) !== true) return 0;
  if (rollup.op === 'count') return 1;
  const value = values[rollup.field!];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * A roll-up's new value on `row` after a write of one record it counts: a count or a sum moves by what the write
 * changed (`before` → `after`), without reading the others; a minimum, maximum or average, or a value never computed,
 * is computed again from all of them.
 */
async function nextValue(
  tx: Transaction,
  bundle: Bundle,
  tenantId: string,
  row: RecordRow,
  field: string,
  rollup: Rollup,
  before: Side,
  after: Side,
  now: Date,
) {
  const current = row.data[field];
  if ((rollup.op === 'count' || rollup.op === 'sum') && typeof current === 'number') {
    const delta = contribution(bundle, rollup, after, row.id, now) - contribution(bundle, rollup, before, row.id, now);
    return exact(current + delta);
  }
  return rollupValue(tx, bundle, tenantId, rollup, row.id, now);
}

/** The records a record of `entity` pointed (`before`) or points (`after`) at through the reference of a roll-up over its type. */
export function rollupParents(bundle: Bundle, entity: string, before: Side, after: Side): string[] {
  const vias = new Set(Object.values(bundle.entities).flatMap((def) => rollupsOf(def).flatMap(([, r]) => (r.entity === entity ? [r.via] : []))));
  const ids = [...vias].flatMap((via) => [before?.data[via], after?.data[via]]);
  return [...new Set(ids.filter((v): v is string => typeof v === 'string'))];
}

/**
 * Record `id`, read now, with its roll-ups over `entity` brought up to date after a write of one record of it
 * (`before` null: created; `after` null: deleted), and the formulas over them; null when nothing changes.
 */
export async function recalculate(tx: Transaction, bundle: Bundle, tenantId: string, id: string, entity: string, before: Side, after: Side, now: Date) {
  const row = await automationRow(tx, tenantId, id);
  const def = row && bundle.entities[row.entity];
  const rollups = def ? rollupsOf(def).filter(([, r]) => r.entity === entity) : [];
  if (!row || !def || !rollups.length) return null;
  const values: Record<string, unknown> = { ...row.data };
  for (const [field, rollup] of rollups) setValue(values, field, await nextValue(tx, bundle, tenantId, row, field, rollup, before, after, now));
  const data = withFormulas(def, values, factsOf(bundle, row), now);
  const changes = changedFields(row.data, data);
  return Object.keys(changes).length ? { row, data, changes } : null;
}

/** A new record's roll-ups: nothing refers to it yet (a count and a sum are 0; a minimum, maximum or average none). */
export function freshRollups(bundle: Bundle, entity: string, data: Record<string, unknown>): Record<string, unknown> {
  const next = { ...data };
  for (const [field, rollup] of rollupsOf(bundle.entities[entity]!)) setValue(next, field, aggregate(rollup.op, []));
  return next;
}
