import { Hono } from 'hono';
import { passwordMinFor } from '../tenants/security.ts';
import { audit } from '../audit/log.ts';
import { boolean, empty, json, object, problem, string } from '../http/api-schemas.ts';
import { contract, PUBLIC } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkSecondFactor } from './credentials.ts';
import { hashPassword, requireStrongPassword } from './password.ts';
import { openReset, spendReset } from './password-reset.ts';
import { findUserByEmail } from './people.ts';
import { secondFactor } from './totp.ts';

const token = { type: 'string', minLength: 1, maxLength: 100 } as const;
const checkBody = bodySchema<{ token: string }>({ type: 'object', properties: { token }, required: ['token'], additionalProperties: false });
const resetBody = bodySchema<{ token: string; password: string; totp?: string }>({
  type: 'object',
  properties: { token, password: { type: 'string', minLength: 1, maxLength: 1024 }, totp: { type: 'string', maxLength: 12 } },
  required: ['token', 'password'],
  additionalProperties: false,
});

/**
 * A reset link (`/reset-password#<token>`): the person chooses a new password. The link stands in for the old
 * password only: a second factor that is on stays on and its code is asked for, so whoever saw the link in passing
 * (the owner who created it) cannot use it alone. Every session of the person ends.
 */
export function resetRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/check',
    route({
      summary: 'Look at a password reset link',
      access: PUBLIC,
      body: checkBody,
      responses: {
        200: json('Whose password the link resets, and whether their second factor will ask for a code.', object({ email: string, totpRequired: boolean })),
        404: problem('The link was used or has expired.'),
      },
    }),
    async (c) => {
      const reset = await openReset(db.client, (await parseBody(c, checkBody)).token, deps.now());
      return c.json({ email: reset.email, totpRequired: (await secondFactor(db.client, reset.userId)).confirmed });
    },
  );

  app.post(
    '/',
    route({
      summary: 'Choose a new password through a reset link',
      description: 'A second factor that is on stays on and its code is asked for. Every session of the person ends; every reset link of theirs is spent.',
      access: PUBLIC,
      body: resetBody,
      responses: {
        204: empty('Changed.'),
        401: problem('The second factor’s code is needed or not right (`totpRequired`).'),
        404: problem('The link was used or has expired.'),
        422: problem('The new password is too weak.'),
      },
    }),
    async (c) => {
      const body = await parseBody(c, resetBody);
      const reset = await openReset(db.client, body.token, deps.now());
      requireStrongPassword(body.password, reset.email, '/password', await passwordMinFor(db.client, { userId: reset.userId }));
      await checkSecondFactor(deps, c, (await findUserByEmail(db.client, reset.email))!, body.totp);
      const hash = await hashPassword(body.password, deps.hashCost);
      const now = deps.now();
      await db.write(async (tx) => {
        await spendReset(tx, body.token, now);
        await tx.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [hash, reset.userId] });
        await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ?', args: [reset.userId] });
        // Each company the person belongs to sees in its audit trail that their password was reset.
        const tenants = (await tx.execute({ sql: 'SELECT tenant_id FROM memberships WHERE user_id = ?', args: [reset.userId] })).rows;
        for (const t of tenants)
          await audit(tx, { tenantId: String(t.tenant_id), actorId: reset.userId, action: 'password.reset', targetType: 'user', targetId: reset.userId }, now);
      });
      return c.body(null, 204);
    },
  );

  return app;
}
