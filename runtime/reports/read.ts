import type { Client } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';
import type { ReportFields } from './fields.ts';

/** One record of a pipeline as the report needs it: its stage and the two figures it contributes. */
export interface DealRow {
  id: string;
  stage: string;
  amount: unknown;
  closeDate: unknown;
}

/** One stage-history row of a record in scope. */
export interface HistoryRow {
  recordId: string;
  stage: string;
  enteredAt: number;
  leftAt: number | null;
}

// Field keys are identifiers by the form schema's own pattern, so they fit a JSON path as they are.
const path = (field: string | null) => (field === null ? '$.__none__' : `$.${field}`);

/** The records of `pipeline` inside `scope` (and nothing else), with the amount and close date when visible. */
export async function readDeals(db: Client, scope: RecordScope, pipeline: string, fields: ReportFields): Promise<DealRow[]> {
  const where = scopeSql(scope);
  const rows = (
    await db.execute({
      sql: `SELECT r.id, r.stage, json_extract(r.data, ?) AS amount, json_extract(r.data, ?) AS close_date
            FROM records r WHERE r.pipeline = ? AND r.stage IS NOT NULL AND ${where.sql}`,
      args: [path(fields.amountField), path(fields.closeDateField), pipeline, ...where.args],
    })
  ).rows;
  return rows.map((r) => ({ id: String(r.id), stage: String(r.stage), amount: r.amount, closeDate: r.close_date }));
}

/** The stage history in `pipeline` of the records inside `scope`, in the order it was written. */
export async function readHistoryRows(db: Client, scope: RecordScope, pipeline: string): Promise<HistoryRow[]> {
  const where = scopeSql(scope);
  const rows = (
    await db.execute({
      sql: `SELECT h.record_id, h.stage, h.entered_at, h.left_at FROM stage_history h
            WHERE h.tenant_id = ? AND h.pipeline = ?
              AND h.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})
            ORDER BY h.seq`,
      args: [scope.tenantId, pipeline, ...where.args],
    })
  ).rows;
  return rows.map((r) => ({
    recordId: String(r.record_id),
    stage: String(r.stage),
    enteredAt: Number(r.entered_at),
    leftAt: r.left_at === null ? null : Number(r.left_at),
  }));
}
