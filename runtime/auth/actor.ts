import type { Row } from '@libsql/client';
import { heldRoles, rolesFor, type Actor } from '../access/policy.ts';
import { directReach, teamReach } from '../access/teams.ts';
import type { RoleDef } from '../browser-safe/bundle.ts';
import { publishedBundle } from '../config/store.ts';
import type { Deps } from '../http/env.ts';

/** The teams a person manages, as a JSON array column `managed` of a query over memberships `m`. */
export const MANAGED_SQL = `(SELECT json_group_array(tm.team) FROM team_managers tm WHERE tm.tenant_id = m.tenant_id AND tm.user_id = m.user_id) AS managed`;

/** True when some privilege of the role reaches below a person's teams: only then is the tree of teams read. */
const reachesBelow = (role: RoleDef) => Object.values(role.entities).some((p) => Object.values(p).includes('teamAndBelow'));

/** The actor from a row holding user_id, tenant_id, seen_at, name, email, role, extra_roles, team, managed and config_version. */
export async function actorFromRow(deps: Deps, row: Row): Promise<Actor & { seenAt: number }> {
  const tenantId = String(row.tenant_id);
  const configVersion = Number(row.config_version);
  const bundle = await publishedBundle(deps.db.client, tenantId, configVersion);
  const roleKey = String(row.role);
  const roleKeys = heldRoles(row);
  const userId = String(row.user_id);
  const role = rolesFor(bundle, roleKeys);
  const team = row.team === null ? null : String(row.team);
  return {
    userId,
    name: String(row.name),
    email: String(row.email),
    tenantId,
    roleKey,
    roleKeys,
    role,
    team,
    ...(reachesBelow(role) ? await teamReach(deps.db.client, tenantId, userId, team) : directReach(team, JSON.parse(String(row.managed)))),
    configVersion,
    bundle,
    seenAt: Number(row.seen_at),
    at: deps.now(),
  };
}
