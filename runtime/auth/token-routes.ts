import { Hono } from 'hono';
import { OWNER_ROLE } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { empty, items, json, moment, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { newApiToken, TOKEN_ACCESS, type TokenAccess } from './api-tokens.ts';
import { hashToken } from './secret-token.ts';

const createBody = bodySchema<{ name: string; access?: TokenAccess; expiresAt?: string | null }>({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    access: { enum: TOKEN_ACCESS },
    expiresAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
  },
  required: ['name'],
  additionalProperties: false,
});

const MANAGE_TOKENS = anyTask(['manage.users'], 'Your role may not manage API tokens.');
const TOKEN = object({
  id: string,
  name: string,
  access: { enum: TOKEN_ACCESS },
  createdBy: ref('Person'),
  createdAt: moment,
  lastUsedAt: orNull(moment),
  expiresAt: orNull(moment),
  revokedAt: orNull(moment),
});

const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/**
 * API tokens of the tenant (owners, and roles with `manage.users`): create (the token is shown once),
 * list (never a secret), revoke. A token acts as its creator; only owners revoke other people's tokens.
 */
export function tokenRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/',
    route({
      summary: 'List the company’s API tokens',
      description: 'Never a secret: tokens are stored as their SHA-256 only.',
      access: MANAGE_TOKENS,
      responses: { 200: json('Newest first.', items(TOKEN)) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const rows = (
        await db.client.execute({
          sql: `SELECT k.id, k.name, k.access, k.user_id, u.name AS user_name, k.created_at, k.last_used_at, k.expires_at, k.revoked_at
              FROM api_tokens k JOIN users u ON u.id = k.user_id WHERE k.tenant_id = ? ORDER BY k.created_at DESC, k.id`,
          args: [actor.tenantId],
        })
      ).rows;
      const items = rows.map((r) => ({
        id: String(r.id),
        name: String(r.name),
        access: String(r.access),
        createdBy: { id: String(r.user_id), name: String(r.user_name) },
        createdAt: iso(r.created_at),
        lastUsedAt: iso(r.last_used_at),
        expiresAt: iso(r.expires_at),
        revokedAt: iso(r.revoked_at),
      }));
      return c.json({ items });
    },
  );

  app.post(
    '/',
    route({
      summary: 'Create an API token',
      description:
        'The token is shown this once. It acts as you, with your role at the time of each request; `access` may narrow it to reading ' +
        '(`read`) or to configuration export and import (`config`, for the command line), and `expiresAt` may end it.',
      access: MANAGE_TOKENS,
      body: createBody,
      responses: {
        201: json(
          'The new token.',
          object({ id: string, name: string, access: { enum: TOKEN_ACCESS }, token: string, createdAt: moment, expiresAt: orNull(moment) }),
        ),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, createBody);
      const name = body.name.trim();
      const access = body.access ?? 'full';
      const now = deps.now();
      const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : null;
      if (expiresAt !== null && expiresAt <= now)
        throw new Problem(422, 'expiresAt must lie in the future.', [{ path: '/expiresAt', message: 'must lie in the future' }]);
      const id = newId();
      const token = newApiToken();
      await db.write(async (tx) => {
        await tx.execute({
          sql: 'INSERT INTO api_tokens (id, tenant_id, user_id, name, access, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          args: [id, actor.tenantId, actor.userId, name, access, hashToken(token), now, expiresAt],
        });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'token.created',
            targetType: 'token',
            targetId: id,
            changes: { name, access, expiresAt: iso(expiresAt) },
          },
          now,
        );
      });
      return c.json({ id, name, access, token, createdAt: iso(now), expiresAt: iso(expiresAt) }, 201);
    },
  );

  app.delete(
    '/:id',
    route({
      summary: 'Revoke an API token',
      description: 'Your own; owners revoke anyone’s. Revoking twice is fine.',
      access: MANAGE_TOKENS,
      params: { id: string },
      responses: { 204: empty('Revoked.'), 403: problem('Only owners revoke other people’s tokens.'), 404: problem('No such token.') },
    }),
    async (c) => {
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
    },
  );

  return app;
}
