import type { Client, Row, Transaction } from '@libsql/client';
import { SERVICE_CLOCKS, type ServiceClock, type ServiceLevels } from '../browser-safe/bundle.ts';
import { businessHoursOf } from '../browser-safe/business-hours.ts';
import type { SlaStatus } from '../browser-safe/service-levels.ts';
import type { Calendar } from './calendar.ts';
import type { Clock } from './clock.ts';

/** The service level of one record as kept: the targets it was opened under, its priority, status and clocks. */
export interface StoredSla {
  entity: string;
  targets: ServiceLevels['targets'];
  priority: string | null;
  configVersion: number;
  status: SlaStatus | null;
  clocks: Clock[];
}

/** What is kept with a clock besides its state: its next mark and the month it stopped in. */
export interface ClockExtras {
  dueAt: number | null;
  month: string | null;
}

type Db = Client | Transaction;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The business calendar company settings describe: their business hours (defaults when never set) in their timezone. */
export const calendarFrom = (settings: Record<string, unknown>): Calendar => ({
  hours: businessHoursOf(settings),
  timezone: typeof settings.timezone === 'string' ? settings.timezone : 'UTC',
});

/** The company's business calendar, as its settings are now. */
export async function calendarOf(db: Db, tenantId: string): Promise<Calendar> {
  const row = (await db.execute({ sql: 'SELECT settings FROM tenants WHERE id = ?', args: [tenantId] })).rows[0];
  return calendarFrom(row ? (JSON.parse(String(row.settings)) as Record<string, unknown>) : {});
}

/** A clock from its row. */
export const clockOf = (r: Row): Clock => ({
  key: String(r.clock) as ServiceClock,
  targetMs: num(r.target_ms),
  usedMs: Number(r.used_ms),
  runningSince: num(r.running_since),
  stoppedAt: num(r.stopped_at),
  met: r.met === null ? null : Number(r.met) === 1,
  warnedAt: num(r.warned_at),
  breachedAt: num(r.breached_at),
});

export const CLOCK_COLUMNS = 'clock, target_ms, used_ms, running_since, stopped_at, met, warned_at, breached_at';

/** A record's service level, or undefined when it has none (opened without targets, or of another kind). */
export async function readSla(db: Db, tenantId: string, recordId: string): Promise<StoredSla | undefined> {
  const row = (
    await db.execute({
      sql: 'SELECT entity, targets, priority, config_version, status FROM sla_records WHERE tenant_id = ? AND record_id = ?',
      args: [tenantId, recordId],
    })
  ).rows[0];
  if (!row) return undefined;
  const clocks = (
    await db.execute({ sql: `SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE tenant_id = ? AND record_id = ?`, args: [tenantId, recordId] })
  ).rows.map(clockOf);
  clocks.sort((a, b) => SERVICE_CLOCKS.indexOf(a.key) - SERVICE_CLOCKS.indexOf(b.key));
  return {
    entity: String(row.entity),
    targets: JSON.parse(String(row.targets)),
    priority: row.priority === null ? null : String(row.priority),
    configVersion: Number(row.config_version),
    status: row.status === null ? null : (String(row.status) as SlaStatus),
    clocks,
  };
}

/** Keeps a new record's service level and its clocks. */
export async function insertSla(tx: Transaction, tenantId: string, recordId: string, sla: Omit<StoredSla, 'clocks'>, clocks: [Clock, ClockExtras][]) {
  await tx.execute({
    sql: 'INSERT INTO sla_records (tenant_id, record_id, entity, targets, priority, config_version, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [tenantId, recordId, sla.entity, JSON.stringify(sla.targets), sla.priority, sla.configVersion, sla.status],
  });
  for (const [c, extras] of clocks) {
    await tx.execute({
      sql: `INSERT INTO sla_clocks (tenant_id, record_id, entity, ${CLOCK_COLUMNS}, month, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [tenantId, recordId, sla.entity, ...clockArgs(c), extras.month, extras.dueAt],
    });
  }
}

const clockArgs = (c: Clock) => [c.key, c.targetMs, c.usedMs, c.runningSince, c.stoppedAt, c.met === null ? null : c.met ? 1 : 0, c.warnedAt, c.breachedAt];

/** Writes a clock's state and next mark (a fresh mark: tried again from its first attempt). */
export async function saveClock(tx: Transaction, tenantId: string, recordId: string, c: Clock, extras: ClockExtras): Promise<void> {
  await tx.execute({
    sql: `UPDATE sla_clocks SET target_ms = ?, used_ms = ?, running_since = ?, stopped_at = ?, met = ?, warned_at = ?, breached_at = ?,
            month = ?, due_at = ?, attempts = 0, last_error = NULL
          WHERE tenant_id = ? AND record_id = ? AND clock = ?`,
    args: [...clockArgs(c).slice(1), extras.month, extras.dueAt, tenantId, recordId, c.key],
  });
}

/** Writes a record's status over its clocks and the priority its targets now come from. */
export async function saveStatus(tx: Transaction, tenantId: string, recordId: string, status: SlaStatus | null, priority: string | null): Promise<void> {
  await tx.execute({
    sql: 'UPDATE sla_records SET status = ?, priority = ? WHERE tenant_id = ? AND record_id = ?',
    args: [status, priority, tenantId, recordId],
  });
}

/** Forgets a record's service level (the record is purged). */
export async function forgetSla(tx: Transaction, tenantId: string, recordId: string): Promise<void> {
  for (const table of ['sla_clocks', 'sla_records'])
    await tx.execute({ sql: `DELETE FROM ${table} WHERE tenant_id = ? AND record_id = ?`, args: [tenantId, recordId] });
}
