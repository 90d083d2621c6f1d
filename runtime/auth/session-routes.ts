import { Hono } from 'hono';
import { audit } from '../audit/log.ts';
import { boolean, empty, items, json, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { contract, ownerOnly, SESSION } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound } from '../http/problem.ts';
import { endSessionCookie, LIVE_SQL } from './sessions.ts';

const SESSION_VIEW = object({
  id: string,
  device: string,
  address: orNull(string),
  company: string,
  startedAt: moment,
  lastSeenAt: moment,
  current: boolean,
});
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

/**
 * A person's own sessions (every company they are signed in to): list, end one, end all others; and an owner ending
 * a person's sessions in their company. Ending is audited.
 */
export function sessionRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/me/sessions',
    route({
      summary: 'Your sessions',
      description: 'Live ones only, the most recently active first; `current` is the one asking.',
      access: SESSION,
      responses: { 200: json('Your sessions.', items(SESSION_VIEW)) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      const rows = (
        await db.client.execute({
          sql: `SELECT s.id_hash, s.public_id, s.user_agent, s.address, t.name AS company, s.created_at, s.seen_at FROM sessions s JOIN tenants t ON t.id = s.tenant_id
                WHERE s.user_id = ? AND ${LIVE_SQL} ORDER BY s.seen_at DESC, s.created_at DESC`,
          args: [actor.userId, now, now, now],
        })
      ).rows;
      const mine = c.get('sessionHash');
      return c.json({
        items: rows.map((r) => ({
          id: String(r.public_id),
          device: String(r.user_agent ?? ''),
          address: r.address === null ? null : String(r.address),
          company: String(r.company),
          startedAt: iso(r.created_at),
          lastSeenAt: iso(r.seen_at),
          current: r.id_hash === mine,
        })),
      });
    },
  );

  app.delete(
    '/me/sessions/:id',
    route({
      summary: 'End one of your sessions',
      description: 'Ending the one asking signs you out here.',
      access: SESSION,
      params: { id: string },
      responses: { 204: empty('Ended.'), 404: problem('No such session of yours.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      const ended = await db.write(async (tx) => {
        const row = (await tx.execute({ sql: 'SELECT id_hash FROM sessions WHERE public_id = ? AND user_id = ?', args: [c.req.param('id'), actor.userId] }))
          .rows[0];
        if (!row) throw notFound('session');
        await tx.execute({ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [String(row.id_hash)] });
        await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'session.ended', targetType: 'session', targetId: actor.userId }, now);
        return String(row.id_hash);
      });
      if (ended === c.get('sessionHash')) endSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.post(
    '/me/sessions/end-others',
    route({
      summary: 'End all your other sessions',
      access: SESSION,
      responses: { 200: json('How many ended.', object({ ended: { type: 'integer' } })) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      const ended = await db.write(async (tx) => {
        const done = await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?', args: [actor.userId, c.get('sessionHash')] });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'session.ended_others',
            targetType: 'session',
            targetId: actor.userId,
            changes: { ended: done.rowsAffected },
          },
          now,
        );
        return done.rowsAffected;
      });
      return c.json({ ended });
    },
  );

  app.post(
    '/users/:id/sessions/end',
    route({
      summary: 'End a person’s sessions in this company',
      description: 'Owners only. Their sessions in other companies are not this company’s to end.',
      access: ownerOnly('Only owners end other people’s sessions.'),
      params: { id: string },
      responses: { 200: json('How many ended.', object({ ended: { type: 'integer' } })), 404: problem('No such person in this company.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const userId = c.req.param('id');
      const now = deps.now();
      const ended = await db.write(async (tx) => {
        const member = (await tx.execute({ sql: 'SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ?', args: [actor.tenantId, userId] })).rows[0];
        if (!member) throw notFound('person');
        const done = await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND tenant_id = ?', args: [userId, actor.tenantId] });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'user.sessions_ended',
            targetType: 'user',
            targetId: userId,
            changes: { ended: done.rowsAffected },
          },
          now,
        );
        return done.rowsAffected;
      });
      return c.json({ ended });
    },
  );

  return app;
}
