import type { Transaction } from '@libsql/client';
import { changedFields } from '../audit/log.ts';
import type { Bundle, Rollup } from '../browser-safe/bundle.ts';
import { aggregate, expressionFields, factsOf, rollupsOf, withFormulas, type RecordFacts } from '../browser-safe/calculated.ts';
import { evaluate, parseExpression, type Expression } from '../browser-safe/expressions/index.ts';
import { automationRow, type RecordRow } from './store.ts';

/** One side of a write to a record: its data and facts before (or after); null where it did not exist. */
export type Side = { data: Record<string, unknown>; facts: RecordFacts } | null;

/** A record whose roll-ups came out differently: its row as read, its data with the new values (and formulas over them). */
export interface Recalculated {
  row: RecordRow;
  data: Record<string, unknown>;
  changes: Record<string, unknown>;
}

const parsed = new Map<string, Expression>();
const whereOf = (text: string) => {
  let expr = parsed.get(text);
  if (!expr) parsed.set(text, (expr = parseExpression(text)));
  return expr;
};

/** A roll-up's value for record `id` now, over the records of its entity that point at it (in the transaction's view). */
async function rollupValue(tx: Transaction, bundle: Bundle, tenantId: string, rollup: Rollup, id: string, now: Date) {
  const source = bundle.entities[rollup.entity]!;
  // `via` is a field key (letters, digits, _), checked when the configuration was published.
  const rows = (
    await tx.execute({
      sql: `SELECT data, pipeline, stage, state FROM records WHERE tenant_id = ? AND entity = ? AND json_extract(data, '$.${rollup.via}') = ?`,
      args: [tenantId, rollup.entity, id],
    })
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
  for (const [field, rollup] of rollups) {
    const value = await rollupValue(tx, bundle, tenantId, rollup, row.id, now);
    if (value === null) delete values[field];
    else values[field] = value;
  }
  return withFormulas(bundle.entities[row.entity]!, values, factsOf(bundle, row), now);
}

/**
 * After a record of `entity` was written (`before` null: created; `after` null: deleted), the records it pointed or
 * points at through a roll-up's reference, with those roll-ups computed again; only those whose data changes.
 */
export async function recalculated(
  tx: Transaction,
  bundle: Bundle,
  tenantId: string,
  entity: string,
  before: Side,
  after: Side,
  now: Date,
): Promise<Recalculated[]> {
  const out: Recalculated[] = [];
  for (const [target, def] of Object.entries(bundle.entities)) {
    const rollups = rollupsOf(def).filter(([, r]) => r.entity === entity);
    const ids = new Set(rollups.flatMap(([, r]) => [before?.data[r.via], after?.data[r.via]].filter((v): v is string => typeof v === 'string')));
    for (const id of ids) {
      const row = await automationRow(tx, tenantId, id);
      if (!row || row.entity !== target) continue;
      const data = await recomputed(tx, bundle, tenantId, row, rollups, now);
      const changes = changedFields(row.data, data);
      if (Object.keys(changes).length) out.push({ row, data, changes });
    }
  }
  return out;
}

/** A new record's roll-ups: nothing refers to it yet (a count and a sum are 0; a minimum, maximum or average none). */
export function freshRollups(bundle: Bundle, entity: string, data: Record<string, unknown>): Record<string, unknown> {
  const next = { ...data };
  for (const [field, rollup] of rollupsOf(bundle.entities[entity]!)) {
    const value = aggregate(rollup.op, []);
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
}
