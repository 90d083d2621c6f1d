import type { Transaction } from '@libsql/client';
import { entityPipelines, type Bundle, type FormSchema } from '../browser-safe/bundle.ts';
import { reportFields } from '../browser-safe/report-fields.ts';
import { stableJson } from '../browser-safe/stable-json.ts';
import type { Db } from '../db/client.ts';

/**
 * The per-record inputs of the pipeline report that depend on the configuration (migration 013 keeps the sums over
 * them): the amount and close month of a record, by the report convention's fields. Written with every record.
 */
export function figureColumns(schema: FormSchema, data: Record<string, unknown>): { amount: number | null; close_month: string | null } {
  const { amountField, closeDateField } = reportFields(schema, new Set());
  const amount = amountField === null ? undefined : data[amountField];
  const close = closeDateField === null ? undefined : data[closeDateField];
  return {
    amount: typeof amount === 'number' && Number.isFinite(amount) ? amount : null,
    close_month: typeof close === 'string' && /^\d{4}-\d{2}-\d{2}/.test(close) ? close.slice(0, 7) : null,
  };
}

/** What the kept figures of `entity` depend on in a configuration: the report's fields and its pipelines' stage order. */
function fingerprint(bundle: Bundle, entity: string): string {
  const def = bundle.entities[entity]!;
  const pipelines = entityPipelines(def).map((key) => [key, bundle.pipelines[key]?.stages.map((s) => [s.key, s.kind]) ?? []]);
  return stableJson({ fields: reportFields(def.form.schema, new Set()), pipelines });
}

// Field keys are identifiers by the form schema's own pattern, so they fit a JSON path as they are.
const path = (field: string | null) => (field === null ? '$.__none__' : `$.${field}`);

/**
 * Computes the kept figures of a tenant's `entity` again for `bundle` — amounts and close months from each record's
 * data, the stage order, whether each record advanced from each stage it entered — changing only rows whose value
 * differs (the triggers then keep the sums), and records the configuration they now follow.
 */
async function refigure(tx: Transaction, tenantId: string, entity: string, bundle: Bundle, print: string): Promise<void> {
  const { amountField, closeDateField } = reportFields(bundle.entities[entity]!.form.schema, new Set());
  const amount = `CASE WHEN json_type(data, '${path(amountField)}') IN ('integer', 'real') THEN json_extract(data, '${path(amountField)}') END`;
  const month = `CASE WHEN json_type(data, '${path(closeDateField)}') = 'text' AND json_extract(data, '${path(closeDateField)}') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                   THEN substr(json_extract(data, '${path(closeDateField)}'), 1, 7) END`;
  await tx.execute({
    sql: `UPDATE records SET amount = ${amount}, close_month = ${month}
          WHERE tenant_id = ? AND entity = ? AND (amount IS NOT ${amount} OR close_month IS NOT ${month})`,
    args: [tenantId, entity],
  });
  for (const key of entityPipelines(bundle.entities[entity]!)) {
    const stages = bundle.pipelines[key]?.stages ?? [];
    await tx.execute({ sql: 'DELETE FROM stage_positions WHERE tenant_id = ? AND pipeline = ?', args: [tenantId, key] });
    await tx.execute({
      sql: `INSERT INTO stage_positions (tenant_id, pipeline, stage, position, lost)
            SELECT ?, ?, value ->> '$.stage', value ->> '$.position', value ->> '$.lost' FROM json_each(?)`,
      args: [tenantId, key, JSON.stringify(stages.map((s, position) => ({ stage: s.key, position, lost: s.kind === 'lost' ? 1 : 0 })))],
    });
  }
  // A record advanced from a stage when a history row after its first entry is a later stage that is not a lost one.
  await tx.execute({
    sql: `UPDATE stage_reach AS x SET advanced = 1 - advanced
          WHERE x.tenant_id = ? AND x.entity = ? AND x.advanced != EXISTS (
            SELECT 1 FROM stage_history h
              JOIN stage_positions n ON n.tenant_id = h.tenant_id AND n.pipeline = h.pipeline AND n.stage = h.stage
              JOIN stage_positions e ON e.tenant_id = x.tenant_id AND e.pipeline = x.pipeline AND e.stage = x.stage
            WHERE h.tenant_id = x.tenant_id AND h.record_id = x.record_id AND h.pipeline = x.pipeline AND h.seq > x.first_seq
              AND n.lost = 0 AND n.position > e.position)`,
    args: [tenantId, entity],
  });
  await tx.execute({
    sql: `INSERT INTO report_figured (tenant_id, entity, fingerprint) VALUES (?, ?, ?)
          ON CONFLICT (tenant_id, entity) DO UPDATE SET fingerprint = excluded.fingerprint`,
    args: [tenantId, entity, print],
  });
}

/**
 * Makes sure the kept figures of a tenant's `entity` follow `bundle` (its published configuration) before a report
 * reads them: one key lookup when they do; computed again, once, after a publish changed what they depend on
 * (and after the upgrade that introduced them).
 */
export async function ensureFigures(db: Db, tenantId: string, entity: string, bundle: Bundle): Promise<void> {
  const print = fingerprint(bundle, entity);
  const kept = async (read: Pick<Transaction, 'execute'>) =>
    (await read.execute({ sql: 'SELECT fingerprint FROM report_figured WHERE tenant_id = ? AND entity = ?', args: [tenantId, entity] })).rows[0]
      ?.fingerprint === print;
  if (await kept(db.client)) return;
  await db.write(async (tx) => {
    // Another request or process may have done it meanwhile.
    if (!(await kept(tx))) await refigure(tx, tenantId, entity, bundle, print);
  });
}
