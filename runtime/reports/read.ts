import type { Client } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';
import type { PipelineDef } from '../config/bundle.ts';
import type { ReportFields } from './fields.ts';

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
  const where = scopeSql(scope);
  const rows = (
    await db.execute({
      sql: `SELECT h.stage, count(*) AS n, total(h.left_at - h.entered_at) AS ms FROM stage_history h
            WHERE h.tenant_id = ? AND h.pipeline = ? AND h.left_at IS NOT NULL AND h.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})
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
  const where = scopeSql(scope);
  const order = JSON.stringify(def.stages.map((s, i) => ({ key: s.key, i, lost: s.kind === 'lost' ? 1 : 0 })));
  const rows = (
    await db.execute({
      sql: `WITH o AS (SELECT value ->> '$.key' AS key, value ->> '$.i' AS i, value ->> '$.lost' AS lost FROM json_each(?)),
            h AS (SELECT h.record_id, h.stage, h.seq, o.i, o.lost FROM stage_history h JOIN o ON o.key = h.stage
                  WHERE h.tenant_id = ? AND h.pipeline = ? AND h.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})),
            first AS (SELECT record_id, stage, i, min(seq) AS seq FROM h GROUP BY record_id, stage)
            SELECT f.stage, count(*) AS entered,
              sum(EXISTS (SELECT 1 FROM h AS later WHERE later.record_id = f.record_id AND later.seq > f.seq AND later.i > f.i AND later.lost = 0)) AS advanced
            FROM first f GROUP BY f.stage`,
      args: [order, scope.tenantId, pipeline, ...where.args],
    })
  ).rows;
  return rows.map((r) => ({ stage: String(r.stage), entered: Number(r.entered), advanced: Number(r.advanced) }));
}
