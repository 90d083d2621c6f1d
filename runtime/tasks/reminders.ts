import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';

const BATCH = 500;

/**
 * Reminds each person of their open tasks that came due (or whose snooze ended) with a notification, once per task:
 * in one write transaction, so of several processes only the first reminds. Returns how many it reminded of.
 */
export async function remindDueTasks(db: Db, now: number): Promise<number> {
  return db.write(async (tx) => {
    const due = await tx.execute({
      sql: `SELECT seq, id, tenant_id, record_id, title, assignee_id FROM tasks
            WHERE status = 'open' AND reminded_at IS NULL AND due_at <= ? AND coalesce(snoozed_until, 0) <= ? LIMIT ${BATCH}`,
      args: [now, now],
    });
    for (const t of due.rows) {
      await tx.execute({
        sql: "INSERT INTO notifications (id, tenant_id, user_id, record_id, message, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, 'reminder')",
        args: [newId(), String(t.tenant_id), String(t.assignee_id), String(t.record_id), String(t.title), now],
      });
      await tx.execute({ sql: 'UPDATE tasks SET reminded_at = ? WHERE seq = ?', args: [now, Number(t.seq)] });
    }
    return due.rows.length;
  });
}
