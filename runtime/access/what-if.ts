import type { Client } from '@libsql/client';
import { ACTIONS, type Action, type Bundle } from '../browser-safe/bundle.ts';
import type { AccessChange } from '../browser-safe/access-changes.ts';
import type { FieldError } from '../http/problem.ts';
import { actorAs } from './as-person.ts';
import { heldRoles, OWNER_ROLE, scopeOf, scopeRank, type Actor } from './policy.ts';
import { scopeFor, scopeSql } from './scope.ts';
import { teamReach, type TeamReach } from './teams.ts';

interface Person extends TeamReach {
  userId: string;
  name: string;
  roleKeys: string[];
  team: string | null;
}

/**
 * How many records of `entity` the person may do `action` to: the runtime's own scope, so the what-if counts exactly
 * what the person will get. Scopes nest (own ⊂ team ⊂ team and below ⊂ all), so gains and losses are differences of counts.
 */
async function countIn(db: Client, them: Actor, entity: string, action: Action): Promise<number> {
  if (scopeOf(them, action, entity) === 'none') return 0;
  const where = scopeSql(scopeFor(them, action, entity));
  return Number((await db.execute({ sql: `SELECT count(*) AS n FROM records r WHERE ${where.sql}`, args: where.args })).rows[0]!.n);
}

/**
 * What publishing `next` over `current` changes in who may do what to which records: per active member whose role
 * changes a scope, the records they gain or lose per action. Counts only for record types the reviewer reads in full —
 * otherwise the numbers would tell them about records they cannot see (`gained`/`lost` are then null). Also refuses
 * the removal of roles people still hold: their access would silently vanish.
 */
export async function accessImpact(db: Client, actor: Actor, current: Bundle, next: Bundle): Promise<{ changes: AccessChange[]; problems: FieldError[] }> {
  const rows = (
    await db.execute({
      sql: `SELECT m.user_id, u.name, m.role, m.extra_roles, m.team FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.tenant_id = ? AND m.active = 1 AND m.role != ? ORDER BY u.name, m.user_id`,
      args: [actor.tenantId, OWNER_ROLE],
    })
  ).rows;
  const people: Person[] = [];
  for (const r of rows) {
    const [userId, team] = [String(r.user_id), r.team === null ? null : String(r.team)];
    people.push({ userId, name: String(r.name), roleKeys: heldRoles(r), team, ...(await teamReach(db, actor.tenantId, userId, team)) });
  }
  const problems: FieldError[] = [];
  const held = new Map<string, number>();
  for (const p of people) for (const role of p.roleKeys) held.set(role, (held.get(role) ?? 0) + 1);
  for (const [role, n] of held)
    if (Object.hasOwn(current.roles, role) && !Object.hasOwn(next.roles, role))
      problems.push({ path: `/roles/${role}`, message: `is held by ${n} ${n === 1 ? 'person' : 'people'}: give them another role first` });

  const changes: AccessChange[] = [];
  for (const person of people) {
    // The person as the policy sees them under each version.
    const as = (bundle: Bundle) => actorAs(actor, person, bundle);
    const [before, after] = [as(current), as(next)];
    for (const entity of Object.keys(next.entities)) {
      const counted = scopeOf(actor, 'read', entity) === 'all';
      for (const action of ACTIONS) {
        const from = scopeOf(before, action, entity);
        const to = scopeOf(after, action, entity);
        if (from === to) continue;
        let gained: number | null = null;
        let lost: number | null = null;
        // Creating concerns no existing record: only the scope is told.
        if (counted && action !== 'create') {
          const [a, b] = await Promise.all([countIn(db, before, entity, action), countIn(db, after, entity, action)]);
          gained = scopeRank(to) > scopeRank(from) ? b - a : 0;
          lost = scopeRank(to) < scopeRank(from) ? a - b : 0;
        }
        changes.push({ userId: person.userId, name: person.name, role: person.roleKeys[0]!, entity, action, from, to, gained, lost });
      }
    }
  }
  return { changes, problems };
}
