import type { Client, Transaction } from '@libsql/client';
import { OWNER_ROLE } from '../access/policy.ts';
import { Problem } from '../http/problem.ts';
import { hashToken, randomToken } from './secret-token.ts';

/** How long a reset link stays good. */
export const RESET_MS = 24 * 3600_000;

const usedUp = () => new Problem(404, 'This link is not valid any more: it was used, or it expired. Ask an owner of your company for a new one.');

/**
 * Whether a tenant may hand a person a reset link, by the role of whoever asks there. A person of this tenant alone:
 * yes. A person of several tenants: only an owner of the tenant they joined first, so no company they joined later
 * can take over the account (and with it their first company). Undefined when allowed, else why not.
 */
export async function resetRefusal(tx: Transaction, userId: string, tenantId: string, askerRole: string): Promise<string | undefined> {
  const rows = (await tx.execute({ sql: 'SELECT tenant_id FROM memberships WHERE user_id = ? ORDER BY created_at, tenant_id', args: [userId] })).rows;
  if (rows.length === 1) return undefined;
  if (String(rows[0]!.tenant_id) === tenantId && askerRole === OWNER_ROLE) return undefined;
  return 'This person also belongs to other tenants: only an owner of the company they joined first can reset their password. They can also change it themselves.';
}

/**
 * Issues a one-time link for a person to choose a new password, replacing their earlier ones. Returns the token (stored
 * only hashed). The link works while the person is still a member of the issuing tenant.
 */
export async function issueReset(
  tx: Transaction,
  input: { userId: string; tenantId: string; issuedBy: string },
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = now + RESET_MS;
  await forgetResets(tx, input.userId);
  await tx.execute({
    sql: 'INSERT INTO password_resets (token_hash, user_id, tenant_id, issued_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [hashToken(token), input.userId, input.tenantId, input.issuedBy, now, expiresAt],
  });
  return { token, expiresAt };
}

/** Ends every reset link of a person: one was used, or they changed their password themselves. */
export async function forgetResets(tx: Transaction, userId: string): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM password_resets WHERE user_id = ?', args: [userId] });
}

/** The person an unexpired reset link is for, while they still belong to the issuing tenant; 404 otherwise. */
export async function openReset(db: Client | Transaction, token: string, now: number): Promise<{ userId: string; email: string }> {
  const row = (
    await db.execute({
      sql: `SELECT u.id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id JOIN memberships m ON m.tenant_id = r.tenant_id AND m.user_id = r.user_id
            WHERE r.token_hash = ? AND r.expires_at > ?`,
      args: [hashToken(token), now],
    })
  ).rows[0];
  if (!row) throw usedUp();
  return { userId: String(row.id), email: String(row.email) };
}

/** Spends a reset link inside the write that uses it, with every other link of the person: of two uses racing, one wins. */
export async function spendReset(tx: Transaction, token: string, now: number): Promise<void> {
  const { userId } = await openReset(tx, token, now);
  await forgetResets(tx, userId);
}
