import type { Transaction } from '@libsql/client';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { hashToken } from './secret-token.ts';

const COUNT = 10;
// Letters and digits that cannot be mistaken for one another when copied by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** What a recovery code looks like: two groups of five, as it is shown; typed with or without the dash, in any case. */
export const RECOVERY_CODE = /^[a-z0-9]{5}-?[a-z0-9]{5}$/i;

const normal = (code: string) => code.toLowerCase().replace('-', '');

function newCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces a person's recovery codes with ten new ones, stored as their SHA-256; returns them, to be shown this once. */
export async function newRecoveryCodes(tx: Transaction, userId: string): Promise<string[]> {
  const codes = Array.from({ length: COUNT }, newCode);
  await tx.execute({ sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [userId] });
  for (const code of codes) await tx.execute({ sql: 'INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)', args: [userId, hashToken(normal(code))] });
  return codes;
}

/** Spends a recovery code: true once per code, even when two sign-ins race with it. */
export async function spendRecoveryCode(db: Db, userId: string, code: string, now: number): Promise<boolean> {
  const spent = await db.write((tx) =>
    tx.execute({
      sql: 'UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL',
      args: [now, userId, hashToken(normal(code))],
    }),
  );
  return spent.rowsAffected === 1;
}

/** How many unused recovery codes a person has left. */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  return Number(
    (await db.client.execute({ sql: 'SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL', args: [userId] })).rows[0]!.n,
  );
}
