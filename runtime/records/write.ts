import type { Transaction } from '@libsql/client';
import type { Actor } from '../access/policy.ts';
import { claimFiles } from '../attachments/claim.ts';
import { audit, changedFields } from '../audit/log.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import { factsOf, rollupsOf, withFormulas } from '../browser-safe/calculated.ts';
import { newId } from '../db/ids.ts';
import { Problem } from '../http/problem.ts';
import { enterStage, leaveStage } from '../pipelines/history.ts';
import { followServiceLevels, startServiceLevels } from '../service-levels/track.ts';
import { figureColumns } from './report-figures.ts';
import { writeLinks } from './links.ts';
import { freshRollups, recalculate, recomputed, rollupParents, type Side } from './rollups.ts';
import { automationRow, indexRecord, type RecordRow } from './store.ts';
import { addEntry, type TimelineKind } from './timeline.ts';

/**
 * THE write path for records. Workflows, pipelines and the record routes decide what changes; these functions commit it,
 * inside the caller's write transaction: configuration version check, the row written under its version guard, search
 * index, the files of file fields (claimed or refused), stage history, workflow timers, service level clocks, calculated
 * fields and the roll-ups of the records it points at, timeline and audit — all or nothing.
 */

/** Where a write happens: the open transaction, the tenant's configuration version it was decided under, who acts, the clock. */
export interface WriteContext {
  tx: Transaction;
  tenantId: string;
  bundle: Bundle;
  configVersion: number;
  /** Who acts; null for automation (a timer). */
  actorId: string | null;
  now: number;
}

/** The context of a person's write. */
export const writeContext = (tx: Transaction, actor: Pick<Actor, 'tenantId' | 'bundle' | 'configVersion' | 'userId'>, now: number): WriteContext => ({
  tx,
  tenantId: actor.tenantId,
  bundle: actor.bundle,
  configVersion: actor.configVersion,
  actorId: actor.userId,
  now,
});

/** A workflow timer to set or clear for the record (XState's delayed events). */
export type TimerChange = { kind: 'schedule'; event: string; delayMs: number } | { kind: 'cancel'; event: string };

/** A timeline entry to add; `actorId` undefined means the write's actor. */
export interface Entry {
  kind: TimelineKind;
  data: Record<string, unknown>;
  actorId?: string | null;
}

/** The stage a record enters. */
export interface StageChange {
  pipeline: string;
  key: string;
  probability: number;
  closeReason?: string | null;
}

/** The workflow state a record enters, XState's snapshot of it, and when it entered each state it is in. */
export interface StateChange {
  key: string;
  snapshot: Record<string, unknown>;
  entered: Record<string, number>;
}

/** What one write does to a record. Only the parts given change; `timeline` and `audit` say what happened. */
export interface Change {
  data?: Record<string, unknown>;
  owner?: { userId: string; team: string | null };
  state?: StateChange;
  stage?: StageChange;
  timers?: TimerChange[];
  timeline: Entry[];
  audit: { action: string; changes: Record<string, unknown> };
}

/** The 412 of every record write whose If-Match (or the version read) is no longer the record's. */
export const stale = () => new Problem(412, 'This record was changed by someone else since you read it.');

/**
 * 409 when another configuration version was published since the write was decided, so no write can put a record
 * into a state or stage that publish has just removed (publish checks records in the same way).
 */
async function sameConfig(ctx: WriteContext): Promise<void> {
  const row = (await ctx.tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [ctx.tenantId] })).rows[0];
  if (Number(row?.config_version) !== ctx.configVersion) throw new Problem(409, 'The configuration was changed while you worked; reload and try again.');
}

/** Who owned and created a record: its audit events are read within these scopes. */
export const auditTag = (r: Pick<RecordRow, 'entity' | 'ownerId' | 'createdBy' | 'team'>) => ({
  entity: r.entity,
  ownerId: r.ownerId,
  createdBy: r.createdBy,
  team: r.team,
});

async function applyTimers(ctx: WriteContext, recordId: string, timers: TimerChange[]): Promise<void> {
  for (const t of timers) {
    if (t.kind === 'schedule') {
      await ctx.tx.execute({
        sql: 'INSERT INTO workflow_timers (tenant_id, record_id, timer, due_at, created_at) VALUES (?, ?, ?, ?, ?)',
        args: [ctx.tenantId, recordId, t.event, ctx.now + t.delayMs, ctx.now],
      });
    } else {
      await ctx.tx.execute({ sql: 'DELETE FROM workflow_timers WHERE tenant_id = ? AND record_id = ? AND timer = ?', args: [ctx.tenantId, recordId, t.event] });
    }
  }
}

