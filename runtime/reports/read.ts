import type { Client } from '@libsql/client';
import { scopeByTeams, type RecordScope } from '../access/scope.ts';

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
 * Runs a report statement for `scope`, grouped by `keys` and summing `sums`. The sums kept at write time (migrations
 * 013 and 031) answer for whole teams: every team when the scope is every record of the entity, the scope's teams when
 * it is a team scope. The rest of a scope (records owned, created or shared outside those teams; all of an own scope)
 * is read row by row: `rows` gets that condition as SQL over `r` and selects the same columns.
 */
async function readFor(
  db: Client,
  scope: RecordScope,
  pipeline: string,
  kept: { table: string; keys: string; sums: string[] },
  rows: (where: Statement) => Statement,
) {
  // Of the given teams, or of every team.
  const keptRows = (teams?: readonly string[]): Statement => ({
    sql: `SELECT ${kept.keys}, ${kept.sums.join(', ')} FROM ${kept.table} WHERE tenant_id = ? AND entity = ? AND pipeline = ?${teams ? ` AND team IN (${teams.map(() => '?').join(', ')})` : ''}`,
    args: [scope.tenantId, scope.entity, pipeline, ...(teams ?? [])],
  });
  const parts: Statement[] = [];
  if (scope.kind === 'all') parts.push(keptRows());
  else {
    const { teams, rest } = scopeByTeams(scope);
    if (teams.length) parts.push(keptRows(teams));
    parts.push(rows(rest));
  }
  const sql = `SELECT ${kept.keys}, ${kept.sums.map((c) => `total(${c}) AS ${c}`).join(', ')} FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) GROUP BY ${kept.keys}`;
  return (await db.execute({ sql, args: parts.flatMap((p) => p.args) })).rows;
}

/** The records of `pipeline` inside `scope` (and nothing else), grouped by stage and close month. */
export async function readDealGroups(db: Client, scope: RecordScope, pipeline: string): Promise<DealGroup[]> {
  const rows = await readFor(db, scope, pipeline, { table: 'report_deals', keys: 'stage, month', sums: ['n', 'amount'] }, (where) => ({
    sql: `SELECT r.stage, coalesce(r.close_month, '') AS month, count(*) AS n, total(r.amount) AS amount
          FROM records r WHERE r.pipeline = ? AND r.stage IS NOT NULL AND ${where.sql} GROUP BY r.stage, r.close_month`,
    args: [pipeline, ...where.args],
  }));
  return rows
    .map((r) => ({ stage: String(r.stage), month: r.month === '' ? null : String(r.month), count: Number(r.n), amount: Number(r.amount) }))
    .filter((g) => g.count > 0);
}

/** How long the records inside `scope` stayed in each stage of `pipeline` they have left. */
export async function readDurations(db: Client, scope: RecordScope, pipeline: string): Promise<StageDurations[]> {
  const rows = await readFor(db, scope, pipeline, { table: 'report_times', keys: 'stage', sums: ['n', 'ms'] }, (where) => ({
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
  const rows = await readFor(db, scope, pipeline, { table: 'report_flow', keys: 'stage', sums: ['entered', 'advanced'] }, (where) => ({
    sql: `SELECT x.stage, count(*) AS entered, total(x.advanced) AS advanced FROM stage_reach x
          WHERE x.tenant_id = ? AND x.pipeline = ? AND x.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})
          GROUP BY x.stage`,
    args: [scope.tenantId, pipeline, ...where.args],
  }));
  return rows.map((r) => ({ stage: String(r.stage), entered: Number(r.entered), advanced: Number(r.advanced) }));
}
