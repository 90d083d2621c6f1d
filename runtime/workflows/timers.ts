import { randomUUID } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import { publishedBundle } from '../config/store.ts';
import type { Db } from '../db/client.ts';
import { automationRow } from '../records/store.ts';
import { advance } from './advance.ts';
import { runEvery } from '../db/background.ts';

export interface SchedulerOptions {
  db: Db;
  now: () => number;
  /** This process's name in leases. */
  owner?: string;
  /** How long a claim keeps other processes away (a crashed process's claims come free after it); 10 s by default. */
  leaseMs?: number;
  batch?: number;
}

/** After this many failed attempts a timer is kept (with its last error) but no longer tried: it is stuck. */
export const MAX_ATTEMPTS = 5;
/** The last error of a timer whose record's state does not take it now (a condition does not hold, or the workflow changed). */
export const NOT_TAKEN = 'not taken: the record’s state does not take this timer now';
/** With passes every 5 s, a crashed process's claims fire within about 15 s. */
export const DEFAULT_LEASE_MS = 10_000;

/**
 * One pass of the scheduler: claims due timers with a lease, then fires them in one transaction that also deletes each
 * timer's row — only while this process still holds the lease — so a timer fires exactly once across processes, and
 * timers that came due while every process was down fire on the next pass. One commit (one fsync) for the whole
 * batch; each timer in a savepoint of its own, so one that fails rolls back alone and keeps its error for another
 * attempt after the lease. Returns how many fired.
 */
export async function fireDueTimers(opts: SchedulerOptions): Promise<number> {
  return (await pass(opts)).fired;
}

async function pass(opts: SchedulerOptions): Promise<{ claimed: number; fired: number }> {
  const { db, now } = opts;
  const owner = opts.owner ?? 'runtime';
  const at = now();
  const claimed = await db.write(
    async (tx) =>
      (
        await tx.execute({
          // `attempts < 5` written out: the index of waiting timers covers exactly those, so stuck ones are never walked.
          sql: `UPDATE workflow_timers SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
              WHERE id IN (SELECT id FROM workflow_timers WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?) AND attempts < ${MAX_ATTEMPTS} ORDER BY due_at LIMIT ?)
              RETURNING id, tenant_id, record_id, timer`,
          args: [owner, at + (opts.leaseMs ?? DEFAULT_LEASE_MS), at, at, opts.batch ?? 50],
        })
      ).rows,
  );
  if (!claimed.length) return { claimed: 0, fired: 0 };
  const fired = await db.write(async (tx) => {
    let n = 0;
    for (const row of claimed) {
      const id = Number(row.id);
      await tx.execute('SAVEPOINT timer');
      try {
        if (await fireOne(tx, id, owner, String(row.tenant_id), String(row.record_id), String(row.timer), now())) n++;
      } catch (e) {
        // Its transition rolled back; the row stays for another attempt after the lease.
        await tx.execute('ROLLBACK TO timer');
        await tx.execute({
          sql: 'UPDATE workflow_timers SET last_error = ?, lease_owner = NULL WHERE id = ? AND lease_owner = ?',
          args: [String((e as Error).message ?? e).slice(0, 500), id, owner],
        });
      }
      await tx.execute('RELEASE timer');
    }
    return n;
  });
  return { claimed: claimed.length, fired };
}

/**
 * Fires one claimed timer, only while this process still holds its lease: the transition and the timer's removal
 * together. A timer the record's workflow cannot take now is never spent silently: it stays, stuck, with the reason,
 * until someone retries it in the studio (or a new version cancels it).
 */
async function fireOne(tx: Transaction, id: number, owner: string, tenantId: string, recordId: string, timer: string, now: number): Promise<boolean> {
  const mine = await tx.execute({ sql: 'SELECT 1 FROM workflow_timers WHERE id = ? AND lease_owner = ?', args: [id, owner] });
  if (mine.rows.length === 0) return false;
  const spent = () => tx.execute({ sql: 'DELETE FROM workflow_timers WHERE id = ?', args: [id] });
  const record = await automationRow(tx, tenantId, recordId);
  // Deleting a record deletes its timers; one left over has nothing to act on.
  if (!record) return (await spent(), false);
  const configVersion = Number((await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [tenantId] })).rows[0]!.config_version);
  const bundle = await publishedBundle(tx, tenantId, configVersion);
  const wfKey = bundle.entities[record.entity]?.workflow;
  const wf = wfKey === undefined ? undefined : bundle.workflows[wfKey];
  const step = wf && (await advance({ tx, tenantId, bundle, configVersion, actorId: null, now }, wf, record, { userId: null, roles: [] }, timer));
  if (step) return (await spent(), true);
  await tx.execute({
    sql: 'UPDATE workflow_timers SET lease_owner = NULL, lease_until = NULL, attempts = ?, last_error = ? WHERE id = ?',
    args: [MAX_ATTEMPTS, NOT_TAKEN, id],
  });
  return false;
}

/**
 * Runs the scheduler every `intervalMs` until stopped; passes never overlap. A pass that claimed a full batch is
 * followed at once by the next, so a backlog (timers that came due while every process was down, a publish that
 * made many due) drains without waiting for the interval.
 */
export function startScheduler(opts: SchedulerOptions & { intervalMs?: number }) {
  const owner = opts.owner ?? `${process.pid}-${randomUUID()}`;
  const batch = opts.batch ?? 50;
  return runEvery('timers', opts.intervalMs ?? 5000, async (stopping) => {
    while (!stopping() && (await pass({ ...opts, owner, batch })).claimed === batch);
  });
}
