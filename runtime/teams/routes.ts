import type { Transaction } from '@libsql/client';
import { Hono } from 'hono';
import { OWNER_ROLE, type Actor } from '../access/policy.ts';
import { teamName, teamReach } from '../access/teams.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { empty, items, json, listOf, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { MANAGE_USERS } from '../users/managing.ts';
import { reteamOwner } from '../records/reteam.ts';

const name = { type: 'string', minLength: 1, maxLength: 80, pattern: '\\S' } as const;
const parent = { type: ['string', 'null'], maxLength: 64 } as const;
const createBody = bodySchema<{ name: string; parent?: string | null; key?: string }>({
  type: 'object',
  properties: { name, parent, key: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } },
  required: ['name'],
  additionalProperties: false,
});
const patchBody = bodySchema<{ name?: string; parent?: string | null }>({
  type: 'object',
  properties: { name, parent },
  additionalProperties: false,
});

const TEAM = object({
  key: string,
  name: string,
  parent: orNull(string),
  members: listOf(ref('Person')),
  managers: listOf(ref('Person')),
});

type Person = { id: string; name: string };

/** Every team of the tenant with its people, by name. */
async function listTeams(tx: Pick<Transaction, 'execute'>, tenantId: string) {
  const [teams, people] = await Promise.all([
    tx.execute({ sql: 'SELECT key, name, parent FROM teams WHERE tenant_id = ? ORDER BY name COLLATE NOCASE, key', args: [tenantId] }),
    tx.execute({
      sql: `SELECT m.team, u.id, u.name, 0 AS manager FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.tenant_id = ?1 AND m.team IS NOT NULL AND m.active = 1
            UNION ALL SELECT tm.team, u.id, u.name, 1 FROM team_managers tm JOIN users u ON u.id = tm.user_id WHERE tm.tenant_id = ?1
            ORDER BY 3 COLLATE NOCASE, 2`,
      args: [tenantId],
    }),
  ]);
  const byTeam = new Map<string, { members: Person[]; managers: Person[] }>();
  for (const t of teams.rows) byTeam.set(String(t.key), { members: [], managers: [] });
  for (const p of people.rows) byTeam.get(String(p.team))?.[Number(p.manager) === 1 ? 'managers' : 'members'].push({ id: String(p.id), name: String(p.name) });
  return teams.rows.map((t) => ({
    key: String(t.key),
    name: String(t.name),
    parent: t.parent === null ? null : String(t.parent),
    ...byTeam.get(String(t.key))!,
  }));
}

async function teamRow(tx: Transaction, tenantId: string, key: string) {
  const row = (await tx.execute({ sql: 'SELECT key, name, parent FROM teams WHERE tenant_id = ? AND key = ?', args: [tenantId, key] })).rows[0];
  if (!row) throw notFound('team');
  return { key: String(row.key), name: String(row.name), parent: row.parent === null ? null : String(row.parent) };
}

const refuse = (status: 409 | 422, message: string, path: string, detail: string) => new Problem(status, message, [{ path, message: detail }]);

async function requireUniqueName(tx: Transaction, tenantId: string, name: string, except?: string) {
  const row = (
    await tx.execute({ sql: 'SELECT 1 FROM teams WHERE tenant_id = ? AND name = ? COLLATE NOCASE AND key IS NOT ?', args: [tenantId, name, except ?? null] })
  ).rows[0];
  if (row) throw refuse(409, `There is a team called “${name}” already.`, '/name', 'is the name of another team');
}

/**
 * A parent for `key` (or for a new team): it must exist and not lie below the team itself. Someone who is not an owner
 * may not place a team below the teams they reach: that would widen their own access.
 */
async function checkParent(tx: Transaction, actor: Actor, parentKey: string | null, key?: string) {
  if (parentKey === null) return;
  const below = (
    await tx.execute({
      sql: `WITH RECURSIVE up(key, parent) AS (SELECT key, parent FROM teams WHERE tenant_id = ?1 AND key = ?2
              UNION SELECT t.key, t.parent FROM teams t JOIN up ON t.tenant_id = ?1 AND t.key = up.parent)
            SELECT key FROM up`,
      args: [actor.tenantId, parentKey],
    })
  ).rows.map((r) => String(r.key));
  if (below.length === 0) throw refuse(422, 'There is no such parent team.', '/parent', 'is not a team of this company');
  if (key !== undefined && below.includes(key)) throw refuse(422, 'A team cannot sit below itself.', '/parent', 'is this team or one below it');
  if (actor.roleKey !== OWNER_ROLE) {
    const mine = await teamReach(tx, actor.tenantId, actor.userId, actor.team);
    if (mine.teamTree.includes(parentKey)) throw new Problem(403, 'Only owners place teams below the teams they belong to or manage.');
  }
}

