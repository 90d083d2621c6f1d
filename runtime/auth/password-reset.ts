import type { Client, Transaction } from '@libsql/client';
import { Problem } from '../http/problem.ts';
import { hashToken, randomToken } from './secret-token.ts';

/** How long a reset link stays good. */
export const RESET_MS = 24 * 3600_000;

const usedUp = () => new Problem(404, 'This link is not valid any more: it was used, or it expired. Ask an owner of your company for a new one.');

/**
 * Issues a one-time link for a person to choose a new password, replacing an earlier one from the same tenant.
 * Returns the token (stored only hashed).
 */
export async function issueReset(tx: Transaction, input: { userId: string; tenantId: string; issuedBy: string }, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = now + RESET_MS;
  await tx.execute({ sql: 'DELETE FROM password_resets WHERE user_id = ? AND tenant_id = ?', args: [input.userId, input.tenantId] });
  await tx.execute({
    sql: 'INSERT INTO password_resets (token_hash, user_id, tenant_id, issued_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [hashToken(token), input.userId, input.tenantId, input.issuedBy, now, expiresAt],
  });
  return { token, expiresAt };
}

/** The person an unexpired reset link is for; 404 otherwise. */
export async function openReset(db: Client | Transaction, token: string, now: number): Promise<{ userId: string; email: string }> {
  const row = (await db.execute({ sql: 'SELECT u.id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ? AND r.expires_at > ?', args: [hashToken(token), now] })).rows[0];
  if (!row) throw usedUp();
  return { userId: String(row.id), email: String(row.email) };
}

/** Spends a reset link inside the write that uses it: of two uses racing, one wins. */
export async function spendReset(tx: Transaction, token: string, now: number): Promise<void> {
  const spent = await tx.execute({ sql: 'DELETE FROM password_resets WHERE token_hash = ? AND expires_at > ?', args: [hashToken(token), now] });
  if (spent.rowsAffected !== 1) throw usedUp();
}