async function addEntries(ctx: WriteContext, recordId: string, entries: Entry[]): Promise<void> {
  for (const e of entries) await addEntry(ctx.tx, ctx.tenantId, recordId, e.actorId === undefined ? ctx.actorId : e.actorId, e.kind, e.data, ctx.now);
}

/** A record to create, with what its workflow and pipeline decided it starts as. */
export interface NewRecord {
  /** Chosen by the caller when other new records must point at it (a conversion); a fresh one otherwise. */
  id?: string;
  entity: string;
  data: Record<string, unknown>;
  owner: { userId: string; team: string | null };
  createdBy: string;
  state?: StateChange;
  stage?: StageChange;
  timers?: TimerChange[];
  /** Entries after "created" (what the workflow's first step did). */
  timeline?: Entry[];
}

/** Creates a record; returns its id. */
export async function insertRecord(ctx: WriteContext, n: NewRecord): Promise<string> {
  await sameConfig(ctx);
  const id = n.id ?? newId();
  const row = { entity: n.entity, ownerId: n.owner.userId, createdBy: n.createdBy, team: n.owner.team };
  const def = ctx.bundle.entities[n.entity]!;
  const schema = def.form.schema;
  const facts = factsOf(ctx.bundle, { pipeline: n.stage?.pipeline, stage: n.stage?.key, state: n.state?.key });
  const data = withFormulas(def, freshRollups(ctx.bundle, n.entity, n.data), facts, new Date(ctx.now));
  const figures = figureColumns(schema, data);
  const inserted = await ctx.tx.execute({
    sql: `INSERT INTO records (tenant_id, id, entity, data, amount, close_month, owner_id, created_by, team, pipeline, stage, state, snapshot, entered, workflow_version, config_version, version, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    args: [
      ctx.tenantId,
      id,
      n.entity,
      JSON.stringify(data),
      figures.amount,
      figures.close_month,
      row.ownerId,
      row.createdBy,
      row.team,
      n.stage?.pipeline ?? null,
      n.stage?.key ?? null,
      n.state?.key ?? null,
      n.state ? JSON.stringify(n.state.snapshot) : null,
      n.state ? JSON.stringify(n.state.entered) : null,
      n.state ? ctx.configVersion : null,
      ctx.configVersion,
      ctx.now,
      ctx.now,
    ],
  });
  await indexRecord(ctx.tx, inserted.lastInsertRowid!, schema, data, { tenantId: ctx.tenantId, ...row, sharedWith: [] });
  await writeLinks(ctx.tx, ctx.tenantId, n.entity, id, def, data);
  if (n.stage)
    await enterStage(
      ctx.tx,
      { tenantId: ctx.tenantId, entity: n.entity, recordId: id, pipeline: n.stage.pipeline, stage: n.stage.key, probability: n.stage.probability },
      n.createdBy,
      ctx.now,
    );
  await applyTimers(ctx, id, n.timers ?? []);
  await startServiceLevels(ctx, { id, entity: n.entity, data, state: n.state?.key ?? null });
  const changes = changedFields({}, data);
  await addEntries(ctx, id, [{ kind: 'created', data: { changes }, actorId: n.createdBy }, ...(n.timeline ?? [])]);
  // After "created", so the timeline says the record was made, then what was attached to it.
  await claimFiles(ctx, schema, { id, ...row }, {}, data);
  await audit(
    ctx.tx,
    {
      tenantId: ctx.tenantId,
      actorId: ctx.actorId ?? n.createdBy,
      action: 'record.created',
      targetType: 'record',
      targetId: id,
      record: auditTag(row),
      changes,
    },
    ctx.now,
  );
  await followRollups(ctx, n.entity, null, { data, facts }, 0);
  return id;
}

/**
 * Writes one change to a record read at `record.version`: 412 when it changed meanwhile. Returns the new version.
 * The configuration version is stamped when data or state were judged under it.
 */
export const commitChange = (ctx: WriteContext, record: RecordRow, change: Change): Promise<number> => commit(ctx, record, change, 0);

/** `commitChange` at `depth` roll-ups away from the write a person or automation made. */
async function commit(ctx: WriteContext, record: RecordRow, given: Change, depth: number): Promise<number> {
  await sameConfig(ctx);
  const def = ctx.bundle.entities[record.entity]!;
  const factsBefore = factsOf(ctx.bundle, record);
  const facts = factsOf(ctx.bundle, {
    pipeline: given.stage?.pipeline ?? record.pipeline,
    stage: given.stage?.key ?? record.stage,
    state: given.state?.key ?? record.state,
  });
  // Calculated fields follow new data, and the stage or state they may read.
  const computed = given.data || given.stage || given.state ? withFormulas(def, given.data ?? record.data, facts, new Date(ctx.now)) : undefined;
  const change = computed && (given.data || JSON.stringify(computed) !== JSON.stringify(record.data)) ? { ...given, data: computed } : given;
  const after = {
    ...record,
    data: change.data ?? record.data,
    ownerId: change.owner?.userId ?? record.ownerId,
    team: change.owner ? change.owner.team : record.team,
  };
  const columns: Record<string, string | number | null> = {};
  if (change.data) Object.assign(columns, { data: JSON.stringify(change.data), ...figureColumns(def.form.schema, change.data) });
  if (change.owner) Object.assign(columns, { owner_id: change.owner.userId, team: change.owner.team });
  if (change.stage) Object.assign(columns, { pipeline: change.stage.pipeline, stage: change.stage.key });
  if (change.state)
    Object.assign(columns, {
      state: change.state.key,
      snapshot: JSON.stringify(change.state.snapshot),
      entered: JSON.stringify(change.state.entered),
      workflow_version: ctx.configVersion,
    });
  if (change.data || change.state) columns.config_version = ctx.configVersion;
  columns.updated_at = ctx.now;
  const updated = await ctx.tx.execute({
    sql: `UPDATE records SET ${Object.keys(columns)
      .map((c) => `${c} = ?`)
      .join(', ')}, version = version + 1 WHERE seq = ? AND version = ?`,
    args: [...Object.values(columns), record.seq, record.version],
  });
  if (updated.rowsAffected === 0) throw stale();
  if (change.data) {
    await claimFiles(ctx, def.form.schema, { id: record.id, ...auditTag(after) }, record.data, change.data);
    await writeLinks(ctx.tx, ctx.tenantId, record.entity, record.id, def, change.data);
  }
  if (JSON.stringify(after.data) !== JSON.stringify(record.data) || after.ownerId !== record.ownerId || after.team !== record.team) {
    await indexRecord(ctx.tx, record.seq, def.form.schema, after.data, { tenantId: ctx.tenantId, ...auditTag(after) });
  }
  if (change.stage) {
    await leaveStage(ctx.tx, ctx.tenantId, record.id, ctx.actorId, ctx.now);
    await enterStage(
      ctx.tx,
      {
        tenantId: ctx.tenantId,
        entity: record.entity,
        recordId: record.id,
        pipeline: change.stage.pipeline,
        stage: change.stage.key,
        probability: change.stage.probability,
        closeReason: change.stage.closeReason,
      },
      ctx.actorId,
      ctx.now,
    );
  }
  await applyTimers(ctx, record.id, change.timers ?? []);
  await followServiceLevels(ctx, record, { ...record, data: after.data, state: change.state?.key ?? record.state });
  await addEntries(ctx, record.id, change.timeline);
  if (change.data || change.stage || change.state)
    await followRollups(ctx, record.entity, { data: record.data, facts: factsBefore }, { data: after.data, facts }, depth);
  // Tagged with who owns it afterwards, who can then read the event.
  await audit(
    ctx.tx,
    {
      tenantId: ctx.tenantId,
      actorId: ctx.actorId,
      action: change.audit.action,
      targetType: 'record',
      targetId: record.id,
      record: auditTag(after),
      changes: change.audit.changes,
    },
    ctx.now,
  );
  return record.version + 1;
}

/** How many roll-ups deep a write may recalculate: roll-ups over roll-ups settle long before; a circle of them stops here. */
const ROLLUP_DEPTH = 8;

/**
 * After a record of `entity` was written, created (`before` null) or deleted (`after` null): the roll-ups over it on the
 * records it pointed and points at are brought up to date, each such record changed through this same path.
 */
export async function followRollups(ctx: WriteContext, entity: string, before: Side, after: Side, depth = 0): Promise<void> {
  if (depth >= ROLLUP_DEPTH) return;
  for (const id of rollupParents(ctx.bundle, entity, before, after)) {
    // Read just before its change: following an earlier one may have changed it (roll-ups over roll-ups).
    const r = await recalculate(ctx.tx, ctx.bundle, ctx.tenantId, id, entity, before, after, new Date(ctx.now));
    if (r) await commit(ctx, r.row, { data: r.data, timeline: [], audit: { action: 'record.recalculated', changes: r.changes } }, depth + 1);
  }
}

/** Record `id`'s calculated fields computed again from everything they read (back from the recycle bin, or their definitions changed). */
export async function recomputeCalculations(ctx: WriteContext, id: string): Promise<boolean> {
  const row = await automationRow(ctx.tx, ctx.tenantId, id);
  if (!row) return false;
  const data = await recomputed(ctx.tx, ctx.bundle, ctx.tenantId, row, rollupsOf(ctx.bundle.entities[row.entity]!), new Date(ctx.now));
  const changes = changedFields(row.data, data);
  if (!Object.keys(changes).length) return false;
  await commitChange(ctx, row, { data, timeline: [], audit: { action: 'record.recalculated', changes } });
  return true;
}
