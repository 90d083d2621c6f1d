import type { Row, Transaction } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { can, type Actor } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import { changedFields } from '../audit/log.ts';
import { actorFromRow, MANAGED_SQL } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { Deps } from '../http/env.ts';
import { UNDO_DAYS } from './import-json.ts';
import { Problem, type FieldError } from '../http/problem.ts';
import { checkSentData, mergePatch, validateRecordData } from '../records/data.ts';
import { deleteRecord } from '../records/recycle-bin.ts';
import { getRecord } from '../records/store.ts';
import { commitChange, writeContext } from '../records/write.ts';
import { startRecord } from '../workflows/advance.ts';
import { findDuplicate } from './duplicates.ts';
import { rowData, type DuplicateRule, type Mapping } from './mapping.ts';
import { runEvery } from '../db/background.ts';

/** How an import is to be done: set when it is started. */
export interface ImportPlan {
  mapping: Mapping;
  duplicates: DuplicateRule;
}

const BATCH = 100;
const DAY = 86_400_000;
const LEASE_MS = 30_000;

const MEMBER_SQL = `SELECT m.user_id, m.tenant_id, 0 AS seen_at, u.name, u.email, m.role, m.extra_roles, m.team, ${MANAGED_SQL}, t.config_version
  FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id WHERE m.tenant_id = ? AND m.user_id = ? AND m.active = 1`;

/** The person who started an import as they are now (roles, teams, the published configuration); undefined once they left. */
async function importer(deps: Deps, tenantId: string, userId: string): Promise<Actor | undefined> {
  const row = (await deps.db.client.execute({ sql: MEMBER_SQL, args: [tenantId, userId] })).rows[0];
  return row ? actorFromRow(deps, row) : undefined;
}

/** What one row of an import did. */
type Outcome = { outcome: 'created' | 'updated' | 'skipped'; recordId: string; version?: number; before?: Record<string, unknown> };

const problemsOf = (e: unknown): FieldError[] =>
  e instanceof Problem ? (e.errors?.length ? e.errors : [{ path: '', message: e.detail }]) : [{ path: '', message: 'could not be written' }];

/** Writes one row through the one write path, as the importer would one at a time: the same checks, workflow start, audit. */
async function importRow(tx: Transaction, actor: Actor, entity: string, plan: ImportPlan, cells: string[], now: number): Promise<Outcome> {
  const def = actor.bundle.entities[entity];
  if (!def) throw new Problem(409, 'This kind of record no longer exists.');
  const { data, problems } = rowData(def, plan.mapping, cells);
  if (problems.length) throw new Problem(422, 'Some cells are not valid.', problems);
  const ctx = writeContext(tx, actor, now);
  const duplicate =
    plan.duplicates.match && plan.duplicates.then !== 'create' ? await findDuplicate(tx, actor, entity, plan.duplicates.match, data) : undefined;
  if (duplicate && plan.duplicates.then === 'skip') return { outcome: 'skipped', recordId: duplicate.id };
  if (duplicate) {
    if (!can(actor, 'update', entity, duplicate)) throw new Problem(403, 'Your role may not change the record this row matches.');
    const patch = await checkSentData(tx, actor, entity, def, data, duplicate.data);
    const merged = mergePatch(duplicate.data, patch);
    validateRecordData(actor, entity, def, merged);
    const changes = changedFields(duplicate.data, merged);
    if (Object.keys(changes).length === 0) return { outcome: 'skipped', recordId: duplicate.id };
    const version = await commitChange(ctx, duplicate, {
      data: merged,
      timeline: [{ kind: 'changed', data: { changes } }],
      audit: { action: 'record.updated', changes },
    });
    return { outcome: 'updated', recordId: duplicate.id, version, before: duplicate.data };
  }
  scopeFor(actor, 'create', entity);
  const sent = await checkSentData(tx, actor, entity, def, data, {});
  validateRecordData(actor, entity, def, sent);
  const id = await startRecord(ctx, {
    entity,
    data: sent,
    owner: { userId: actor.userId, team: actor.team },
    createdBy: actor.userId,
    firer: { userId: actor.userId, roles: actor.roleKeys },
  });
  return { outcome: 'created', recordId: id };
}