/**
 * Teams (`manage.users` to change them; everyone signed in reads them): named groups in a tree, each with members (a
 * person belongs to one team, set on the person) and managers (a person may manage several). "Team" scopes reach the
 * records of a person's own team and the teams they manage; "team and below" adds every team under those.
 */
export function teamRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);
  const record = (tx: Transaction, actor: Actor, action: string, targetId: string, changes: Record<string, unknown>) =>
    audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action, targetType: 'team', targetId, changes }, deps.now());

  app.get(
    '/',
    route({ summary: 'List the company’s teams', access: SIGNED_IN, responses: { 200: json('By name, with members and managers.', items(TEAM)) } }),
    async (c) => c.json({ items: await listTeams(db.client, c.get('actor').tenantId) }),
  );

  app.post(
    '/',
    route({
      summary: 'Create a team',
      description: '`key` is chosen once and never changes (generated when left out); the name can change later.',
      access: MANAGE_USERS,
      body: createBody,
      responses: {
        201: json('The new team.', TEAM),
        403: problem('Only owners place teams below their own.'),
        409: problem('The name or key is taken.'),
        422: problem('No such parent team.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, createBody);
      const team = { key: body.key ?? newId(), name: body.name.trim(), parent: body.parent ?? null };
      await db.write(async (tx) => {
        if ((await teamName(tx, actor.tenantId, team.key)) !== undefined)
          throw refuse(409, `There is a team with the key “${team.key}” already.`, '/key', 'is the key of another team');
        await requireUniqueName(tx, actor.tenantId, team.name);
        await checkParent(tx, actor, team.parent);
        await tx.execute({
          sql: 'INSERT INTO teams (tenant_id, key, name, parent, created_at) VALUES (?, ?, ?, ?, ?)',
          args: [actor.tenantId, team.key, team.name, team.parent, deps.now()],
        });
        await record(tx, actor, 'team.created', team.key, { name: team.name, parent: team.parent });
      });
      return c.json({ ...team, members: [], managers: [] }, 201);
    },
  );

  app.patch(
    '/:key',
    route({
      summary: 'Rename a team or move it under another',
      description: 'Moving a team changes at once whom the "team and below" scopes of the managers above it reach.',
      access: MANAGE_USERS,
      params: { key: string },
      body: patchBody,
      responses: {
        200: json('As it is now.', TEAM),
        403: problem('Only owners place teams below their own.'),
        404: problem('No such team.'),
        409: problem('Another team has that name.'),
        422: problem('No such parent, or one below the team itself.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, patchBody);
      const key = c.req.param('key');
      const team = await db.write(async (tx) => {
        const before = await teamRow(tx, actor.tenantId, key);
        const after = { ...before, name: body.name?.trim() ?? before.name, parent: body.parent === undefined ? before.parent : body.parent };
        if (after.name !== before.name) await requireUniqueName(tx, actor.tenantId, after.name, key);
        if (after.parent !== before.parent) await checkParent(tx, actor, after.parent, key);
        await tx.execute({
          sql: 'UPDATE teams SET name = ?, parent = ? WHERE tenant_id = ? AND key = ?',
          args: [after.name, after.parent, actor.tenantId, key],
        });
        // In words for the audit trail: the parent teams by name.
        const parentName = async (key: string | null) => (key === null ? null : (await teamRow(tx, actor.tenantId, key)).name);
        const changes: Record<string, { before: unknown; after: unknown }> = {};
        if (after.name !== before.name) changes.name = { before: before.name, after: after.name };
        if (after.parent !== before.parent) changes.parent = { before: await parentName(before.parent), after: await parentName(after.parent) };
        if (Object.keys(changes).length) await record(tx, actor, 'team.updated', key, changes);
        return (await listTeams(tx, actor.tenantId)).find((t) => t.key === key)!;
      });
      return c.json(team);
    },
  );

  app.delete(
    '/:key',
    route({
      summary: 'Delete a team',
      description: 'Refused while people belong to it, teams sit below it or invitations name it. Its managers and shares with it go with it.',
      access: MANAGE_USERS,
      params: { key: string },
      responses: { 204: empty('Deleted.'), 404: problem('No such team.'), 409: problem('It still has members, sub-teams or invitations.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const key = c.req.param('key');
      await db.write(async (tx) => {
        const team = await teamRow(tx, actor.tenantId, key);
        const held = (
          await tx.execute({
            sql: `SELECT (SELECT count(*) FROM memberships WHERE tenant_id = ?1 AND team = ?2 AND active = 1) AS members,
                         (SELECT count(*) FROM teams WHERE tenant_id = ?1 AND parent = ?2) AS below,
                         (SELECT count(*) FROM invitations WHERE tenant_id = ?1 AND team = ?2 ) AS invited`,
            args: [actor.tenantId, key],
          })
        ).rows[0]!;
        const [members, below, invited] = [Number(held.members), Number(held.below), Number(held.invited)];
        if (members + below + invited > 0)
          throw new Problem(409, `“${team.name}” still has ${members} members, ${below} teams below it and ${invited} open invitations: move them first.`, [
            { path: '/key', message: 'still has members, teams below it or open invitations' },
          ]);
        // Former members (no active one is left) take their records out with them: a team made later under the same
        // key starts without them.
        const former = await tx.execute({ sql: 'SELECT user_id FROM memberships WHERE tenant_id = ? AND team = ?', args: [actor.tenantId, key] });
        for (const row of former.rows) await reteamOwner(tx, actor.bundle, actor.tenantId, String(row.user_id), null);
        await tx.execute({ sql: 'UPDATE memberships SET team = NULL WHERE tenant_id = ? AND team = ?', args: [actor.tenantId, key] });
        await tx.execute({ sql: 'DELETE FROM team_managers WHERE tenant_id = ? AND team = ?', args: [actor.tenantId, key] });
        await tx.execute({ sql: 'DELETE FROM record_shares WHERE tenant_id = ? AND team = ?', args: [actor.tenantId, key] });
        await tx.execute({ sql: 'DELETE FROM teams WHERE tenant_id = ? AND key = ?', args: [actor.tenantId, key] });
        await record(tx, actor, 'team.deleted', key, { name: team.name });
      });
      return c.body(null, 204);
    },
  );

  const manager = (verb: 'put' | 'delete') =>
    app[verb](
      '/:key/managers/:userId',
      route({
        summary: verb === 'put' ? 'Make a person a manager of a team' : 'End a person’s managing of a team',
        description: 'Takes effect on their next request. Nobody but an owner changes what they manage themselves.',
        access: MANAGE_USERS,
        params: { key: string, userId: string },
        responses: {
          204: empty('Done (doing it twice is fine).'),
          403: problem('It is about yourself.'),
          404: problem('No such team or active person.'),
        },
      }),
      async (c) => {
        const actor = c.get('actor');
        const { key, userId } = c.req.param();
        if (actor.roleKey !== OWNER_ROLE && userId === actor.userId) throw new Problem(403, 'Only owners change which teams they manage themselves.');
        await db.write(async (tx) => {
          await teamRow(tx, actor.tenantId, key);
          const person = (
            await tx.execute({
              sql: 'SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? AND m.user_id = ? AND m.active = 1',
              args: [actor.tenantId, userId],
            })
          ).rows[0];
          if (!person) throw notFound('person');
          const sql =
            verb === 'put'
              ? 'INSERT OR IGNORE INTO team_managers (tenant_id, user_id, team) VALUES (?, ?, ?)'
              : 'DELETE FROM team_managers WHERE tenant_id = ? AND user_id = ? AND team = ?';
          const changed = (await tx.execute({ sql, args: [actor.tenantId, userId, key] })).rowsAffected;
          if (changed) await record(tx, actor, verb === 'put' ? 'team.manager_added' : 'team.manager_removed', key, { name: String(person.name) });
        });
        return c.body(null, 204);
      },
    );
  manager('put');
  manager('delete');

  return app;
}

/** Refuses (422 at `/team`) a team key the tenant does not have; null (no team) passes. */
export async function requireKnownTeam(tx: Pick<Transaction, 'execute'>, tenantId: string, team: string | null | undefined): Promise<void> {
  if (team === undefined || team === null) return;
  if ((await teamName(tx, tenantId, team)) === undefined)
    throw new Problem(422, `There is no team “${team}”.`, [{ path: '/team', message: 'is not a team of this company' }]);
}
