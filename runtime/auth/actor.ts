import type { Row } from '@libsql/client';
import { roleFor, type Actor } from '../access/policy.ts';
import { publishedBundle } from '../config/store.ts';
import type { Deps } from '../http/env.ts';

/** The actor from a row holding user_id, tenant_id, seen_at, name, email, role, team and config_version. */
export async function actorFromRow(deps: Deps, row: Row): Promise<Actor & { seenAt: number }> {
  const tenantId = String(row.tenant_id);
  const configVersion = Number(row.config_version);
  const bundle = await publishedBundle(deps.db.client, tenantId, configVersion);
  const roleKey = String(row.role);
  return {
    userId: String(row.user_id),
    name: String(row.name),
    email: String(row.email),
    tenantId,
    roleKey,
    role: roleFor(bundle, roleKey),
    team: row.team === null ? null : String(row.team),
    configVersion,
    bundle,
    seenAt: Number(row.seen_at),
  };
}