/** Takes back what one row did: its record deleted (to the recycle bin), or its data as it was — unless changed since. */
async function undoRow(tx: Transaction, actor: Actor, entity: string, row: Row, now: number): Promise<boolean> {
  const record = await getRecord(tx, scopeFor(actor, 'read', entity), String(row.record_id));
  if (!record) return false;
  const ctx = writeContext(tx, actor, now);
  if (row.outcome === 'created') {
    if (!can(actor, 'delete', entity, record)) return false;
    await deleteRecord(ctx, record);
    return true;
  }
  if (record.version !== Number(row.version) || !can(actor, 'update', entity, record)) return false;
  const before = JSON.parse(String(row.before)) as Record<string, unknown>;
  const changes = changedFields(record.data, before);
  await commitChange(ctx, record, { data: before, timeline: [{ kind: 'changed', data: { changes } }], audit: { action: 'record.updated', changes } });
  return true;
}

/** Each row in a savepoint: a failing row is rolled back alone, and the others of its batch stay. */
async function alone<T>(tx: Transaction, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await tx.execute('SAVEPOINT import_row');
  try {
    const value = await work();
    await tx.execute('RELEASE import_row');
    return { ok: true, value };
  } catch (error) {
    await tx.execute('ROLLBACK TO import_row');
    await tx.execute('RELEASE import_row');
    return { ok: false, error };
  }
}

/** The next batch of an import: rows written and their outcomes kept, counters and position moved on, in one transaction. */
async function importBatch(deps: Deps, job: Row, actor: Actor, owner: string) {
  const plan = JSON.parse(String(job.plan)) as ImportPlan;
  const from = Number(job.next_row);
  const rows = (
    await deps.db.client.execute({
      sql: 'SELECT n, cells FROM import_rows WHERE import_id = ? AND n >= ? ORDER BY n LIMIT ?',
      args: [String(job.id), from, BATCH],
    })
  ).rows;
  const now = deps.now();
  await deps.db.write(async (tx) => {
    const counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
    for (const row of rows) {
      const done = await alone(tx, () => importRow(tx, actor, String(job.entity), plan, JSON.parse(String(row.cells)), now));
      const outcome = done.ok ? done.value : { outcome: 'failed' as const, problems: problemsOf(done.error) };
      counts[outcome.outcome]++;
      await tx.execute({
        sql: 'INSERT INTO import_outcomes (import_id, n, outcome, record_id, version, before, problems) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [
          String(job.id),
          Number(row.n),
          outcome.outcome,
          'recordId' in outcome ? outcome.recordId : null,
          'version' in outcome ? (outcome.version ?? null) : null,
          'before' in outcome && outcome.before ? JSON.stringify(outcome.before) : null,
          'problems' in outcome ? JSON.stringify(outcome.problems) : null,
        ],
      });
    }
    const next = rows.length ? Number(rows.at(-1)!.n) + 1 : Number(job.rows);
    const finished = next >= Number(job.rows);
    await tx.execute({
      sql: `UPDATE imports SET next_row = ?, created = created + ?, updated = updated + ?, skipped = skipped + ?, failed = failed + ?,
              status = ?, finished_at = ?, lease_until = ? WHERE tenant_id = ? AND id = ? AND lease_owner = ?`,
      args: [
        next,
        counts.created,
        counts.updated,
        counts.skipped,
        counts.failed,
        finished ? 'done' : 'running',
        finished ? now : null,
        now + LEASE_MS,
        String(job.tenant_id),
        String(job.id),
        owner,
      ],
    });
  });
}

