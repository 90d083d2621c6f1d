import type { Client, Transaction } from '@libsql/client';
import { newId } from '../db/ids.ts';
import type { Problem } from '../http/problem.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** A person as the API shows them to themselves. */
export const userView = (u: { id: string; email: string; name: string }) => ({ id: u.id, email: u.email, name: u.name });

export async function findUserByEmail(db: Client | Transaction, email: string): Promise<UserRow | undefined> {
  const row = (await db.execute({ sql: 'SELECT id, email, name, password_hash FROM users WHERE email = ?', args: [email.trim()] })).rows[0];
  return row && { id: String(row.id), email: String(row.email), name: String(row.name), passwordHash: String(row.password_hash) };
}

/**
 * Creates the account of a new email inside the caller's write and returns its id. Looks again inside the write, so two
 * requests with one new email cannot both create it: the second gets `taken`.
 */
export async function createUser(tx: Transaction, user: { email: string; name: string; passwordHash: string }, now: number, taken: Problem): Promise<string> {
  if (await findUserByEmail(tx, user.email)) throw taken;
  const id = newId();
  await tx.execute({
    sql: 'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    args: [id, user.email.trim(), user.name.trim(), user.passwordHash, now],
  });
  return id;
}

export interface MembershipRow {
  tenantId: string;
  slug: string;
  tenantName: string;
  role: string;
}

/** The tenants where a person has an active membership, by name. */
export async function activeMemberships(db: Client | Transaction, userId: string): Promise<MembershipRow[]> {
  const rows = (
    await db.execute({
      sql: `SELECT t.id, t.slug, t.name, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
            WHERE m.user_id = ? AND m.active = 1 ORDER BY t.name, t.slug`,
      args: [userId],
    })
  ).rows;
  return rows.map((r) => ({ tenantId: String(r.id), slug: String(r.slug), tenantName: String(r.name), role: String(r.role) }));
}

/** Public view of a tenant. */
export async function tenantView(db: Client | Transaction, tenantId: string) {
  const row = (await db.execute({ sql: 'SELECT id, slug, name, settings FROM tenants WHERE id = ?', args: [tenantId] })).rows[0]!;
  return { id: String(row.id), slug: String(row.slug), name: String(row.name), settings: JSON.parse(String(row.settings)) };
}
