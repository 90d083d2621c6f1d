import type { Transaction } from '@libsql/client';
import { deleteRecordFiles } from '../attachments/store.ts';
import { entityPipelines } from '../browser-safe/bundle.ts';
import { leafStates } from '../browser-safe/workflow-definition.ts';
import type { Db } from '../db/client.ts';
import { audit, changedFields } from '../audit/log.ts';
import { Problem } from '../http/problem.ts';
import { binServiceLevels, restoreServiceLevels } from '../service-levels/track.ts';
import { forgetSla } from '../service-levels/store.ts';
import { indexRecord, unindexRecord, type RecordRow } from './store.ts';
import { addEntry } from './timeline.ts';
import { factsOf } from '../browser-safe/calculated.ts';
import { dropLinks, writeLinks } from './links.ts';
import { clearReferences, refuseIfReferenced, restoreReferences, type Cleared } from './on-delete.ts';
import { auditTag, followRollups, recomputeCalculations, stale, type WriteContext } from './write.ts';

/** How long a deleted record can be restored. */
export const BIN_DAYS = 30;
const DAY = 86_400_000;

// The columns of `records` a deleted record keeps in `deleted_records.row`, besides those of its scope.
const KEPT = [
  'data',
  'amount',
  'close_month',
  'pipeline',
  'stage',
  'state',
  'snapshot',
  'entered',
  'workflow_version',
  'config_version',
  'version',
  'created_at',
];
const HISTORY = ['entity', 'pipeline', 'stage', 'probability', 'entered_at', 'entered_by', 'left_at', 'left_by', 'close_reason'];
const TIMERS = ['timer', 'due_at', 'attempts', 'last_error', 'created_at'];
const SHARES = ['id', 'entity', 'record_id', 'user_id', 'team', 'access', 'until', 'created_by', 'created_at'];

const pairs = (columns: string[], alias: string) => columns.map((c) => `'${c}', ${alias}.${c}`).join(', ');
const rows = (columns: string[], table: string, order: string) =>
  `(SELECT json_group_array(json_object(${pairs(columns, 'x')})) FROM (SELECT * FROM ${table} x WHERE x.tenant_id = r.tenant_id AND ${order}) x)`;

/**
 * Deletes a record read at `record.version` (412 when it changed meanwhile) into the recycle bin: out of `records`, the
 * search index, stage history and timers — so no read path meets it and reports no longer count it — into one
 * `deleted_records` row, restorable for {@link BIN_DAYS} days. The audit keeps its data. References to it that refuse
 * its deletion make it a 409; those that clear are cleared, and remembered for a restore.
 */
export async function deleteRecord(ctx: WriteContext, record: RecordRow): Promise<void> {
  await refuseIfReferenced(ctx, record);
  const kept = await ctx.tx.execute({
    sql: `INSERT INTO deleted_records (tenant_id, id, seq, entity, owner_id, created_by, team, row, history, timers, shares, deleted_at, deleted_by)
          SELECT r.tenant_id, r.id, r.seq, r.entity, r.owner_id, r.created_by, r.team, json_object(${pairs(KEPT, 'r')}),
            ${rows(HISTORY, 'stage_history', 'x.record_id = r.id ORDER BY x.seq')},
            ${rows(TIMERS, 'workflow_timers', 'x.record_id = r.id ORDER BY x.id')},
            ${rows(SHARES, 'record_shares', 'x.record_seq = r.seq')}, ?, ?
          FROM records r WHERE r.seq = ? AND r.version = ?`,
    args: [ctx.now, ctx.actorId, record.seq, record.version],
  });
  if (kept.rowsAffected === 0) throw stale();
  // Its stage history goes with it (a trigger of migration 031).
  await ctx.tx.execute({ sql: 'DELETE FROM records WHERE seq = ?', args: [record.seq] });
  // Cleared once it is gone, so the roll-ups the referring records follow skip it rather than change it.
  const cleared = await clearReferences(ctx, record);
  await ctx.tx.execute({
    sql: 'UPDATE deleted_records SET cleared = ? WHERE tenant_id = ? AND id = ?',
    args: [JSON.stringify(cleared), ctx.tenantId, record.id],
  });
  await unindexRecord(ctx.tx, record.seq);
  await dropLinks(ctx.tx, ctx.tenantId, record.id);
  await ctx.tx.execute({ sql: 'DELETE FROM workflow_timers WHERE tenant_id = ? AND record_id = ?', args: [ctx.tenantId, record.id] });
  // Its service level clocks stay with it, standing still, and run again if it is restored.
  await binServiceLevels(ctx, record);
  await followRollups(ctx, record.entity, { data: record.data, facts: factsOf(ctx.bundle, record) }, null);
  await audit(
    ctx.tx,
    {
      tenantId: ctx.tenantId,
      actorId: ctx.actorId,
      action: 'record.deleted',
      targetType: 'record',
      targetId: record.id,
      record: auditTag(record),
      changes: changedFields(record.data, {}),
    },
    ctx.now,
  );
}

