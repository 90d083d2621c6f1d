import type { Db } from '../db/client.ts';

const DAY = 86_400_000;
/** Events deleted per transaction, so a first purge of a long trail never holds the write lock for long. */
const BATCH = 5000;

/**
 * Deletes the audit events each company's retention (`settings.auditRetentionDays`) no longer keeps; companies without
 * one keep everything. Returns how many events went. Runs in the background of every runtime process.
 */
export async function purgeAudit(db: Db, now: number): Promise<number> {
  const tenants = (
    await db.client.execute("SELECT id, settings ->> '$.auditRetentionDays' AS days FROM tenants WHERE settings ->> '$.auditRetentionDays' IS NOT NULL")
  ).rows;
  let purged = 0;
  for (const t of tenants) {
    const before = now - Number(t.days) * DAY;
    for (let n = BATCH; n === BATCH; purged += n) {
      n = await db.write(async (tx) => {
        await tx.execute({
          sql: 'INSERT INTO audit_retention (tenant_id, before) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET before = excluded.before',
          args: [String(t.id), before],
        });
        const deleted = await tx.execute({
          sql: 'DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events WHERE tenant_id = ? AND at < ? LIMIT ?)',
          args: [String(t.id), before, BATCH],
        });
        return deleted.rowsAffected;
      });
    }
  }
  return purged;
}
