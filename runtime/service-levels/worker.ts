import { randomUUID } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import { publishedBundle } from '../config/store.ts';
import type { Db } from '../db/client.ts';
import { automationRow } from '../records/store.ts';
import { DEFAULT_LEASE_MS, MAX_ATTEMPTS } from '../workflows/timers.ts';
import { marksDue } from './clock.ts';
import { settle } from './follow.ts';
import { runMark } from './marks.ts';
import { calendarOf, CLOCK_COLUMNS, clockOf, readSla, saveClock, saveStatus } from './store.ts';
import { runEvery } from '../db/background.ts';

export interface WorkerOptions {
  db: Db;
  now: () => number;
  /** This process's name in leases. */
  owner?: string;
  /** How long a claim keeps other processes away; a crashed process's claims come free after it. */
  leaseMs?: number;
  batch?: number;
}

/**
 * One pass over service level marks that came due (80 % and 100 % of targets), as workflow timers are fired: claimed with
 * a lease, then handled in one transaction that re-reads each clock, runs the actions of the marks it reached for the
 * first time, records that they ran and schedules its next mark — only while this process still holds the lease, so
 * each mark's actions run exactly once across processes. Returns how many clocks were handled.
 */
export async function fireDueMarks(opts: WorkerOptions): Promise<number> {
  return (await pass(opts)).handled;
}

async function pass(opts: WorkerOptions): Promise<{ claimed: number; handled: number }> {
  const owner = opts.owner ?? 'runtime';
  const at = opts.now();
  const claimed = await opts.db.write(
    async (tx) =>
      (
        await tx.execute({
          sql: `UPDATE sla_clocks SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM sla_clocks WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?) AND attempts < ${MAX_ATTEMPTS}
                             ORDER BY due_at LIMIT ?)
                RETURNING id`,
          args: [owner, at + (opts.leaseMs ?? DEFAULT_LEASE_MS), at, at, opts.batch ?? 50],
        })
      ).rows,
  );
  if (!claimed.length) return { claimed: 0, handled: 0 };
  const handled = await opts.db.write(async (tx) => {
    let n = 0;
    for (const row of claimed) {
      await tx.execute('SAVEPOINT mark');
      try {
        if (await handle(tx, Number(row.id), owner, opts.now())) n++;
      } catch (e) {
        // Its actions rolled back; the clock keeps its mark for another attempt after the lease.
        await tx.execute('ROLLBACK TO mark');
        await tx.execute({
          sql: 'UPDATE sla_clocks SET last_error = ?, lease_owner = NULL WHERE id = ? AND lease_owner = ?',
          args: [String((e as Error).message ?? e).slice(0, 500), Number(row.id), owner],
        });
      }
      await tx.execute('RELEASE mark');
    }
    return n;
  });
  return { claimed: claimed.length, handled };
}

/** Handles one claimed clock while this process holds its lease: its status, its marks' actions (once each), its next mark. */
async function handle(tx: Transaction, id: number, owner: string, now: number): Promise<boolean> {
  const row = (await tx.execute({ sql: `SELECT tenant_id, record_id, ${CLOCK_COLUMNS} FROM sla_clocks WHERE id = ? AND lease_owner = ?`, args: [id, owner] }))
    .rows[0];
  if (!row) return false;
  const tenantId = String(row.tenant_id);
  const release = (dueAt: number | null) =>
    tx.execute({ sql: 'UPDATE sla_clocks SET due_at = ?, lease_owner = NULL, lease_until = NULL, attempts = 0 WHERE id = ?', args: [dueAt, id] });
  const record = await automationRow(tx, tenantId, String(row.record_id));
  const configVersion = Number((await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [tenantId] })).rows[0]!.config_version);
  const bundle = await publishedBundle(tx, tenantId, configVersion);
  const sl = record && bundle.entities[record.entity]?.serviceLevels;
  const stored = record && (await readSla(tx, tenantId, record.id));
  // A record gone, or of a kind whose service levels a new version removed: its clock is no longer watched.
  if (!record || !sl || !stored) return (await release(null), false);
  const cal = await calendarOf(tx, tenantId);
  const clock = clockOf(row);
  const due = marksDue(cal, clock, now);
  const marked = { ...clock, warnedAt: due.warning ? now : clock.warnedAt, breachedAt: due.breach ? now : clock.breachedAt };
  const { kept, status } = settle(
    cal,
    stored.clocks.map((c) => (c.key === clock.key ? marked : c)),
    now,
  );
  for (const [c, extras] of kept) await saveClock(tx, tenantId, record.id, c, extras);
  await saveStatus(tx, tenantId, record.id, status, stored.priority);
  await tx.execute({ sql: 'UPDATE sla_clocks SET lease_owner = NULL, lease_until = NULL WHERE id = ?', args: [id] });
  const ctx = { tx, tenantId, bundle, configVersion, actorId: null, now };
  // The warning first, so a clock found past both marks (every process was down) tells in order.
  if (due.warning) await runMark(ctx, record, sl, clock.key, 'warning', sl.warning ?? []);
  const fresh = due.breach && due.warning ? await automationRow(tx, tenantId, record.id) : record;
  if (due.breach && fresh) await runMark(ctx, fresh, sl, clock.key, 'breach', sl.breach ?? []);
  return true;
}

/** Runs passes every `intervalMs` until stopped; passes never overlap, and a full batch is followed at once by the next. */
export function startServiceLevelWorker(opts: WorkerOptions & { intervalMs?: number }) {
  const owner = opts.owner ?? `${process.pid}-${randomUUID()}`;
  const batch = opts.batch ?? 50;
  return runEvery('service levels', opts.intervalMs ?? 5000, async (stopping) => {
    while (!stopping() && (await pass({ ...opts, owner, batch })).claimed === batch);
  });
}
