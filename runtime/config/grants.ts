import { ACTIONS, type Bundle } from '../browser-safe/bundle.ts';
import { OWNER_ROLE, privileges, scopeRank as rank, type Actor } from '../access/policy.ts';
import type { FieldError } from '../http/problem.ts';

const strictness = (rule: string | undefined) => (rule === 'hidden' ? 2 : rule === 'readonly' ? 1 : 0);

/**
 * Role edits by someone who is not an owner may not grant more than that person holds:
 * no task they lack, no scope wider than both the role's previous one and their own, no field rule loosened below their own.
 */
export function grantErrors(actor: Actor, before: Bundle, after: Bundle): FieldError[] {
  if (actor.roleKey === OWNER_ROLE) return [];
  const errors: FieldError[] = [];
  for (const [key, role] of Object.entries(after.roles)) {
    const old = Object.hasOwn(before.roles, key) ? before.roles[key] : undefined;
    role.tasks.forEach((task, i) => {
      if (!old?.tasks.includes(task) && !actor.role.tasks.includes(task))
        errors.push({ path: `/roles/${key}/tasks/${i}`, message: 'you cannot grant a task you do not hold' });
    });
    for (const [entity, granted] of Object.entries(role.entities)) {
      for (const action of ACTIONS) {
        const limit = Math.max(rank(old?.entities[entity]?.[action] ?? 'none'), rank(privileges(actor, entity)[action]));
        if (rank(granted[action]) > limit)
          errors.push({ path: `/roles/${key}/entities/${entity}/${action}`, message: 'you cannot grant a scope wider than your own' });
      }
      // A field rule may not become looser than both its previous rule and the editor's own rule on that field.
      for (const [field, mine] of Object.entries(privileges(actor, entity).fields ?? {})) {
        const limit = Math.min(strictness(old?.entities[entity]?.fields?.[field]), strictness(mine));
        if (strictness(granted.fields?.[field]) < limit)
          errors.push({ path: `/roles/${key}/entities/${entity}/fields/${field}`, message: 'you cannot loosen a rule on a field restricted for you' });
      }
    }
  }
  return errors;
}
