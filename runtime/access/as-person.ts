import type { Client } from '@libsql/client';
import { audit } from '../audit/log.ts';
import type { Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { hasTask, heldRoles, rolesFor, scopeOf, type Actor } from './policy.ts';
import { scopeFor, type RecordScope } from './scope.ts';
import { teamReach, type TeamReach } from './teams.ts';

/** A person of the caller's company as the access policy sees them under `bundle` (the caller's published one by default). */
export function actorAs(
  caller: Actor,
  person: { userId: string; name: string; team: string | null; roleKeys: readonly string[]; email?: string } & TeamReach,
  bundle = caller.bundle,
): Actor {
  return { ...caller, ...person, email: person.email ?? '', roleKey: person.roleKeys[0]!, role: rolesFor(bundle, person.roleKeys), bundle };
}

/** Another person of the caller's company, as the access policy sees them under the same published configuration. */
export async function personActor(db: Client, caller: Actor, personId: string): Promise<{ actor: Actor; active: boolean } | undefined> {
  const row = (
    await db.execute({
      sql: 'SELECT u.name, u.email, m.role, m.extra_roles, m.team, m.active FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? AND m.user_id = ?',
      args: [caller.tenantId, personId],
    })
  ).rows[0];
  if (!row) return undefined;
  const team = row.team === null ? null : String(row.team);
  return {
    actor: actorAs(caller, {
      userId: personId,
      name: String(row.name),
      email: String(row.email),
      team,
      ...(await teamReach(db, caller.tenantId, personId, team)),
      roleKeys: heldRoles(row),
    }),
    active: Number(row.active) === 1,
  };
}

/**
 * "View as": the read scope of another person on `entity`, so a list shows exactly what they see. Only for callers who
 * manage users and read every record of the entity themselves (else the view would show them records they may not
 * read). Each look is audited.
 */
export async function viewAsScope(deps: Deps, caller: Actor, entity: string, personId: string): Promise<RecordScope> {
  if (!hasTask(caller, 'manage.users') || scopeOf(caller, 'read', entity) !== 'all')
    throw new Problem(403, `Viewing as someone else needs the manage.users task and reading every ${entity} record yourself.`);
  const person = await personActor(deps.db.client, caller, personId);
  if (!person) throw notFound('person');
  if (!person.active || scopeOf(person.actor, 'read', entity) === 'none') throw new Problem(403, `${person.actor.name} may not read ${entity} records.`);
  await deps.db.write((tx) =>
    audit(
      tx,
      { tenantId: caller.tenantId, actorId: caller.userId, action: 'access.viewed_as', targetType: 'user', targetId: personId, changes: { entity } },
      deps.now(),
    ),
  );
  return scopeFor(person.actor, 'read', entity);
}
