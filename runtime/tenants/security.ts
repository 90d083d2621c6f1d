import type { Client, Transaction } from '@libsql/client';
import { DEFAULT_SECURITY, securityOf, type SecurityPolicy } from '../browser-safe/security-policy.ts';

export { DEFAULT_SECURITY, securityOf, type SecurityPolicy };

/** The JSON Schema of the policy's settings, for the tenant settings body. */
export const SECURITY_SCHEMA = {
  passwordMinLength: { type: 'integer', minimum: 8, maximum: 64 },
  sessionIdleHours: { type: 'integer', minimum: 1, maximum: 168 },
  sessionLifetimeDays: { type: 'integer', minimum: 1, maximum: 90 },
  secondFactorRoles: { type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'string', maxLength: 64 } },
} as const;

/** How long a session may last in its company, as SQL over `tenants t` (milliseconds): a shorter setting ends older sessions at once. */
export const LIFETIME_SQL = `coalesce(t.settings ->> '$.sessionLifetimeDays', ${DEFAULT_SECURITY.sessionLifetimeDays}) * 86400000`;

/** How long a session may sit unused in its company, as SQL over `tenants t` (milliseconds). */
export const IDLE_LIMIT_SQL = `coalesce(t.settings ->> '$.sessionIdleHours', ${DEFAULT_SECURITY.sessionIdleHours}) * 3600000`;

/** A company's policy. */
export async function tenantSecurity(db: Client | Transaction, tenantId: string): Promise<SecurityPolicy> {
  const row = (await db.execute({ sql: 'SELECT settings FROM tenants WHERE id = ?', args: [tenantId] })).rows[0];
  return securityOf(row ? JSON.parse(String(row.settings)) : undefined);
}

/**
 * The fewest characters a person's new password needs: one password opens every company they belong to, so the
 * strictest of those companies (and of `tenantId`, one they are joining) applies.
 */
export async function passwordMinFor(db: Client | Transaction, who: { userId?: string; tenantId?: string }): Promise<number> {
  const rows = (
    await db.execute({
      sql: `SELECT max(coalesce(settings ->> '$.passwordMinLength', ?)) AS n FROM tenants
            WHERE id = ? OR id IN (SELECT tenant_id FROM memberships WHERE user_id = ? AND active = 1)`,
      args: [DEFAULT_SECURITY.passwordMinLength, who.tenantId ?? null, who.userId ?? null],
    })
  ).rows;
  return rows[0]?.n === null || rows[0]?.n === undefined ? DEFAULT_SECURITY.passwordMinLength : Number(rows[0].n);
}
