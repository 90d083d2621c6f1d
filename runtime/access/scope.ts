import type { Action, Scope } from '../browser-safe/bundle.ts';
import { Problem } from '../http/problem.ts';
import { fieldRules, scopeOf, shareAccessFor, type Actor, type ShareAccess } from './policy.ts';

declare const scoped: unique symbol;

/**
 * Which records of one entity a request may touch. Only `scopeFor` makes one, and every record
 * store function takes one, so a read or write without a scope does not type-check.
 */
export interface RecordScope {
  readonly [scoped]: true;
  readonly tenantId: string;
  readonly entity: string;
  readonly kind: Exclude<Scope, 'none'>;
  readonly userId: string;
  /** The teams whose records are in scope (team scopes only). */
  readonly teams: readonly string[];
  /** Shares that bring a record into scope: of these accesses, to the person or to a team they belong to or manage (none when the scope is `all`). */
  readonly shares: { readonly access: readonly ShareAccess[]; readonly teams: readonly string[]; readonly now: number } | null;
  /**
   * A "team and below" scope over at least a twentieth of the company: its records are met soon walking the entity in
   * order, which beats one index walk per team.
   */
  readonly broad: boolean;
  /** Form fields the actor may not see: never returned, matched, filtered or sorted on. */
  readonly hidden: ReadonlySet<string>;
}

/** The actor's scope for `action` on `entity`; 403 when the role grants none. */
export function scopeFor(actor: Actor, action: Action, entity: string): RecordScope {
  const kind = scopeOf(actor, action, entity);
  if (kind === 'none') throw new Problem(403, `Your role may not ${action} ${entity} records.`);
  return {
    tenantId: actor.tenantId,
    entity,
    kind,
    userId: actor.userId,
    teams: kind === 'team' ? actor.teams : kind === 'teamAndBelow' ? actor.teamTree : [],
    shares: kind === 'all' || shareAccessFor(action).length === 0 ? null : { access: shareAccessFor(action), teams: actor.teams, now: actor.at },
    broad: kind === 'teamAndBelow' && actor.teamTree.length >= BROAD_TEAMS && actor.treeShare >= BROAD_SHARE,
    hidden: fieldRules(actor, entity).hidden,
  } as unknown as RecordScope;
}

const BROAD_TEAMS = 3;
const BROAD_SHARE = 0.05;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The shares that bring records into `scope`, as SQL selecting `select` from them (`record_id` for the audit trail). */
export function sharedSql(scope: RecordScope, select = 's.record_seq'): { sql: string; args: (string | number)[] } | undefined {
  const shares = scope.shares;
  if (!shares) return undefined;
  const toTeam = shares.teams.length ? ` OR s.team IN (${marks(shares.teams.length)})` : '';
  return {
    sql: `SELECT ${select} FROM record_shares s WHERE s.tenant_id = ? AND s.entity = ? AND (s.user_id = ?${toTeam})
      AND (s.until IS NULL OR s.until > ?) AND s.access IN (${marks(shares.access.length)})`,
    args: [scope.tenantId, scope.entity, scope.userId, ...shares.teams, shares.now, ...shares.access],
  };
}

/**
 * The scope as SQL over the records table aliased `r`: one disjunct per way a record can be in scope (owner, creator,
 * each team, shares), each one index walk.
 */
export function scopeConditions(scope: RecordScope): { sql: string; args: (string | number)[] }[] {
  const base = { sql: 'r.tenant_id = ? AND r.entity = ?', args: [scope.tenantId, scope.entity] };
  if (scope.kind === 'all') return [base];
  const ways: { sql: string; args: (string | number)[] }[] = [
    { sql: `${base.sql} AND r.owner_id = ?`, args: [...base.args, scope.userId] },
    { sql: `${base.sql} AND r.created_by = ?`, args: [...base.args, scope.userId] },
    ...scope.teams.map((team) => ({ sql: `${base.sql} AND r.team = ?`, args: [...base.args, team] })),
  ];
  const shared = sharedSql(scope);
  // Driven by the few shares, never by walking the entity's records: the share table names tenant and entity already.
  if (shared) ways.push({ sql: `r.seq IN (${shared.sql})`, args: shared.args });
  return ways;
}

/**
 * A broad scope as one walk of the entity in the sort order: the ways into scope are checked row by row (`+` keeps
 * SQLite from driving by their indexes, which would gather every record of the teams and sort them).
 */
export function scopeWalk(scope: RecordScope): { sql: string; args: (string | number)[] } {
  const shared = sharedSql(scope);
  return {
    sql: `r.tenant_id = ? AND r.entity = ? AND (+r.owner_id = ? OR +r.created_by = ? OR +r.team IN (${marks(scope.teams.length)})${shared ? ` OR +r.seq IN (${shared.sql})` : ''})`,
    args: [scope.tenantId, scope.entity, scope.userId, scope.userId, ...scope.teams, ...(shared?.args ?? [])],
  };
}

/** The scope as one condition over `records r` (its disjuncts OR-ed), for reads that filter rather than page. */
export function scopeSql(scope: RecordScope): { sql: string; args: (string | number)[] } {
  const parts = scopeConditions(scope);
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, args: parts.flatMap((p) => p.args) };
}

