import type { Transaction } from '@libsql/client';

const WINDOW_MS = 15 * 60_000;
/** Failures allowed per window: few per account (guessing one password), more per address (shared offices). */
const LIMITS = { account: 5, address: 30 } as const;

export type ThrottleKeys = { account: string; address: string };

export const throttleKeys = (email: string, address: string): ThrottleKeys => ({
  account: `account:${email.trim().toLowerCase()}`,
  address: `address:${address}`,
});

/** Seconds until another login may be tried, or 0 when neither the account nor the address is throttled. */
async function retryAfter(tx: Transaction, keys: ThrottleKeys, now: number): Promise<number> {
  let wait = 0;
  for (const kind of ['account', 'address'] as const) {
    const rows = (
      await tx.execute({
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

/**
 * Checks the throttle and, when the attempt may go ahead, counts it as failed before its password is
 * even checked, in one write transaction: parallel guesses cannot all slip under the limit.
 * `forgive` undoes the count when the attempt succeeds. Returns the rows written, or the seconds to wait.
 */
export async function recordAttempt(tx: Transaction, keys: ThrottleKeys, now: number): Promise<{ attempt: number[] } | { wait: number }> {
  const wait = await retryAfter(tx, keys, now);
  if (wait > 0) return { wait };
  await tx.execute({ sql: 'DELETE FROM login_failures WHERE key IN (?, ?) AND at <= ?', args: [keys.account, keys.address, now - WINDOW_MS] });
  const rows = (
    await tx.execute({ sql: 'INSERT INTO login_failures (key, at) VALUES (?, ?), (?, ?) RETURNING rowid', args: [keys.account, now, keys.address, now] })
  ).rows;
  return { attempt: rows.map((r) => Number(r.rowid)) };
}

/** Undoes an attempt that did not fail; with `account`, that account's earlier failures are forgiven too (the address keeps its count). */
export async function forgive(tx: Transaction, attempt: number[], account?: string): Promise<void> {
  await tx.execute({ sql: `DELETE FROM login_failures WHERE rowid IN (${attempt.map(() => '?').join(', ')})`, args: attempt });
  if (account !== undefined) await tx.execute({ sql: 'DELETE FROM login_failures WHERE key = ?', args: [account] });
}
