import {
  ACTIONS,
  SCOPES,
  TASKS,
  type Action,
  type Bundle,
  type EntityDef,
  type EntityPrivileges,
  type FieldRule,
  type RoleDef,
  type Scope,
  type Task,
} from '../browser-safe/bundle.ts';
import { calculationInputs } from '../browser-safe/calculated.ts';

/** Who is asking: the signed-in person in one tenant, with the role read from the database on this request. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  tenantId: string;
  /** Their first role: `owner` is only ever held alone, as the first. */
  roleKey: string;
  /** Every role they hold, the first one first. */
  roleKeys: readonly string[];
  /** What their roles grant together: the union of their privileges. */
  role: RoleDef;
  /** Their own team, which the records they own carry. */
  team: string | null;
  /** The teams whose records a `team` scope reaches: their own and those they manage. */
  teams: readonly string[];
  /** The teams whose records a `teamAndBelow` scope reaches: `teams` and every team below them. */
  teamTree: readonly string[];
  /** The part of the company's people in `teamTree` (0 when not read: their roles reach no further than their teams). */
  treeShare: number;
  configVersion: number;
  bundle: Bundle;
  /** When the request was made: shares that end earlier no longer count. */
  at: number;
}

/** The fields of a record a person may own or see, as the access policy needs them. */
export interface RecordRef {
  ownerId: string;
  createdBy: string;
  team: string | null;
  /** What a share of the record gives the person asking (`update` includes reading), when known. */
  shared?: ShareAccess | null;
}

export type ShareAccess = 'read' | 'update';

export const OWNER_ROLE = 'owner';
export const MEMBER_ROLE = 'member';

const NO_ACCESS: EntityPrivileges = { create: 'none', read: 'none', update: 'none', delete: 'none', assign: 'none' };

/** The owner role is fixed in code: every scope `all` on every entity, every task, no field rules. */
function ownerRole(bundle: Bundle): RoleDef {
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
  return Object.hasOwn(bundle.roles, roleKey) ? bundle.roles[roleKey]! : { label: roleKey, entities: {}, tasks: [] };
}

/** The roles a membership row holds (`role`, then `extra_roles`). */
export const heldRoles = (row: Record<string, unknown>): string[] => [String(row.role), ...(JSON.parse(String(row.extra_roles)) as string[])];

const FIELD_RULE_RANK = { readonly: 1, hidden: 2 } as const;

/**
 * What several roles grant together: per record type and action the widest scope, every task, and per field the
 * mildest rule among the roles that read the record type at all (a field one of them shows is shown).
 */
export function rolesFor(bundle: Bundle, roleKeys: readonly string[]): RoleDef {
  const roles = roleKeys.map((key) => roleFor(bundle, key));
  if (roles.length === 1) return roles[0]!;
  const entities: Record<string, EntityPrivileges> = {};
  for (const entity of Object.keys(bundle.entities)) {
    const each = roles.map((r) => entityPrivileges(r, bundle, entity));
    const widest = Object.fromEntries(ACTIONS.map((a) => [a, SCOPES[Math.max(...each.map((p) => scopeRank(p[a])))]!])) as Record<Action, Scope>;
    const readers = each.filter((p) => p.read !== 'none');
    const fields: Record<string, FieldRule> = {};
    for (const field of new Set(readers.flatMap((p) => Object.keys(p.fields ?? {})))) {
      const rules = readers.map((p) => p.fields?.[field]);
      if (rules.every((r) => r !== undefined)) fields[field] = rules.reduce((a, b) => (FIELD_RULE_RANK[a] <= FIELD_RULE_RANK[b] ? a : b));
    }
    entities[entity] = Object.keys(fields).length ? { ...widest, fields } : widest;
  }
  return { label: roles.map((r) => r.label).join(', '), entities, tasks: TASKS.filter((t) => roles.some((r) => r.tasks.includes(t))) };
}

function entityPrivileges(role: RoleDef, bundle: Bundle, entity: string): EntityPrivileges {
  if (!Object.hasOwn(bundle.entities, entity) || !Object.hasOwn(role.entities, entity)) return NO_ACCESS;
  return role.entities[entity]!;
}

export function privileges(actor: Pick<Actor, 'role' | 'bundle'>, entity: string): EntityPrivileges {
  return entityPrivileges(actor.role, actor.bundle, entity);
}

/** How wide a scope is: none < own < team < team and below < all. */
export const scopeRank = (scope: Scope) => SCOPES.indexOf(scope);

/**
 * True when `roleKey` grants nothing beyond what the actor holds: no task, scope or field they lack.
 * Owners hold everything. Used so that managing people never lets anyone hand out (or take over) more than they have.
 */
