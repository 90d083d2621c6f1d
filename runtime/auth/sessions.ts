import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Transaction } from '@libsql/client';
import type { Actor } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { actorFromRow, MANAGED_SQL } from './actor.ts';
import { authenticateToken } from './api-tokens.ts';
import { newId } from '../db/ids.ts';
import { IDLE_LIMIT_SQL, LIFETIME_SQL, tenantSecurity } from '../tenants/security.ts';
import { hashToken, randomToken } from './secret-token.ts';

const COOKIE = 'sid';
const DAY = 24 * 3600_000;
/** Sessions idle longer than any company allows are swept when their person signs in again. */
const LONGEST_IDLE_MS = 168 * 3600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/**
 * Starts a session with a new random id (never reusing one) and sets the cookie. The session keeps a public id, the
 * device and the address, for the person's list of their sessions.
 */
export async function startSession(c: Context, deps: Deps, tx: Transaction, userId: string, tenantId: string, now: number): Promise<void> {
  const token = randomToken();
  const lifetime = (await tenantSecurity(tx, tenantId)).sessionLifetimeDays * DAY;
  await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR seen_at <= ?)', args: [userId, now, now - LONGEST_IDLE_MS] });
  await tx.execute({
    sql: `INSERT INTO sessions (id_hash, public_id, user_id, tenant_id, created_at, seen_at, expires_at, user_agent, address)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [hashToken(token), newId(), userId, tenantId, now, now, now + lifetime, (c.req.header('user-agent') ?? '').slice(0, 300), clientAddress(c, deps)],
  });
  setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', maxAge: lifetime / 1000 });
}

/** Starts a session in a tenant for someone who just proved who they are, and records the sign-in in its audit trail. */
export async function logIn(c: Context, deps: Deps, tx: Transaction, userId: string, tenantId: string, now: number): Promise<void> {
  await startSession(c, deps, tx, userId, tenantId, now);
  await audit(tx, { tenantId, actorId: userId, action: 'login.succeeded', targetType: 'session', targetId: userId, address: clientAddress(c, deps) }, now);
}

export function endSessionCookie(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/', secure: isHttps(c) });
}

/**
 * A session `s` of company `t` that still holds, as SQL taking the current time three times: not past its expiry, not
 * idle and not older than its company allows now (a shortened setting ends older sessions at once).
 */
export const LIVE_SQL = `s.expires_at > ? AND s.seen_at > ? - ${IDLE_LIMIT_SQL} AND s.created_at > ? - ${LIFETIME_SQL}`;

/** The one query behind every authenticated request: session, person, membership and tenant together. */
export const SESSION_SQL = `SELECT s.user_id, s.tenant_id, s.seen_at, u.name, u.email, m.role, m.extra_roles, m.team, ${MANAGED_SQL}, t.config_version,
    u.totp_confirmed, t.settings ->> '$.secondFactorRoles' AS factor_roles
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id AND m.active = 1
  JOIN tenants t ON t.id = s.tenant_id
  WHERE s.id_hash = ? AND ${LIVE_SQL}`;

/**
 * The actor behind a session (by the hash of its cookie), or undefined when it is unknown, expired or idle longer than
 * its company allows. `factorMissing`: the company requires a second factor of their role and they have none.
 */
export async function loadActor(deps: Deps, idHash: string): Promise<(Actor & { seenAt: number; factorMissing: boolean }) | undefined> {
  const now = deps.now();
  const row = (await deps.db.client.execute({ sql: SESSION_SQL, args: [idHash, now, now, now] })).rows[0];
  if (!row) return undefined;
  const roles = row.factor_roles === null ? [] : (JSON.parse(String(row.factor_roles)) as string[]);
  const actor = await actorFromRow(deps, row);
  return { ...actor, factorMissing: actor.roleKeys.some((r) => roles.includes(r)) && Number(row.totp_confirmed) !== 1 };
}

/**
 * What someone who must still set up a second factor may do: that, see who they are and what the page frame shows (the
 * configuration, their invitations), sign out or switch company.
 */
const WITHOUT_FACTOR = (method: string, path: string) =>
  path === '/api/me' ||
  path.startsWith('/api/me/') ||
  path === '/api/logout' ||
  path === '/api/session/tenant' ||
  (method === 'GET' && (path === '/api/config' || path === '/api/invitations'));

/**
 * Requires a valid session and loads the actor. The role comes from the membership row on every
 * request, so a role change, deactivation or removal applies to the very next request.
 */
export function authenticate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Scripts send an API token instead of a cookie; it acts as its creator with their current role.
    if (c.req.header('authorization') !== undefined) return authenticateToken(deps, c, next);
    const token = getCookie(c, COOKIE);
    if (!token) throw new Problem(401, 'Sign in first.');
    const idHash = hashToken(token);
    const actor = await loadActor(deps, idHash);
    if (!actor) throw new Problem(401, 'Your session has ended; sign in again.');
    c.set('sessionHash', idHash);
    c.set('actor', actor);
    if (actor.factorMissing && !WITHOUT_FACTOR(c.req.method, c.req.path))
      throw new Problem(403, 'Your company requires a second factor for your role: set one up under Your account first.', undefined, {
        secondFactorRequired: true,
      });
    const now = deps.now();
    if (now - actor.seenAt > TOUCH_EVERY_MS) {
      await deps.db.batch([{ sql: 'UPDATE sessions SET seen_at = ? WHERE id_hash = ?', args: [now, idHash] }]);
    }
    await next();
  };
}

/**
 * For routes about the person across their tenants (other companies, invitations, switching): refuses API tokens,
 * which act within the one tenant they were made in. Mount after authenticate().
 */
export const sessionOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('sessionHash')) throw new Problem(403, 'An API token works only within its own company; sign in to do this.');
  await next();
};