/** A record in the bin, as the restore and purge need it. */
export interface BinnedRecord {
  id: string;
  entity: string;
  ownerId: string;
  createdBy: string;
  team: string | null;
  data: Record<string, unknown>;
  state: string | null;
  pipeline: string | null;
  stage: string | null;
}

/** Why a binned record cannot come back under the published configuration; undefined when it can. */
function gone(ctx: WriteContext, r: BinnedRecord): string | undefined {
  const def = ctx.bundle.entities[r.entity];
  if (!def) return 'Its kind of record no longer exists.';
  const workflow = def.workflow === undefined ? undefined : ctx.bundle.workflows[def.workflow];
  if (r.state !== null && !(workflow && leafStates(workflow).some((s) => s.path === r.state)))
    return 'The status it was in no longer exists; restore it after adding that status back.';
  const pipeline = r.pipeline === null ? undefined : ctx.bundle.pipelines[r.pipeline];
  if (r.stage !== null && !(pipeline && entityPipelines(def).includes(r.pipeline!) && pipeline.stages.some((s) => s.key === r.stage)))
    return 'The stage it was in no longer exists; restore it after adding that stage back.';
  return undefined;
}

const column = (name: string) => (name === 'version' ? `(d.row ->> '$.version') + 1` : `d.row ->> '$.${name}'`);
const fromJson = (columns: string[]) => columns.map((c) => `value ->> '$.${c}'`).join(', ');
/** The binned record's row, or (with a part) each of its kept rows of that part. */
const binned = (part?: 'history' | 'timers' | 'shares') => `FROM deleted_records d${part ? `, json_each(d.${part})` : ''} WHERE d.tenant_id = ? AND d.id = ?`;

