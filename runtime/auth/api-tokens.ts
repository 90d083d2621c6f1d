import type { Context, Next } from 'hono';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { hashToken, randomToken } from './secret-token.ts';
import { actorFromRow, MANAGED_SQL } from './actor.ts';

const PREFIX = 'crm_';
const TOUCH_EVERY_MS = 5 * 60_000;

/** What a token may do: everything its creator's role allows, reading only, or configuration export and import only. */
export const TOKEN_ACCESS = ['full', 'read', 'config'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

/** Requests a narrowed token may make, and what a refusal says: reading only; or who it is and the configuration (what the command line needs). */
const NARROWED: Record<Exclude<TokenAccess, 'full'>, { allows: (method: string, path: string) => boolean; refusal: string }> = {
  read: { allows: (method) => method === 'GET' || method === 'HEAD', refusal: 'This API token may only read.' },
  config: {
    allows: (_method, path) => path === '/api/me' || path === '/api/config' || path.startsWith('/api/config/'),
    refusal: 'This API token may only export and import the configuration.',
  },
};

/** A new API token: a recognisable prefix and 256 random bits. Only its hash is ever stored. */
export function newApiToken(): string {
  return PREFIX + randomToken();
}

// Same shape as the session query: the membership is read on every request, so revoking the token,
// demoting, deactivating or removing its creator takes effect on the next request.
const TOKEN_SQL = `SELECT k.id AS token_id, k.access, k.expires_at, k.user_id, k.tenant_id, k.last_used_at AS seen_at, u.name, u.email, m.role, m.extra_roles, m.team, ${MANAGED_SQL}, t.config_version
  FROM api_tokens k
  JOIN users u ON u.id = k.user_id
  JOIN memberships m ON m.tenant_id = k.tenant_id AND m.user_id = k.user_id AND m.active = 1
  JOIN tenants t ON t.id = k.tenant_id
  WHERE k.token_hash = ? AND k.revoked_at IS NULL`;

/** Authenticates `Authorization: Bearer <token>`; anything else, or a revoked or unknown token, is a 401. */
export async function authenticateToken(deps: Deps, c: Context<AppEnv>, next: Next): Promise<void> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!match) throw new Problem(401, 'Send an API token as "Authorization: Bearer <token>".', undefined, undefined, { 'www-authenticate': 'Bearer' });
  const row = (await deps.db.client.execute({ sql: TOKEN_SQL, args: [hashToken(match[1]!)] })).rows[0];
  const invalid = { 'www-authenticate': 'Bearer error="invalid_token"' };
  if (!row) throw new Problem(401, 'This API token is unknown or revoked.', undefined, undefined, invalid);
  const now = deps.now();
  if (row.expires_at !== null && Number(row.expires_at) <= now) throw new Problem(401, 'This API token has expired.', undefined, undefined, invalid);
  const actor = await actorFromRow(deps, row);
  // No session: nothing for logout or "end my other sessions" to keep.
  c.set('sessionHash', '');
  c.set('actor', actor);
  // Known from here on, so a refusal is audited as theirs.
  const narrowed = row.access === 'full' ? undefined : NARROWED[String(row.access) as keyof typeof NARROWED];
  if (narrowed && !narrowed.allows(c.req.method, c.req.path)) throw new Problem(403, narrowed.refusal);
  if (now - actor.seenAt > TOUCH_EVERY_MS) {
    await deps.db.batch([{ sql: 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?', args: [now, String(row.token_id)] }]);
  }
  await next();
}
