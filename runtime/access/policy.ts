import { ACTIONS, TASKS, type Action, type Bundle, type EntityPrivileges, type RoleDef, type Scope, type Task } from '../config/bundle.ts';

/** Who is asking: the signed-in person in one tenant, with the role read from the database on this request. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  tenantId: string;
  roleKey: string;
  role: RoleDef;
  team: string | null;
  configVersion: number;
  bundle: Bundle;
}

/** The fields of a record a person may own or see, as the access policy needs them. */
export interface RecordRef {
  ownerId: string;
  createdBy: string;
  team: string | null;
}

export const OWNER_ROLE = 'owner';
export const MEMBER_ROLE = 'member';

const NO_ACCESS: EntityPrivileges = { create: 'none', read: 'none', update: 'none', delete: 'none', assign: 'none' };

/** The owner role is fixed in code: every scope `all` on every entity, every task, no field rules. */
export function ownerRole(bundle: Bundle): RoleDef {
  const all = Object.fromEntries(ACTIONS.map((a) => [a, 'all'])) as Record<Action, Scope>;
  return {
    label: bundle.roles[OWNER_ROLE]?.label ?? 'Owner',
    entities: Object.fromEntries(Object.keys(bundle.entities).map((e) => [e, { ...all }])),
    tasks: [...TASKS],
  };
}

/** The role a membership's role key grants under a published bundle; an unknown key grants nothing. */
export function roleFor(bundle: Bundle, roleKey: string): RoleDef {
  if (roleKey === OWNER_ROLE) return ownerRole(bundle);
  return bundle.roles[roleKey] ?? { label: roleKey, entities: {}, tasks: [] };
}

export function privileges(actor: Actor, entity: string): EntityPrivileges {
  if (!(entity in actor.bundle.entities)) return NO_ACCESS;
  return actor.role.entities[entity] ?? NO_ACCESS;
}

export function scopeOf(actor: Actor, action: Action, entity: string): Scope {
  return privileges(actor, entity)[action];
}

export function hasTask(actor: Actor, task: Task): boolean {
  return actor.role.tasks.includes(task);
}

/** True when a record falls inside `scope` for this actor: own = created by or assigned to me. */
export function inScope(actor: Actor, scope: Scope, record: RecordRef): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'team':
      if (actor.team !== null && record.team === actor.team) return true;
    // falls through: team includes own
    case 'own':
      return record.ownerId === actor.userId || record.createdBy === actor.userId;
    default:
      return false;
  }
}

/** The one permission check: may `actor` do `action` on `entity` (and, when given, on this record)? */
export function can(actor: Actor, action: Action, entity: string, record?: RecordRef): boolean {
  const scope = scopeOf(actor, action, entity);
  if (scope === 'none') return false;
  return record ? inScope(actor, scope, record) : true;
}

/** Field rules of the actor's role on an entity. */
export function fieldRules(actor: Actor, entity: string): { hidden: Set<string>; readonly: Set<string> } {
  const rules = privileges(actor, entity).fields ?? {};
  const hidden = new Set<string>();
  const readonly = new Set<string>();
  for (const [field, rule] of Object.entries(rules)) (rule === 'hidden' ? hidden : readonly).add(field);
  return { hidden, readonly };
}

/** What the actor's role grants, for the actor's own eyes (`/api/me`, `/api/config`). */
export function privilegeView(actor: Actor) {
  const entities = Object.fromEntries(
    Object.keys(actor.bundle.entities).map((e) => {
      const { fields: _fields, ...scopes } = privileges(actor, e);
      return [e, scopes];
    }),
  );
  return { entities, tasks: [...actor.role.tasks] };
}
