import { Hono } from 'hono';
import { hasTask, OWNER_ROLE } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { newApiToken } from './api-tokens.ts';
import { hashToken } from './secret-token.ts';
import { authenticate } from './sessions.ts';

const createBody = bodySchema<{ name: string }>({
  type: 'object',
  properties: { name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } },
  required: ['name'],
  additionalProperties: false,
});

const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/**
 * API tokens of the tenant (owners, and roles with `manage.users`): create (the token is shown once),
 * list (never a secret), revoke. A token acts as its creator; only owners revoke other people's tokens.
 */
export function tokenRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(deps), async (c, next) => {
    if (!hasTask(c.get('actor'), 'manage.users')) throw new Problem(403, 'Your role may not manage API tokens.');
    await next();
  });

  app.get('/', async (c) => {
    const actor = c.get('actor');
    const rows = (
      await db.client.execute({
        sql: `SELECT k.id, k.name, k.user_id, u.name AS user_name, k.created_at, k.last_used_at, k.revoked_at
              FROM api_tokens k JOIN users u ON u.id = k.user_id WHERE k.tenant_id = ? ORDER BY k.created_at DESC, k.id`,
        args: [actor.tenantId],
      })
    ).rows;
    const items = rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      createdBy: { id: String(r.user_id), name: String(r.user_name) },
      createdAt: iso(r.created_at),
      lastUsedAt: iso(r.last_used_at),
      revokedAt: iso(r.revoked_at),
    }));
    return c.json({ items });
  });

  app.post('/', async (c) => {
    const actor = c.get('actor');
    const { name } = await parseBody(c, createBody);
    const id = newId();
    const token = newApiToken();
    const now = deps.now();
    await db.write(async (tx) => {
      await tx.execute({
        sql: 'INSERT INTO api_tokens (id, tenant_id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        args: [id, actor.tenantId, actor.userId, name.trim(), hashToken(token), now],
      });
      await audit(
        tx,
        { tenantId: actor.tenantId, actorId: actor.userId, action: 'token.created', targetType: 'token', targetId: id, changes: { name: name.trim() } },
        now,
      );
    });
    return c.json({ id, name: name.trim(), token, createdAt: iso(now) }, 201);
  });

  app.delete('/:id', async (c) => {
    const actor = c.get('actor');
    const id = c.req.param('id');
    const now = deps.now();
    await db.write(async (tx) => {
      const row = (await tx.execute({ sql: 'SELECT user_id, name, revoked_at FROM api_tokens WHERE tenant_id = ? AND id = ?', args: [actor.tenantId, id] }))
        .rows[0];
      if (!row) throw notFound('token');
      if (String(row.user_id) !== actor.userId && actor.roleKey !== OWNER_ROLE) throw new Problem(403, 'Only owners revoke other people’s tokens.');
      if (row.revoked_at !== null) return;
      await tx.execute({ sql: 'UPDATE api_tokens SET revoked_at = ? WHERE tenant_id = ? AND id = ?', args: [now, actor.tenantId, id] });
      await audit(
        tx,
        { tenantId: actor.tenantId, actorId: actor.userId, action: 'token.revoked', targetType: 'token', targetId: id, changes: { name: String(row.name) } },
        now,
      );
    });
    return c.body(null, 204);
  });

  return app;
}