/** The next batch of an undo: newest rows first, each taken back unless its record changed since. */
async function undoBatch(deps: Deps, job: Row, actor: Actor, owner: string) {
  const rows = (
    await deps.db.client.execute({
      sql: "SELECT n, outcome, record_id, version, before FROM import_outcomes WHERE import_id = ? AND outcome IN ('created', 'updated') AND undone = 0 ORDER BY n DESC LIMIT ?",
      args: [String(job.id), BATCH],
    })
  ).rows;
  const now = deps.now();
  await deps.db.write(async (tx) => {
    let undone = 0;
    for (const row of rows) {
      const done = await alone(tx, () => undoRow(tx, actor, String(job.entity), row, now));
      if (done.ok && done.value) undone++;
      // Marked either way: a row that could not be taken back (changed since, or no longer allowed) is left as it is.
      await tx.execute({
        sql: 'UPDATE import_outcomes SET undone = ? WHERE import_id = ? AND n = ?',
        args: [done.ok && done.value ? 1 : -1, String(job.id), Number(row.n)],
      });
    }
    const finished = rows.length < BATCH;
    await tx.execute({
      sql: 'UPDATE imports SET undone = undone + ?, status = ?, finished_at = coalesce(?, finished_at), lease_until = ? WHERE tenant_id = ? AND id = ? AND lease_owner = ?',
      args: [undone, finished ? 'undone' : 'undoing', finished ? now : null, now + LEASE_MS, String(job.tenant_id), String(job.id), owner],
    });
  });
}

/**
 * One pass of the import worker: claims an import with work to do whose lease is free (also a crashed process's) or
 * its own, and does one batch of it. Returns whether it did any work.
 */
export async function importPass(deps: Deps, owner: string): Promise<boolean> {
  const now = deps.now();
  const job = await deps.db.write(
    async (tx) =>
      (
        await tx.execute({
          sql: `UPDATE imports SET lease_owner = ?, lease_until = ?, status = CASE status WHEN 'queued' THEN 'running' ELSE status END
                WHERE (tenant_id, id) = (SELECT tenant_id, id FROM imports WHERE status IN ('queued', 'running', 'undoing')
                  AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?) LIMIT 1)
                RETURNING tenant_id, id, entity, created_by, status, plan, next_row, rows`,
          args: [owner, now + LEASE_MS, now, owner],
        })
      ).rows[0],
  );
  if (!job) return false;
  const actor = await importer(deps, String(job.tenant_id), String(job.created_by));
  if (!actor) {
    await deps.db.write((tx) =>
      tx.execute({
        sql: "UPDATE imports SET status = 'stopped', finished_at = ? WHERE tenant_id = ? AND id = ?",
        args: [now, String(job.tenant_id), String(job.id)],
      }),
    );
    return true;
  }
  await (job.status === 'undoing' ? undoBatch : importBatch)(deps, job, actor, owner);
  return true;
}

/**
 * Forgets the staged rows and outcomes of imports that can no longer be undone (finished more than `UNDO_DAYS` ago) or
 * were never started within a day; the import itself stays listed with its counts. Returns how many were forgotten.
 */
export async function forgetOldImports(db: Db, now: number): Promise<number> {
  return db.write(async (tx) => {
    const old = await tx.execute({
      sql: `SELECT id FROM imports WHERE (status IN ('done', 'undone', 'stopped') AND finished_at < ?) OR (status = 'uploaded' AND created_at < ?)`,
      args: [now - UNDO_DAYS * DAY, now - DAY],
    });
    const ids = JSON.stringify(old.rows.map((r) => String(r.id)));
    for (const table of ['import_rows', 'import_outcomes'])
      await tx.execute({ sql: `DELETE FROM ${table} WHERE import_id IN (SELECT value FROM json_each(?))`, args: [ids] });
    await tx.execute({ sql: "UPDATE imports SET status = 'expired' WHERE status = 'uploaded' AND id IN (SELECT value FROM json_each(?))", args: [ids] });
    return old.rows.length;
  });
}

/** Runs import passes until none has work (tests, and each tick of the worker). */
export async function drainImports(deps: Deps, owner = `${process.pid}-${randomUUID()}`): Promise<void> {
  while (await importPass(deps, owner));
}

/** The import worker of a runtime process: every second, as long as there is work. */
export function startImportWorker(deps: Deps): { stop: () => Promise<void> } {
  const owner = `${process.pid}-${randomUUID()}`;
  return runEvery('imports', 1000, () => drainImports(deps, owner));
}
