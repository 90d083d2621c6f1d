import type { Client } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';

/**
 * Records of one stage and close month (`YYYY-MM`, null without a readable close date) as the report needs them:
 * how many, and their amounts' sum. SQLite groups them, so a report never carries every record into JavaScript.
 */
export interface DealGroup {
  stage: string;
  month: string | null;
  count: number;
  amount: number;
}

/** Per stage: how many history rows have left it, and their total duration. */
export interface StageDurations {
  stage: string;
  left: number;
  totalMs: number;
}

/** Per stage: records that entered it, and those that later entered a later stage that is not a lost one. */
export interface StageFlow {
  stage: string;
  entered: number;
  advanced: number;
}

type Statement = { sql: string; args: (string | number)[] };

/**
 * Runs the statement for `scope`: over the sums kept at write time (migration 013) when the scope is every record
 * of the entity, else over the rows of the records the scope admits — `scoped` gets that condition as SQL over `r`.
 */
async function readFor(db: Client, scope: RecordScope, pipeline: string, keptTable: string, columns: string, scoped: (where: Statement) => Statement) {
  if (scope.kind === 'all')
    return (
      await db.execute({
        sql: `SELECT ${columns} FROM ${keptTable} WHERE tenant_id = ? AND entity = ? AND pipeline = ?`,
        args: [scope.tenantId, scope.entity, pipeline],
      })
    ).rows;
  return (await db.execute(scoped(scopeSql(scope)))).rows;
}

/** The records of `pipeline` inside `scope` (and nothing else), grouped by stage and close month. */
export async function readDealGroups(db: Client, scope: RecordScope, pipeline: string): Promise<DealGroup[]> {
  const rows = await readFor(db, scope, pipeline, 'report_deals', "stage, nullif(month, '') AS month, n, amount", (where) => ({
    sql: `SELECT r.stage, r.close_month AS month, count(*) AS n, total(r.amount) AS amount
          FROM records r WHERE r.pipeline = ? AND r.stage IS NOT NULL AND ${where.sql} GROUP BY r.stage, r.close_month`,
    args: [pipeline, ...where.args],
  }));
  return rows
    .map((r) => ({ stage: String(r.stage), month: r.month === null ? null : String(r.month), count: Number(r.n), amount: Number(r.amount) }))
    .filter((g) => g.count > 0);
}

/** How long the records inside `scope` stayed in each stage of `pipeline` they have left. */
export async function readDurations(db: Client, scope: RecordScope, pipeline: string): Promise<StageDurations[]> {
  const rows = await readFor(db, scope, pipeline, 'report_times', 'stage, n, ms', (where) => ({
    sql: `SELECT h.stage, count(*) AS n, total(h.left_at - h.entered_at) AS ms FROM stage_history h
          WHERE h.tenant_id = ? AND h.pipeline = ? AND h.left_at IS NOT NULL AND h.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})
          GROUP BY h.stage`,
    args: [scope.tenantId, pipeline, ...where.args],
  }));
  return rows.map((r) => ({ stage: String(r.stage), left: Number(r.n), totalMs: Number(r.ms) }));
}

/**
 * Per stage, the records inside `scope` that entered it (once however often they came back) and those that advanced
 * from it: a stage history row written after their first entry is a later stage (in the pipeline's order) that is
 * not a lost one. Kept per record and stage in `stage_reach`.
 */
export async function readFlow(db: Client, scope: RecordScope, pipeline: string): Promise<StageFlow[]> {
  const rows = await readFor(db, scope, pipeline, 'report_flow', 'stage, entered, advanced', (where) => ({
    sql: `SELECT x.stage, count(*) AS entered, total(x.advanced) AS advanced FROM stage_reach x
          WHERE x.tenant_id = ? AND x.pipeline = ? AND x.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})
          GROUP BY x.stage`,
    args: [scope.tenantId, pipeline, ...where.args],
  }));
  return rows.map((r) => ({ stage: String(r.stage), entered: Number(r.entered), advanced: Number(r.advanced) }));
}
