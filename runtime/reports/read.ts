import type { Client } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';
import type { PipelineDef } from '../browser-safe/bundle.ts';
import type { ReportFields } from '../browser-safe/report-fields.ts';

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

/** Per open stage: records that entered it, and those that later entered a later stage that is not a lost one. */
export interface StageFlow {
  stage: string;
  entered: number;
  advanced: number;
}

/**
 * Which stage-history rows belong to records inside `scope`: by entity alone when the scope is every record of it,
 * else through the records the scope admits.
 */
function historyScope(scope: RecordScope): { sql: string; args: (string | number)[] } {
  if (scope.kind === 'all') return { sql: 'h.entity = ?', args: [scope.entity] };
  const where = scopeSql(scope);
  return { sql: `h.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})`, args: where.args };
}

// Field keys are identifiers by the form schema's own pattern, so they fit a JSON path as they are.
const path = (field: string | null) => (field === null ? '$.__none__' : `$.${field}`);

/** The records of `pipeline` inside `scope` (and nothing else), grouped by stage and close month. */
export async function readDealGroups(db: Client, scope: RecordScope, pipeline: string, fields: ReportFields): Promise<DealGroup[]> {
  const where = scopeSql(scope);
  const amount = path(fields.amountField);
  const close = path(fields.closeDateField);
  const rows = (
    await db.execute({
      sql: `SELECT r.stage,
              CASE WHEN json_type(r.data, ?) = 'text' AND json_extract(r.data, ?) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                THEN substr(json_extract(r.data, ?), 1, 7) END AS month,
              count(*) AS n,
              total(CASE WHEN json_type(r.data, ?) IN ('integer', 'real') THEN json_extract(r.data, ?) END) AS amount
            FROM records r WHERE r.pipeline = ? AND r.stage IS NOT NULL AND ${where.sql}
            GROUP BY r.stage, month`,
      args: [close, close, close, amount, amount, pipeline, ...where.args],
    })
  ).rows;
  return rows.map((r) => ({ stage: String(r.stage), month: r.month === null ? null : String(r.month), count: Number(r.n), amount: Number(r.amount) }));
}

/** How long the records inside `scope` stayed in each stage of `pipeline` they have left. */
export async function readDurations(db: Client, scope: RecordScope, pipeline: string): Promise<StageDurations[]> {
  const where = historyScope(scope);
  const rows = (
    await db.execute({
      sql: `SELECT h.stage, count(*) AS n, total(h.left_at - h.entered_at) AS ms FROM stage_history h
            WHERE h.tenant_id = ? AND h.pipeline = ? AND h.left_at IS NOT NULL AND ${where.sql}
            GROUP BY h.stage`,
      args: [scope.tenantId, pipeline, ...where.args],
    })
  ).rows;
  return rows.map((r) => ({ stage: String(r.stage), left: Number(r.n), totalMs: Number(r.ms) }));
}

/**
 * Conversion counts from the stage history of the records inside `scope`: a record counts as entered once however
 * often it came back, and as advanced when a row written after its first entry is a later stage (in the pipeline's
 * order) that is not a lost one.
 */
export async function readFlow(db: Client, scope: RecordScope, pipeline: string, def: PipelineDef): Promise<StageFlow[]> {
  const where = historyScope(scope);
  const open = def.stages.flatMap((s, i) => (s.kind === 'open' ? [{ key: s.key, i }] : []));
  if (open.length === 0) return [];
  // Stages after an open one that count as progress: later in the pipeline's order, and not lost.
  const later = (i: number) => def.stages.filter((s, j) => j > i && s.kind !== 'lost').map((s) => s.key);
  const marks = (keys: string[]) => keys.map(() => '?').join(', ') || 'NULL';
  // One pass over each record's history (grouped along the record index): per open stage, its first entry and the
  // last entry of a later stage; the record advanced from that stage when the second comes after the first.
  const perRecord = open.map(
    (s, n) => `min(CASE WHEN h.stage = ? THEN h.seq END) AS f${n}, max(CASE WHEN h.stage IN (${marks(later(s.i))}) THEN h.seq END) AS l${n}`,
  );
  const perStage = open.map((_, n) => `count(f${n}) AS e${n}, total(l${n} > f${n}) AS a${n}`);
  const row = (
    await db.execute({
      sql: `SELECT ${perStage.join(', ')} FROM (
              SELECT ${perRecord.join(', ')} FROM stage_history h
              WHERE h.tenant_id = ? AND h.pipeline = ? AND ${where.sql} GROUP BY h.record_id)`,
      args: [...open.flatMap((s) => [s.key, ...later(s.i)]), scope.tenantId, pipeline, ...where.args],
    })
  ).rows[0]!;
  return open.map((s, n) => ({ stage: s.key, entered: Number(row[`e${n}`]), advanced: Number(row[`a${n}`]) }));
}
