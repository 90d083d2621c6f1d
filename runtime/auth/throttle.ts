import type { Client, Transaction } from '@libsql/client';

const WINDOW_MS = 15 * 60_000;
/** Failures allowed per window: few per account (guessing one password), more per address (shared offices). */
const LIMITS = { account: 5, address: 30 } as const;

export type ThrottleKeys = { account: string; address: string };

export const throttleKeys = (email: string, address: string): ThrottleKeys => ({
  account: `account:${email.trim().toLowerCase()}`,
  address: `address:${address}`,
});

/** Seconds until another login may be tried, or 0 when neither the account nor the address is throttled. */
export async function retryAfter(db: Client, keys: ThrottleKeys, now: number): Promise<number> {
  let wait = 0;
  for (const kind of ['account', 'address'] as const) {
    const rows = (
      await db.execute({
        sql: 'SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?',
        args: [keys[kind], now - WINDOW_MS, LIMITS[kind]],
      })
    ).rows;
    if (rows.length >= LIMITS[kind]) {
      const oldest = Number(rows.at(-1)!.at);
      wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(tx: Transaction, keys: ThrottleKeys, now: number): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM login_failures WHERE key IN (?, ?) AND at <= ?', args: [keys.account, keys.address, now - WINDOW_MS] });
  await tx.execute({ sql: 'INSERT INTO login_failures (key, at) VALUES (?, ?), (?, ?)', args: [keys.account, now, keys.address, now] });
}

/** A successful login forgives the account's failures (the address keeps its count). */
export async function clearFailures(tx: Transaction, keys: ThrottleKeys): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM login_failures WHERE key = ?', args: [keys.account] });
}
