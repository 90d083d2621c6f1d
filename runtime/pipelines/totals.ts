import type { Client } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';

/** Per stage of a pipeline: how many records the reader may see there, and the sum of their amounts. */
export interface StageTotal {
  stage: string;
  count: number;
  amount: number;
}

/**
 * Exact per-stage counts and amount sums over the records of `pipeline` inside `scope` — the board's column totals,
 * whatever number of cards it loads. `amountField` null (no such field, or hidden from the reader) sums nothing.
 */
export async function stageTotals(db: Client, scope: RecordScope, pipeline: string, amountField: string | null): Promise<StageTotal[]> {
  const where = scopeSql(scope);
  // A field key fits a JSON path as it is (the form schema restricts keys to identifiers).
  const path = amountField === null ? '$.__none__' : `$.${amountField}`;
  const rows = (
    await db.execute({
      sql: `SELECT r.stage, count(*) AS n, total(CASE WHEN json_type(r.data, ?) IN ('integer', 'real') THEN json_extract(r.data, ?) END) AS amount
            FROM records r WHERE r.pipeline = ? AND r.stage IS NOT NULL AND ${where.sql} GROUP BY r.stage`,
      args: [path, path, pipeline, ...where.args],
    })
  ).rows;
  return rows.map((r) => ({ stage: String(r.stage), count: Number(r.n), amount: Number(r.amount) }));
}
