import { Secret, TOTP } from 'otpauth';
import type { Client, Transaction } from '@libsql/client';
import { open, seal } from './secret-box.ts';

const PERIOD = 30;
const PURPOSE = 'totp';

const totp = (secret: string, label = '') =>
  new TOTP({ issuer: 'crm-studio', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A fresh secret, sealed for storage, with what an authenticator app needs to enrol it. */
export function newSecondFactor(secretKey: string, email: string) {
  const secret = new Secret({ size: 20 }).base32;
  return { sealed: seal(secretKey, PURPOSE, secret), secret, uri: totp(secret, email).toString() };
}

/**
 * The time step of a valid code (±1 step for clock drift), or undefined. A step at or before
 * `lastStep` is refused, so an observed code cannot be replayed.
 */
export function verifyCode(secretKey: string, sealed: string, code: string, now: number, lastStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(open(secretKey, PURPOSE, sealed)).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

export interface SecondFactor {
  sealed: string | null;
  confirmed: boolean;
  lastStep: number | null;
}

export async function secondFactor(db: Client | Transaction, userId: string): Promise<SecondFactor> {
  const row = (await db.execute({ sql: 'SELECT totp_secret, totp_confirmed, totp_last_step FROM users WHERE id = ?', args: [userId] })).rows[0]!;
  return {
    sealed: row.totp_secret === null ? null : String(row.totp_secret),
    confirmed: row.totp_confirmed === 1,
    lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  };
}