export function roleWithin(actor: Pick<Actor, 'roleKey' | 'role' | 'bundle'>, roleKey: string): boolean {
  if (actor.roleKey === OWNER_ROLE) return true;
  if (roleKey === OWNER_ROLE) return false;
  const role = roleFor(actor.bundle, roleKey);
  if (role.tasks.some((t) => !actor.role.tasks.includes(t))) return false;
  return Object.keys(actor.bundle.entities).every((entity) => {
    const theirs = entityPrivileges(role, actor.bundle, entity);
    const mine = privileges(actor, entity);
    if (ACTIONS.some((a) => scopeRank(theirs[a]) > scopeRank(mine[a]))) return false;
    // A field hidden or readonly for me must be at least as restricted for them.
    return Object.entries(mine.fields ?? {}).every(
      ([field, rule]) => theirs.fields?.[field] === 'hidden' || (rule === 'readonly' && theirs.fields?.[field] === 'readonly') || scopeRank(theirs.read) === 0,
    );
  });
}

export function scopeOf(actor: Actor, action: Action, entity: string): Scope {
  return privileges(actor, entity)[action];
}

export function hasTask(actor: Pick<Actor, 'role'>, task: Task): boolean {
  return actor.role.tasks.includes(task);
}

/** True when a record falls inside `scope` for this actor: own = created by or assigned to me. */
export function inScope(actor: Actor, scope: Scope, record: RecordRef): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'teamAndBelow':
      if (record.team !== null && actor.teamTree.includes(record.team)) return true;
    // falls through: team and below includes team
    case 'team':
      if (record.team !== null && actor.teams.includes(record.team)) return true;
    // falls through: team includes own
    case 'own':
      return record.ownerId === actor.userId || record.createdBy === actor.userId;
    default:
      return false;
  }
}

/** The share accesses that let someone do `action` to a record: reading comes with either, updating with `update`, nothing else. */
export function shareAccessFor(action: Action): ShareAccess[] {
  if (action === 'read') return ['read', 'update'];
  return action === 'update' ? ['update'] : [];
}

/**
 * The one permission check: may `actor` do `action` on `entity` (and, when given, on this record)? A share lets them
 * read or update a record outside their scope, never more than their role allows on the record type.
 */
export function can(actor: Actor, action: Action, entity: string, record?: RecordRef): boolean {
  const scope = scopeOf(actor, action, entity);
  if (scope === 'none') return false;
  if (!record) return true;
  return inScope(actor, scope, record) || (record.shared != null && shareAccessFor(action).includes(record.shared));
}

/** Field rules of the actor's role on an entity. */
export function fieldRules(actor: Actor, entity: string): { hidden: Set<string>; readonly: Set<string> } {
  return rulesOf(actor, entity, new Set());
}

/** `fieldRules`, with the record types whose rules are being worked out already (`seen`): roll-ups may count each other. */
function rulesOf(actor: Actor, entity: string, seen: Set<string>): { hidden: Set<string>; readonly: Set<string> } {
  const rules = privileges(actor, entity).fields ?? {};
  const hidden = new Set<string>();
  const readonly = new Set<string>();
  for (const [field, rule] of Object.entries(rules)) (rule === 'hidden' ? hidden : readonly).add(field);
  const def = Object.hasOwn(actor.bundle.entities, entity) ? actor.bundle.entities[entity] : undefined;
  if (def) for (const field of concealedCalculations(actor, def, hidden, new Set([...seen, entity]))) hidden.add(field);
  return { hidden, readonly };
}

/**
 * Calculated fields that would tell the actor what they may not see: a formula reading a field hidden from them, a
 * roll-up over records of which they may not read every one, or over fields of them hidden from them (calculated ones
 * included).
 */
function concealedCalculations(actor: Actor, def: EntityDef, hidden: ReadonlySet<string>, seen: Set<string>): string[] {
  const { formulas, rollups } = calculationInputs(def);
  if (!formulas.length && !rollups.length) return [];
  const concealed = new Set(
    rollups
      .filter((r) => {
        const source = privileges(actor, r.entity);
        if (source.read !== 'all') return true;
        // In a circle of roll-ups (an account summing its child accounts) the type's own rules stand for its whole rules.
        const theirs = seen.has(r.entity)
          ? new Set(Object.keys(source.fields ?? {}).filter((f) => source.fields![f] === 'hidden'))
          : rulesOf(actor, r.entity, seen).hidden;
        return r.reads.some((f) => theirs.has(f));
      })
      .map((r) => r.field),
  );
  // A formula may read another calculated field: what hides one hides those reading it, until nothing changes.
  for (let grew = true; grew;) {
    grew = false;
    for (const f of formulas) {
      if (concealed.has(f.field) || !f.reads.some((r) => hidden.has(r) || concealed.has(r))) continue;
      concealed.add(f.field);
      grew = true;
    }
  }
  return [...concealed];
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
