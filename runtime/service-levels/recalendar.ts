import type { Transaction } from '@libsql/client';
import type { Calendar } from './calendar.ts';
import { usedAt } from './clock.ts';
import { settle } from './follow.ts';
import { readSla, saveClock, saveStatus } from './store.ts';

/**
 * After the company's business hours or timezone changed, inside that write: every running clock keeps the business
 * time it used under the old calendar, and its next mark is computed again through the new one. Returns how many
 * records' clocks were moved.
 */
export async function recalendar(tx: Transaction, tenantId: string, before: Calendar, after: Calendar, now: number): Promise<number> {
  const ids = (
    await tx.execute({ sql: 'SELECT DISTINCT record_id FROM sla_clocks WHERE tenant_id = ? AND running_since IS NOT NULL', args: [tenantId] })
  ).rows.map((r) => String(r.record_id));
  for (const id of ids) {
    const stored = (await readSla(tx, tenantId, id))!;
    const rebased = stored.clocks.map((c) => (c.runningSince === null ? c : { ...c, usedMs: usedAt(before, c, now), runningSince: now }));
    const { kept, status } = settle(after, rebased, now);
    for (const [c, extras] of kept) await saveClock(tx, tenantId, id, c, extras);
    await saveStatus(tx, tenantId, id, status, stored.priority);
  }
  return ids.length;
}
