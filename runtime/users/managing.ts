import type { Actor } from '../access/policy.ts';
import { anyTask } from '../http/contract.ts';
import { Problem } from '../http/problem.ts';

/** Who may manage the tenant's people: their memberships, invitations and passwords. */
export const MANAGE_USERS = anyTask(['manage.users'], 'Your role may not manage users.');

/** Refuses (422 at `path`) a role key the actor's tenant does not define. */
export function requireKnownRole(actor: Actor, role: string | undefined, path = '/role'): void {
  if (role !== undefined && !Object.hasOwn(actor.bundle.roles, role))
    throw new Problem(422, `There is no role "${role}".`, [{ path, message: 'is not a role of this tenant' }]);
}
