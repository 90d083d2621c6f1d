import type { Transaction } from '@libsql/client';

/** A person records can go to, with the team that comes with them. */
export interface Assignee {
  userId: string;
  team: string | null;
}

/** A membership holds a role (given twice) as its first or as one of its others. */
const HOLDS = '(role = ? OR EXISTS (SELECT 1 FROM json_each(extra_roles) WHERE value = ?))';

/**
 * The next active holder of `role` in turn (ordered by id, wrapping around), remembered per tenant and role so the
 * turn survives restarts and is shared by every process. Undefined when nobody active holds the role.
 */
export async function nextHolder(tx: Transaction, tenantId: string, role: string): Promise<Assignee | undefined> {
  const turn = (await tx.execute({ sql: 'SELECT last_user_id FROM assign_turns WHERE tenant_id = ? AND role = ?', args: [tenantId, role] })).rows[0];
  const last = turn ? String(turn.last_user_id) : '';
  const pick = `SELECT user_id, team FROM memberships WHERE tenant_id = ? AND ${HOLDS} AND active = 1`;
  const row =
    (await tx.execute({ sql: `${pick} AND user_id > ? ORDER BY user_id LIMIT 1`, args: [tenantId, role, role, last] })).rows[0] ??
    (await tx.execute({ sql: `${pick} ORDER BY user_id LIMIT 1`, args: [tenantId, role, role] })).rows[0];
  if (!row) return undefined;
  const userId = String(row.user_id);
  await tx.execute({
    sql: 'INSERT INTO assign_turns (tenant_id, role, last_user_id) VALUES (?, ?, ?) ON CONFLICT (tenant_id, role) DO UPDATE SET last_user_id = excluded.last_user_id',
    args: [tenantId, role, userId],
  });
  return { userId, team: row.team === null ? null : String(row.team) };
}

/** A person's membership as an assignee, when they are an active member of the tenant. */
export async function member(tx: Transaction, tenantId: string, userId: string): Promise<Assignee | undefined> {
  const row = (await tx.execute({ sql: 'SELECT team FROM memberships WHERE tenant_id = ? AND user_id = ? AND active = 1', args: [tenantId, userId] })).rows[0];
  return row ? { userId, team: row.team === null ? null : String(row.team) } : undefined;
}

/** Active holders of a role (notification recipients). */
export async function holders(tx: Transaction, tenantId: string, role: string): Promise<string[]> {
  const rows = (
    await tx.execute({ sql: `SELECT user_id FROM memberships WHERE tenant_id = ? AND ${HOLDS} AND active = 1 ORDER BY user_id`, args: [tenantId, role, role] })
  ).rows;
  return rows.map((r) => String(r.user_id));
}
