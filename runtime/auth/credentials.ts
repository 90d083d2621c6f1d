import type { Context } from 'hono';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { clientAddress } from '../http/address.ts';
import type { Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { activeMemberships, findUserByEmail, type UserRow } from './people.ts';
import { forgive, recordAttempt, throttleKeys } from './throttle.ts';
import { RECOVERY_CODE, spendRecoveryCode } from './recovery-codes.ts';
import { secondFactor, verifyCode } from './totp.ts';

// Verified against when the email is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined;

const WRONG_LOGIN = 'The email or password is not right.';
const CODE_NEEDED = 'Enter the 6-digit code from your authenticator app.';

/** Writes a sign-in event into the audit trail of each of the person's companies (none known: one without a company). */
async function auditSignIn(deps: Deps, action: string, address: string, user: UserRow | undefined): Promise<void> {
  const now = deps.now();
  const tenants = user ? await activeMemberships(deps.db.client, user.id) : [];
  await deps.db.write(async (tx) => {
    for (const t of tenants.length ? tenants : [{ tenantId: null }])
      await audit(tx, { tenantId: t.tenantId, actorId: user?.id ?? null, action, targetType: 'session', targetId: user?.id ?? null, address }, now);
  });
}

/** Writes a failed attempt into the audit trail of each of the person's tenants, then refuses. */
async function fail(deps: Deps, address: string, user: UserRow | undefined, problem: Problem): Promise<never> {
  await auditSignIn(deps, 'login.failed', address, user);
  throw problem;
}

/** A person whose credentials checked out; `codeStep` is the time step of a second-factor code not yet claimed. */
export type CheckedUser = UserRow & { codeStep?: number };

/**
 * Claims a code's time step for this login: only one login may use a step, and the update succeeds once,
 * so a replayed code fails even in a race. Throws the code problem when the step was already used.
 */
export async function claimCode(deps: Deps, c: Context, user: CheckedUser): Promise<void> {
  if (user.codeStep === undefined) return;
  const step = user.codeStep;
  const used = (
    await deps.db.write((tx) =>
      tx.execute({ sql: 'UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)', args: [step, user.id, step] }),
    )
  ).rowsAffected;
  if (used === 0) await fail(deps, clientAddress(c, deps), user, codeProblem('is not the current code'));
  delete user.codeStep;
}

const codeProblem = (message: string) => new Problem(401, CODE_NEEDED, [{ path: '/totp', message }], { totpRequired: true });

/** Counts an attempt against the account and the address before anything is checked (429 when either is throttled). */
async function countAttempt(deps: Deps, c: Context, email: string) {
  const keys = throttleKeys(email, clientAddress(c, deps));
  const counted = await deps.db.write((tx) => recordAttempt(tx, keys, deps.now()));
  if ('wait' in counted) throw new Problem(429, 'Too many failed sign-ins; try again later.', undefined, undefined, { 'retry-after': String(counted.wait) });
  return { keys, rows: counted.attempt };
}
type Attempt = Awaited<ReturnType<typeof countAttempt>>;

/**
 * When the person has a confirmed second factor and `code` is not null, requires a current code (401 with `totpRequired`
 * when it is missing or wrong). A missing code is not a failure: the attempt is forgiven. Returns the code's step, unclaimed.
 */
async function checkCode(deps: Deps, c: Context, user: UserRow, code: string | undefined | null, attempt: Attempt): Promise<number | undefined> {
  const factor = await secondFactor(deps.db.client, user.id);
  if (code === null || !factor.confirmed || !factor.sealed) return undefined;
  if (code === undefined) {
    await deps.db.write((tx) => forgive(tx, attempt.rows));
    throw codeProblem('is required');
  }
  // A recovery code stands in for the app's code once; it has no time step to claim.
  if (RECOVERY_CODE.test(code.trim())) {
    if (!(await spendRecoveryCode(deps.db, user.id, code.trim(), deps.now())))
      return fail(deps, clientAddress(c, deps), user, codeProblem('is not an unused recovery code'));
    await auditSignIn(deps, 'totp.recovery_used', clientAddress(c, deps), user);
    return undefined;
  }
  const step = verifyCode(deps.secretKey, factor.sealed, code, deps.now(), factor.lastStep);
  if (step === undefined) return fail(deps, clientAddress(c, deps), user, codeProblem('is not the current code'));
  return step;
}

/**
 * Checks an email and password, throttled per account and per address; an unknown email and a wrong
 * password get the same answer. When the account has a confirmed second factor and `code` is not null,
 * the code is required too (401 with `totpRequired` when it is missing or wrong). The code is claimed at once
 * unless `options.claimLater`: then the caller claims it with `claimCode` when it starts a session, so an answer
 * that starts none (the login's company choice) does not spend it.
 */
export async function checkCredentials(
  deps: Deps,
  c: Context,
  email: string,
  password: string,
  code: string | undefined | null,
  options: { claimLater?: boolean } = {},
): Promise<CheckedUser> {
  const attempt = await countAttempt(deps, c, email);
  const user = await findUserByEmail(deps.db.client, email);
  decoyHash ??= hashPassword(newId(), deps.hashCost);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !ok) return fail(deps, clientAddress(c, deps), user, new Problem(401, WRONG_LOGIN));
  const checked: CheckedUser = { ...user, codeStep: await checkCode(deps, c, user, code, attempt) };
  if (!options.claimLater) await claimCode(deps, c, checked);
  await deps.db.write((tx) => forgive(tx, attempt.rows, attempt.keys.account));
  return checked;
}

/** Without a password (a reset link stands in for it): the person's second factor, when on, still needs a current code, claimed at once. */
export async function checkSecondFactor(deps: Deps, c: Context, user: UserRow, code: string | undefined): Promise<void> {
  const attempt = await countAttempt(deps, c, user.email);
  await claimCode(deps, c, { ...user, codeStep: await checkCode(deps, c, user, code, attempt) });
  await deps.db.write((tx) => forgive(tx, attempt.rows, attempt.keys.account));
}
