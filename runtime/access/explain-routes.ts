import { Hono } from 'hono';
import { ACTIONS, type Action, type Scope } from '../browser-safe/bundle.ts';
import { boolean, json, listOf, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { entityDef } from '../records/request.ts';
import { getRecord } from '../records/store.ts';
import { personActor } from './as-person.ts';
import { can, fieldRules, scopeOf } from './policy.ts';
import { scopeFor } from './scope.ts';
import { teamName } from './teams.ts';

/** Why a person may or may not do an action to a record. */
export type Reason = 'all' | 'owner' | 'creator' | 'team' | 'teamBelow' | 'shared' | 'outside' | 'noScope' | 'inactive';

const EXPLANATION = object({
  person: object({ id: string, name: string, role: string, roles: listOf(string), team: orNull(string), active: boolean }),
  recordTeam: { ...orNull(string), description: 'The name of the team the record belongs to (its owner’s team).' },
  actions: listOf(object({ action: string, allowed: boolean, scope: string, reason: string })),
  hidden: listOf(string),
  readonly: listOf(string),
});

/**
 * "Why can this person see this?" (`manage.users`): for a record the caller may read, which grant lets a person of the
 * company read, update, delete or assign it — their role's scope and what makes the record theirs — or why not.
 */
export function explainRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/explain',
    route({
      summary: 'Why a person may or may not act on a record',
      description:
        'Reasons: `all` (their role reaches every record), `owner`, `creator`, `team` (it is their team’s or a team’s they manage), `teamBelow` (it is a team’s below those), `shared` (it is shared with them or their team), `outside` (their role reaches only their own or their teams’, and this is neither), `noScope`, `inactive`.',
      access: anyTask(['manage.users'], 'Your role may not look into other people’s access.'),
      query: {
        person: { schema: string, description: 'The person (user id).' },
        entity: { schema: string, description: 'The kind of record.' },
        id: { schema: string, description: 'The record.' },
      },
      responses: {
        200: json('Per action, allowed or not and why; the fields hidden from them or read-only.', EXPLANATION),
        404: problem('No such record you may read, or no such person.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { person: personId, entity, id } = c.req.query();
      if (!personId || !entity || !id)
        throw new Problem(
          400,
          'Name a person, an entity and a record.',
          (['person', 'entity', 'id'] as const).filter((k) => !c.req.query(k)).map((k) => ({ path: `/${k}`, message: 'is required' })),
        );
      entityDef(actor, entity);
      // The record as the caller may read it: anything else is the 404 of a missing one.
      const record = await getRecord(deps.db.client, scopeFor(actor, 'read', entity), id);
      if (!record) throw notFound();
      const person = await personActor(deps.db.client, actor, personId);
      if (!person) throw notFound('person');
      const { actor: them, active } = person;
      // The record as they would find it: with what a share gives them on it.
      const theirs = scopeOf(them, 'read', entity) === 'none' ? undefined : await getRecord(deps.db.client, scopeFor(them, 'read', entity), id);
      const ref = { ...record, shared: theirs?.shared ?? null };
      const inTeam = (teams: readonly string[]) => record.team !== null && teams.includes(record.team);
      const reason = (action: Action, scope: Scope): Reason => {
        if (!active) return 'inactive';
        if (scope === 'none') return 'noScope';
        if (scope === 'all') return 'all';
        if (record.ownerId === personId) return 'owner';
        if (record.createdBy === personId) return 'creator';
        if ((scope === 'team' || scope === 'teamAndBelow') && inTeam(them.teams)) return 'team';
        if (scope === 'teamAndBelow' && inTeam(them.teamTree)) return 'teamBelow';
        return can(them, action, entity, ref) ? 'shared' : 'outside';
      };
      const actions = ACTIONS.filter((a) => a !== 'create').map((action) => {
        const scope = scopeOf(them, action, entity);
        return { action, scope, allowed: active && can(them, action, entity, ref), reason: reason(action, scope) };
      });
      const rules = fieldRules(them, entity);
      // A team deleted since is named by its key.
      const recordTeam = record.team === null ? null : ((await teamName(deps.db.client, actor.tenantId, record.team)) ?? record.team);
      return c.json({
        person: { id: personId, name: them.name, role: them.roleKey, roles: them.roleKeys, team: them.team, active },
        recordTeam,
        actions,
        hidden: [...rules.hidden],
        readonly: [...rules.readonly],
      });
    },
  );

  return app;
}