/**
 * A scope split for figures kept per team: the teams whose every record is inside it (none for an own scope), and the
 * rest of it as one condition over `records r` — records owned, created or shared that belong to no team or to
 * another. The two never meet, and together they are exactly {@link scopeSql}. Not for an `all` scope.
 */
export function scopeByTeams(scope: RecordScope): { teams: readonly string[]; rest: { sql: string; args: (string | number)[] } } {
  const others = scopeSql({ ...scope, teams: [] });
  if (scope.teams.length === 0) return { teams: [], rest: others };
  return {
    teams: scope.teams,
    rest: { sql: `${others.sql} AND (r.team IS NULL OR r.team NOT IN (${marks(scope.teams.length)}))`, args: [...others.args, ...scope.teams] },
  };
}

/**
 * Which audit events a reader of the audit trail may see, as SQL over `audit_events a`:
 * events about records only when the record was inside the reader's read scope for its entity.
 */
export function auditScopeSql(actor: Actor): { sql: string; args: (string | number)[] } {
  const parts = ['a.entity IS NULL'];
  const args: (string | number)[] = [];
  for (const entity of Object.keys(actor.bundle.entities)) {
    if (scopeOf(actor, 'read', entity) === 'none') continue;
    const scope = scopeFor(actor, 'read', entity);
    if (scope.kind === 'all') {
      parts.push('a.entity = ?');
      args.push(entity);
      continue;
    }
    let own = 'a.entity = ? AND (a.record_owner = ? OR a.record_creator = ?';
    args.push(entity, actor.userId, actor.userId);
    if (scope.teams.length) {
      own += ` OR a.record_team IN (${marks(scope.teams.length)})`;
      args.push(...scope.teams);
    }
    const shared = sharedSql(scope, 's.record_id');
    if (shared) {
      own += ` OR a.target_id IN (${shared.sql})`;
      args.push(...shared.args);
    }
    parts.push(`(${own}))`);
  }
  return { sql: `(${parts.join(' OR ')})`, args };
}

/**
 * Records of any entity the actor may read, as one condition over `records r` (false when none): for what points at
 * records from elsewhere (tasks, notifications), so nothing shows a record outside the reader's scope.
 */
export function readableSql(actor: Actor): { sql: string; args: (string | number)[] } {
  const parts = Object.keys(actor.bundle.entities)
    .filter((entity) => scopeOf(actor, 'read', entity) !== 'none')
    .map((entity) => scopeSql(scopeFor(actor, 'read', entity)));
  if (parts.length === 0) return { sql: '0', args: [] };
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, args: parts.flatMap((p) => p.args) };
}

/** A record's title as a reader sees it: its entity's title field, unless the reader's role hides that field. */
export function titleFor(actor: Actor, entity: string, data: Record<string, unknown>): string | null {
  const def = actor.bundle.entities[entity];
  if (!def || fieldRules(actor, entity).hidden.has(def.titleField)) return null;
  const value = data[def.titleField];
  return value === undefined || value === null ? null : String(value);
}

/**
 * Which messages the actor may read, as one condition over `emails e`: those filed on a record the actor may read, and
 * those of the actor's own mailbox. Unfiling a message from someone's last record hides it from them at once.
 */
export function emailVisibleSql(actor: Actor): { sql: string; args: (string | number)[] } {
  const readable = readableSql(actor);
  return {
    sql: `(EXISTS (SELECT 1 FROM email_links l CROSS JOIN records r ON r.tenant_id = l.tenant_id AND r.id = l.record_id WHERE l.email_seq = e.seq AND ${readable.sql})
      OR EXISTS (SELECT 1 FROM email_sources s JOIN mailboxes m ON m.id = s.mailbox_id WHERE s.email_seq = e.seq AND m.tenant_id = ? AND m.personal_user_id = ?))`,
    args: [...readable.args, actor.tenantId, actor.userId],
  };
}

/**
 * Messages the actor sorts by hand, as one condition over `emails e`: those of shared mailboxes for `email.sync`
 * holders, and those of the actor's own mailboxes.
 */
export function emailSortableSql(actor: Actor): { sql: string; args: (string | number)[] } {
  return {
    sql: `EXISTS (SELECT 1 FROM email_sources s JOIN mailboxes m ON m.id = s.mailbox_id WHERE s.email_seq = e.seq AND m.tenant_id = ?
      AND (m.personal_user_id = ? OR (m.personal_user_id IS NULL AND ?)))`,
    args: [actor.tenantId, actor.userId, actor.role.tasks.includes('email.sync') ? 1 : 0],
  };
}

/** Messages filed on no record yet, of the mailboxes the actor sorts, as one condition over `emails e`. */
export function emailUnfiledSql(actor: Actor): { sql: string; args: (string | number)[] } {
  const sorts = emailSortableSql(actor);
  return { sql: `(NOT EXISTS (SELECT 1 FROM email_links l WHERE l.email_seq = e.seq) AND ${sorts.sql})`, args: sorts.args };
}
