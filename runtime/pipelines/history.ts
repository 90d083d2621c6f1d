import type { Client, Transaction } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';
import type { PipelineDef } from '../browser-safe/bundle.ts';

/** A stage a record enters: which one, at what probability, and why when it closes the deal. */
export interface StageEntry {
  tenantId: string;
  entity: string;
  recordId: string;
  pipeline: string;
  stage: string;
  probability: number;
  closeReason?: string | null;
}

/** Opens a record's row for the stage it enters, inside the caller's transaction. */
export async function enterStage(tx: Transaction, entry: StageEntry, actorId: string | null, now: number): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO stage_history (tenant_id, entity, record_id, pipeline, stage, probability, entered_at, entered_by, close_reason)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [entry.tenantId, entry.entity, entry.recordId, entry.pipeline, entry.stage, entry.probability, now, actorId, entry.closeReason ?? null],
  });
}

/** Closes a record's open row (if any), inside the caller's transaction. */
export async function leaveStage(tx: Transaction, tenantId: string, recordId: string, actorId: string | null, now: number): Promise<void> {
  await tx.execute({
    sql: 'UPDATE stage_history SET left_at = ?, left_by = ? WHERE tenant_id = ? AND record_id = ? AND left_at IS NULL',
    args: [now, actorId, tenantId, recordId],
  });
}

/**
 * After records of `entity` changed pipeline or stage in bulk (a publish mapping removed stages): closes every
 * open row that no longer matches its record, and opens one, at the new version's probability, for each record
 * in a stage without an open row. Runs inside the publishing transaction.
 */
export async function reconcileHistory(
  tx: Transaction,
  tenantId: string,
  entity: string,
  pipelines: Record<string, PipelineDef>,
  actorId: string | null,
  now: number,
): Promise<void> {
  await tx.execute({
    sql: `UPDATE stage_history AS h SET left_at = ?, left_by = ?
          WHERE h.tenant_id = ? AND h.left_at IS NULL
            AND h.record_id IN (SELECT r.id FROM records r WHERE r.tenant_id = ? AND r.entity = ?)
            AND NOT EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = h.tenant_id AND r.id = h.record_id AND r.pipeline = h.pipeline AND r.stage = h.stage)`,
    args: [now, actorId, tenantId, tenantId, entity],
  });
  // Probabilities of the new version, as [{pipeline, stage, probability}].
  const probabilities = Object.entries(pipelines).flatMap(([pipeline, def]) => def.stages.map((s) => ({ pipeline, stage: s.key, probability: s.probability })));
  await tx.execute({
    sql: `INSERT INTO stage_history (tenant_id, entity, record_id, pipeline, stage, probability, entered_at, entered_by)
          SELECT r.tenant_id, r.entity, r.id, r.pipeline, r.stage,
            (SELECT p.value ->> '$.probability' FROM json_each(?) p WHERE p.value ->> '$.pipeline' = r.pipeline AND p.value ->> '$.stage' = r.stage), ?, ?
          FROM records r
          WHERE r.tenant_id = ? AND r.entity = ? AND r.pipeline IS NOT NULL AND r.stage IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM stage_history h WHERE h.tenant_id = r.tenant_id AND h.record_id = r.id AND h.left_at IS NULL)
          ORDER BY r.seq`,
    args: [JSON.stringify(probabilities), now, actorId, tenantId, entity],
  });
}

const person = (id: unknown, name: unknown) => (id === null ? null : { id: String(id), name: String(name ?? '') });
const iso = (ms: unknown) => (ms === null ? null : new Date(Number(ms)).toISOString());

/**
 * A record's stage history, oldest first, for a reader who may already read the record (the scope keeps the
 * query inside the reader's tenant). `durationMs` is the time spent in a stage the record has left.
 */
export async function readHistory(db: Client, scope: RecordScope, recordId: string, pipelines: Record<string, PipelineDef>) {
  // The read itself is scoped: a record outside `scope` has no history to show, whoever calls this.
  const where = scopeSql(scope);
  const rows = (
    await db.execute({
      sql: `SELECT h.pipeline, h.stage, h.probability, h.entered_at, h.entered_by, eu.name AS entered_name, h.left_at, h.left_by, lu.name AS left_name, h.close_reason
            FROM stage_history h LEFT JOIN users eu ON eu.id = h.entered_by LEFT JOIN users lu ON lu.id = h.left_by
            WHERE h.tenant_id = ? AND h.record_id = ? AND h.record_id IN (SELECT r.id FROM records r WHERE ${where.sql}) ORDER BY h.seq`,
      args: [scope.tenantId, recordId, ...where.args],
    })
  ).rows;
  return rows.map((r) => {
    const pipeline = String(r.pipeline);
    const stage = String(r.stage);
    // Labels from the current version; a stage it removed keeps its key.
    const def = Object.hasOwn(pipelines, pipeline) ? pipelines[pipeline]!.stages.find((s) => s.key === stage) : undefined;
    return {
      pipeline,
      stage,
      label: def?.label ?? stage,
      probability: r.probability === null ? null : Number(r.probability),
      enteredAt: iso(r.entered_at)!,
      enteredBy: person(r.entered_by, r.entered_name),
      leftAt: iso(r.left_at),
      leftBy: person(r.left_by, r.left_name),
      closeReason: r.close_reason === null ? null : String(r.close_reason),
      durationMs: r.left_at === null ? null : Number(r.left_at) - Number(r.entered_at),
    };
  });
}