/** Puts a binned record back as it was (one version later), with its stage history, timers and shares; 409 when its state or stage is gone. */
export async function restoreRecord(ctx: WriteContext, r: BinnedRecord): Promise<void> {
  const why = gone(ctx, r);
  if (why) throw new Problem(409, why);
  const key = [ctx.tenantId, r.id];
  const inserted = await ctx.tx.execute({
    sql: `INSERT INTO records (tenant_id, id, entity, owner_id, created_by, team, ${KEPT.join(', ')}, updated_at)
          SELECT d.tenant_id, d.id, d.entity, d.owner_id, d.created_by, d.team, ${KEPT.map(column).join(', ')}, ? ${binned()}`,
    args: [ctx.now, ...key],
  });
  const seq = inserted.lastInsertRowid!;
  // History in its order, so the reports' triggers count what it reached as when it happened.
  await ctx.tx.execute({
    sql: `INSERT INTO stage_history (tenant_id, record_id, ${HISTORY.join(', ')}) SELECT d.tenant_id, d.id, ${fromJson(HISTORY)} ${binned('history')} ORDER BY key`,
    args: key,
  });
  await ctx.tx.execute({
    sql: `INSERT INTO workflow_timers (tenant_id, record_id, ${TIMERS.join(', ')}) SELECT d.tenant_id, d.id, ${fromJson(TIMERS)} ${binned('timers')}`,
    args: key,
  });
  await ctx.tx.execute({
    sql: `INSERT INTO record_shares (tenant_id, record_seq, ${SHARES.join(', ')}) SELECT d.tenant_id, ?, ${fromJson(SHARES)} ${binned('shares')}`,
    args: [seq, ...key],
  });
  const def = ctx.bundle.entities[r.entity]!;
  await indexRecord(ctx.tx, seq, def.form.schema, r.data, { tenantId: ctx.tenantId, ...auditTag(r) });
  await writeLinks(ctx.tx, ctx.tenantId, r.entity, r.id, def, r.data);
  const cleared = (await ctx.tx.execute({ sql: `SELECT d.cleared ${binned()}`, args: key })).rows[0]!.cleared;
  await ctx.tx.execute({ sql: 'DELETE FROM deleted_records WHERE tenant_id = ? AND id = ?', args: key });
  await restoreServiceLevels(ctx, r);
  await followRollups(ctx, r.entity, null, { data: r.data, facts: factsOf(ctx.bundle, r) });
  // Its own roll-ups stood still in the bin while what they count changed: computed again, before what its deletion
  // cleared points at it again (each of those then counts once more).
  await recomputeCalculations(ctx, r.id);
  await restoreReferences(ctx, r.id, JSON.parse(String(cleared)) as Cleared[]);
  await addEntry(ctx.tx, ctx.tenantId, r.id, ctx.actorId, 'restored', {}, ctx.now);
  await audit(
    ctx.tx,
    { tenantId: ctx.tenantId, actorId: ctx.actorId, action: 'record.restored', targetType: 'record', targetId: r.id, record: auditTag(r) },
    ctx.now,
  );
}

/** Deletes a binned record for good, with everything that was kept for it and its files. */
export async function purgeRecord(
  tx: Transaction,
  tenantId: string,
  r: Pick<BinnedRecord, 'id' | 'entity' | 'ownerId' | 'createdBy' | 'team'>,
  actorId: string | null,
  now: number,
) {
  await tx.execute({ sql: 'DELETE FROM deleted_records WHERE tenant_id = ? AND id = ?', args: [tenantId, r.id] });
  // Mail filed on it stays filed on its other records; mail filed on it alone goes back to the unfiled list.
  for (const table of ['timeline', 'tasks', 'notifications', 'email_links']) {
    await tx.execute({ sql: `DELETE FROM ${table} WHERE tenant_id = ? AND record_id = ?`, args: [tenantId, r.id] });
  }
  // Its files stayed while it could come back; now they go, bytes and all.
  await deleteRecordFiles(tx, tenantId, r.id);
  await forgetSla(tx, tenantId, r.id);
  await audit(tx, { tenantId, actorId, action: 'record.purged', targetType: 'record', targetId: r.id, record: auditTag(r) }, now);
}

/** Purges what has been in the bin longer than {@link BIN_DAYS}, a hundred records per transaction; returns how many. */
export async function emptyBins(db: Db, now: number): Promise<number> {
  let purged = 0;
  for (;;) {
    const n = await db.write(async (tx) => {
      const old = await tx.execute({
        sql: 'SELECT tenant_id, id, entity, owner_id, created_by, team FROM deleted_records WHERE deleted_at < ? LIMIT 100',
        args: [now - BIN_DAYS * DAY],
      });
      for (const row of old.rows) {
        const r = {
          id: String(row.id),
          entity: String(row.entity),
          ownerId: String(row.owner_id),
          createdBy: String(row.created_by),
          team: row.team === null ? null : String(row.team),
        };
        await purgeRecord(tx, String(row.tenant_id), r, null, now);
      }
      return old.rows.length;
    });
    purged += n;
    if (n < 100) return purged;
  }
}
