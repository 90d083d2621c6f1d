import { Hono } from 'hono';
import { readableSql, titleFor } from '../access/scope.ts';
import { empty, integer, json, listOf, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound } from '../http/problem.ts';

/**
 * The caller's notifications (`GET /api/notifications[?unread=true]`, newest first) and marking them read. A notification
 * about a record shows only while the caller may read that record: a role change hides it on the next request.
 */
const NOTIFICATION = object({
  id: string,
  message: string,
  kind: {
    enum: ['message', 'task', 'reminder', 'email', 'slaWarning', 'slaBreach'],
    description:
      '`message`: a workflow’s text; `task`: a task given to you (its title); `reminder`: a task of yours came due (its title); `email`: new mail on a record of yours (its subject); `slaWarning` / `slaBreach`: a record used 80 % / 100 % of a service level target (the clock: `firstResponse` or `resolution`).',
  },
  at: moment,
  readAt: orNull(moment),
  record: orNull(object({ entity: string, id: string, title: orNull(string) })),
});

export function notificationRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  const visible = (actor: AppEnv['Variables']['actor']) => {
    const readable = readableSql(actor);
    return {
      from: `notifications n LEFT JOIN records r ON r.tenant_id = n.tenant_id AND r.id = n.record_id`,
      where: `n.tenant_id = ? AND n.user_id = ? AND (n.record_id IS NULL OR (r.id IS NOT NULL AND ${readable.sql}))`,
      args: [actor.tenantId, actor.userId, ...readable.args],
    };
  };

  app.get(
    '/',
    route({
      summary: 'Your notifications',
      description: 'Only about records you may read, newest first (at most 100).',
      access: SIGNED_IN,
      query: { unread: { schema: { enum: ['true', 'false'] }, description: '`true`: unread ones only.' } },
      responses: { 200: json('Yours, and how many are unread.', object({ items: listOf(NOTIFICATION), unread: integer })) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const v = visible(actor);
      const unreadOnly = c.req.query('unread') === 'true';
      const rows = (
        await db.client.execute({
          sql: `SELECT n.id, n.message, n.kind, n.created_at, n.read_at, r.id AS record_id, r.entity, r.data FROM ${v.from} WHERE ${v.where} ${unreadOnly ? 'AND n.read_at IS NULL' : ''} ORDER BY n.seq DESC LIMIT 100`,
          args: v.args,
        })
      ).rows;
      const unread = Number(
        (await db.client.execute({ sql: `SELECT count(*) AS n FROM ${v.from} WHERE ${v.where} AND n.read_at IS NULL`, args: v.args })).rows[0]!.n,
      );
      const items = rows.map((r) => ({
        id: String(r.id),
        message: String(r.message),
        kind: r.kind === null ? 'message' : String(r.kind),
        at: new Date(Number(r.created_at)).toISOString(),
        readAt: r.read_at === null ? null : new Date(Number(r.read_at)).toISOString(),
        record:
          r.record_id === null
            ? null
            : { entity: String(r.entity), id: String(r.record_id), title: titleFor(actor, String(r.entity), JSON.parse(String(r.data))) },
      }));
      return c.json({ items, unread });
    },
  );

  app.post('/read-all', route({ summary: 'Mark all your notifications read', access: SIGNED_IN, responses: { 204: empty('Marked.') } }), async (c) => {
    const actor = c.get('actor');
    const v = visible(actor);
    await db.write((tx) =>
      tx.execute({
        sql: `UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND id IN (SELECT n.id FROM ${v.from} WHERE ${v.where})`,
        args: [deps.now(), ...v.args],
      }),
    );
    return c.body(null, 204);
  });

  app.post(
    '/:id/read',
    route({
      summary: 'Mark a notification read',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 204: empty('Marked.'), 404: problem('No such notification of yours.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const v = visible(actor);
      const done = await db.write((tx) =>
        tx.execute({
          sql: `UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE tenant_id = ? AND id = ? AND id IN (SELECT n.id FROM ${v.from} WHERE ${v.where})`,
          args: [deps.now(), actor.tenantId, c.req.param('id'), ...v.args],
        }),
      );
      if (done.rowsAffected === 0) throw notFound();
      return c.body(null, 204);
    },
  );

  return app;
}
