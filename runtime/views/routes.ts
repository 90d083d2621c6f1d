import { Hono, type Context } from 'hono';
import { hasTask, scopeOf, type Actor } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { empty, json, listOf, mapOf, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { requireKnownRole } from '../users/managing.ts';
import { COLUMNS, SHAPER, VIEW, viewOf, visible, VISIBILITY, mayChange, type Visibility } from './view-json.ts';
import { checkViewFields, VIEW_QUERY_SCHEMA, type ViewQuery } from './view-shape.ts';

const name = { type: 'string', minLength: 1, maxLength: 80, pattern: '\\S' } as const;
const team = { type: ['string', 'null'], maxLength: 64 } as const;
const createBody = bodySchema<{ entity: string; name: string; visibility: Visibility; team?: string | null; view: ViewQuery }>({
  type: 'object',
  properties: { entity: { type: 'string', maxLength: 64 }, name, visibility: { enum: VISIBILITY }, team, view: VIEW_QUERY_SCHEMA },
  required: ['entity', 'name', 'visibility', 'view'],
  additionalProperties: false,
});
const patchBody = bodySchema<{ name?: string; visibility?: Visibility; team?: string | null; view?: ViewQuery }>({
  type: 'object',
  properties: { name, visibility: { enum: VISIBILITY }, team, view: VIEW_QUERY_SCHEMA },
  additionalProperties: false,
});
const defaultBody = bodySchema<{ viewId: string | null }>({
  type: 'object',
  properties: { viewId: { type: ['string', 'null'], maxLength: 64 } },
  required: ['viewId'],
  additionalProperties: false,
});

const CONFIGURE_FORMS = anyTask([SHAPER], 'Your role may not set the company’s views.');

/** The entity a view is about: one the actor may read (404 otherwise, as for an unknown one). */
function readableEntity(actor: Actor, entity: string | undefined): string {
  if (!entity || !Object.hasOwn(actor.bundle.entities, entity) || scopeOf(actor, 'read', entity) === 'none') throw notFound('entity');
  return entity;
}

/** Refuses sharing a view wider than the author may: a team they belong to or manage; the company only when they shape its views. */
function checkAudience(actor: Actor, visibility: Visibility, team: string | null | undefined): string | null {
  if (visibility === 'company' && !hasTask(actor, SHAPER)) throw new Problem(403, 'Your role may not share views with the whole company.');
  if (visibility !== 'team') return null;
  if (!team || !actor.teams.includes(team))
    throw new Problem(422, 'Share a view with a team you belong to or manage.', [{ path: '/team', message: 'is not a team of yours' }]);
  return team;
}

/**
 * Saved views of record lists: a person's own, shared with a team or with the company, and each role's default.
 * A view holds a query only; whoever opens it sees the records their own scope allows, never more.
 */
export function viewRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  /** A view the actor sees, of a list they may read; 404 otherwise. */
  async function load(actor: Actor, id: string) {
    const where = visible(actor);
    const row = (
      await db.client.execute({ sql: `SELECT ${COLUMNS} WHERE v.tenant_id = ? AND v.id = ? AND ${where.sql}`, args: [actor.tenantId, id, ...where.args] })
    ).rows[0];
    if (!row || scopeOf(actor, 'read', String(row.entity)) === 'none') throw notFound();
    return row;
  }
  const changeable = async (c: Context<AppEnv>) => {
    const actor = c.get('actor');
    const row = await load(actor, c.req.param('id')!);
    if (!mayChange(actor, row)) throw new Problem(403, 'Only the person who made this view changes it.');
    return { actor, row };
  };
  const audited = (actor: Actor, action: string, id: string, changes: Record<string, unknown>) => (tx: Parameters<typeof audit>[0]) =>
    audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action, targetType: 'view', targetId: id, changes }, deps.now());

  app.get(
    '/',
    route({
      summary: 'Saved views of a list',
      description: 'Your own views, your teams’ and the company’s, by name; `defaultView` is the one your role opens the list with.',
      access: SIGNED_IN,
      query: { entity: { schema: string, description: 'The kind of record whose list the views are of.' } },
      responses: {
        200: json('The views.', object({ items: listOf(VIEW), defaultView: orNull(string) })),
        404: problem('No such kind of record, or one you may not read.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = readableEntity(actor, c.req.query('entity'));
      const where = visible(actor);
      const rows = (
        await db.client.execute({
          sql: `SELECT ${COLUMNS} WHERE v.tenant_id = ? AND v.entity = ? AND ${where.sql} ORDER BY v.name COLLATE NOCASE, v.id`,
          args: [actor.tenantId, entity, ...where.args],
        })
      ).rows;
      const defaults = (
        await db.client.execute({
          sql: 'SELECT role, view_id FROM view_defaults WHERE tenant_id = ? AND entity = ? AND role IN (SELECT value FROM json_each(?))',
          args: [actor.tenantId, entity, JSON.stringify(actor.roleKeys)],
        })
      ).rows;
      // The first of the person's roles that has a default decides.
      const byRole = new Map(defaults.map((d) => [String(d.role), String(d.view_id)]));
      const defaultView = actor.roleKeys.map((r) => byRole.get(r)).find((id) => id !== undefined && rows.some((r) => r.id === id)) ?? null;
      return c.json({ items: rows.map((r) => viewOf(actor, r)), defaultView });
    },
  );

  app.post(
    '/',
    route({
      summary: 'Save a view',
      description: 'Shared with a team (`team`, one you belong to or manage) or the company (needs `configure.forms`); audited.',
      access: SIGNED_IN,
      body: createBody,
      responses: {
        201: json('The view.', VIEW),
        403: problem('Your role may not share views with the whole company.'),
        404: problem('No such kind of record, or one you may not read.'),
        422: problem('A field the list does not have, or a team that is not yours.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, createBody);
      const entity = readableEntity(actor, body.entity);
      const teamKey = checkAudience(actor, body.visibility, body.team);
      checkViewFields(actor, entity, body.view);
      const id = newId();
      const now = deps.now();
      await db.write(async (tx) => {
        await tx.execute({
          sql: `INSERT INTO saved_views (tenant_id, id, entity, name, created_by, visibility, team, view, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [actor.tenantId, id, entity, body.name.trim(), actor.userId, body.visibility, teamKey, JSON.stringify(body.view), now, now],
        });
        await audited(actor, 'view.created', id, { name: body.name.trim(), visibility: body.visibility })(tx);
      });
      return c.json(viewOf(actor, await load(actor, id)), 201);
    },
  );

  app.patch(
    '/:id',
    route({
      summary: 'Change a saved view',
      description: 'Its author; for shared views also holders of `configure.forms`. Audited.',
      access: SIGNED_IN,
      params: { id: string },
      body: patchBody,
      responses: {
        200: json('The view.', VIEW),
        403: problem('Not yours to change.'),
        404: problem('No such view you may see.'),
        422: problem('A field the list does not have, or a team that is not yours.'),
      },
    }),
    async (c) => {
      const { actor, row } = await changeable(c);
      const body = await parseBody(c, patchBody);
      const visibility = body.visibility ?? (String(row.visibility) as Visibility);
      const teamKey = checkAudience(actor, visibility, body.team === undefined ? (row.team as string | null) : body.team);
      if (body.view) checkViewFields(actor, String(row.entity), body.view);
      await db.write(async (tx) => {
        await tx.execute({
          sql: 'UPDATE saved_views SET name = ?, visibility = ?, team = ?, view = ?, updated_at = ? WHERE tenant_id = ? AND id = ?',
          args: [
            body.name?.trim() ?? String(row.name),
            visibility,
            teamKey,
            body.view ? JSON.stringify(body.view) : String(row.view),
            deps.now(),
            actor.tenantId,
            String(row.id),
          ],
        });
        // A view no longer shared with the company stops being anyone's default.
        if (visibility !== 'company')
          await tx.execute({ sql: 'DELETE FROM view_defaults WHERE tenant_id = ? AND view_id = ?', args: [actor.tenantId, String(row.id)] });
        await audited(actor, 'view.updated', String(row.id), { name: body.name?.trim() ?? String(row.name), visibility })(tx);
      });
      return c.json(viewOf(actor, await load(actor, String(row.id))));
    },
  );

  app.delete(
    '/:id',
    route({
      summary: 'Delete a saved view',
      description: 'Its author; for shared views also holders of `configure.forms`. Audited.',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 204: empty('Deleted.'), 403: problem('Not yours to delete.'), 404: problem('No such view you may see.') },
    }),
    async (c) => {
      const { actor, row } = await changeable(c);
      await db.write(async (tx) => {
        await tx.execute({ sql: 'DELETE FROM saved_views WHERE tenant_id = ? AND id = ?', args: [actor.tenantId, String(row.id)] });
        await tx.execute({ sql: 'DELETE FROM view_defaults WHERE tenant_id = ? AND view_id = ?', args: [actor.tenantId, String(row.id)] });
        await audited(actor, 'view.deleted', String(row.id), { name: String(row.name) })(tx);
      });
      return c.body(null, 204);
    },
  );

  app.get(
    '/defaults',
    route({
      summary: 'Each role’s default view of a list',
      access: CONFIGURE_FORMS,
      query: { entity: { schema: string, description: 'The kind of record.' } },
      responses: { 200: json('Role key → view id.', mapOf(string)), 403: problem('Needs `configure.forms`.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = readableEntity(actor, c.req.query('entity'));
      const rows = (
        await db.client.execute({ sql: 'SELECT role, view_id FROM view_defaults WHERE tenant_id = ? AND entity = ?', args: [actor.tenantId, entity] })
      ).rows;
      return c.json(Object.fromEntries(rows.map((r) => [String(r.role), String(r.view_id)])));
    },
  );

  app.put(
    '/defaults/:entity/:role',
    route({
      summary: 'Set the view a role’s list opens with',
      description: 'A company view of that list, or `null` for the plain list. Audited.',
      access: CONFIGURE_FORMS,
      params: { entity: string, role: string },
      body: defaultBody,
      responses: {
        204: empty('Set.'),
        403: problem('Needs `configure.forms`.'),
        404: problem('No such kind of record.'),
        422: problem('No such role, or not a company view of this list.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = readableEntity(actor, c.req.param('entity'));
      const role = c.req.param('role');
      requireKnownRole(actor, role, '/role');
      const { viewId } = await parseBody(c, defaultBody);
      if (viewId !== null) {
        const view = (
          await db.client.execute({
            sql: "SELECT 1 FROM saved_views WHERE tenant_id = ? AND id = ? AND entity = ? AND visibility = 'company'",
            args: [actor.tenantId, viewId, entity],
          })
        ).rows[0];
        if (!view)
          throw new Problem(422, 'Only a view shared with the whole company can be a role’s default.', [
            { path: '/viewId', message: 'is not a company view of this list' },
          ]);
      }
      await db.write(async (tx) => {
        await tx.execute(
          viewId === null
            ? { sql: 'DELETE FROM view_defaults WHERE tenant_id = ? AND entity = ? AND role = ?', args: [actor.tenantId, entity, role] }
            : {
                sql: 'INSERT INTO view_defaults (tenant_id, entity, role, view_id) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, entity, role) DO UPDATE SET view_id = excluded.view_id',
                args: [actor.tenantId, entity, role, viewId],
              },
        );
        await audited(actor, 'view.default', viewId ?? entity, { role, entity, view: viewId })(tx);
      });
      return c.body(null, 204);
    },
  );

  return app;
}
