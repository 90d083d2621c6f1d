import type { Context } from 'hono';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { clientAddress } from '../http/address.ts';
import type { Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { activeMemberships, findUserByEmail, type UserRow } from './people.ts';
import { forgive, recordAttempt, throttleKeys } from './throttle.ts';
import { secondFactor, verifyCode } from './totp.ts';

// Verified against when the email is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined;

const WRONG_LOGIN = 'The email or password is not right.';
const CODE_NEEDED = 'Enter the 6-digit code from your authenticator app.';

/** Writes a failed attempt into the audit trail of each of the person's tenants, then refuses. */
async function fail(deps: Deps, address: string, user: UserRow | undefined, problem: Problem): Promise<never> {
  const now = deps.now();
  const tenants = user ? await activeMemberships(deps.db.client, user.id) : [];
  await deps.db.write(async (tx) => {
    for (const t of tenants.length ? tenants : [{ tenantId: null }]) {
      await audit(tx, { tenantId: t.tenantId, actorId: user?.id ?? null, action: 'login.failed', targetType: 'session', targetId: user?.id ?? null, address }, now);
    }
  });
  throw problem;
}

/**
 * Checks an email and password, throttled per account and per address; an unknown email and a wrong
 * password get the same answer. When the account has a confirmed second factor and `code` is not null,
 * the code is required too (401 with `totpRequired` when it is missing or wrong).
 */
export async function checkCredentials(deps: Deps, c: Context, email: string, password: string, code: string | undefined | null): Promise<UserRow> {
  const now = deps.now();
  const address = clientAddress(c, deps);
  const keys = throttleKeys(email, address);
  const counted = await deps.db.write((tx) => recordAttempt(tx, keys, now));
  if ('wait' in counted) throw new Problem(429, 'Too many failed sign-ins; try again later.', undefined, undefined, { 'retry-after': String(counted.wait) });
  const { attempt } = counted;
  const user = await findUserByEmail(deps.db.client, email);
  decoyHash ??= hashPassword(newId(), deps.hashCost);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !ok) return fail(deps, address, user, new Problem(401, WRONG_LOGIN));

  const factor = await secondFactor(deps.db.client, user.id);
  if (code !== null && factor.confirmed && factor.sealed) {
    const codeProblem = new Problem(401, CODE_NEEDED, [{ path: '/totp', message: code === undefined ? 'is required' : 'is not the current code' }], { totpRequired: true });
    if (code === undefined) {
      // The password was right: ask for the code without counting a failure.
      await deps.db.write((tx) => forgive(tx, attempt));
      throw codeProblem;
    }
    const step = verifyCode(deps.secretKey, factor.sealed, code, now, factor.lastStep);
    // Only one login may use a time step: the update succeeds once, so a replayed code fails even in a race.
    const used = step === undefined ? 0 : (await deps.db.write((tx) => tx.execute({ sql: 'UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)', args: [step, user.id, step] }))).rowsAffected;
    if (used === 0) return fail(deps, address, user, codeProblem);
  }
  await deps.db.write((tx) => forgive(tx, attempt, keys.account));
  return user;
}
