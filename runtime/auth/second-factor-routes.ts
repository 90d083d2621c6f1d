import { Hono } from 'hono';
import { audit } from '../audit/log.ts';
import { boolean, empty, integer, json, listOf, object, problem, string } from '../http/api-schemas.ts';
import { contract, SESSION } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkCredentials } from './credentials.ts';
import { newRecoveryCodes, recoveryCodesLeft } from './recovery-codes.ts';
import { newSecondFactor, secondFactor, verifyCode } from './totp.ts';

const passwordBody = bodySchema<{ password: string }>({
  type: 'object',
  properties: { password: { type: 'string', maxLength: 1024 } },
  required: ['password'],
  additionalProperties: false,
});
const codeBody = bodySchema<{ code: string }>({
  type: 'object',
  properties: { code: { type: 'string', maxLength: 12 } },
  required: ['code'],
  additionalProperties: false,
});

/** The caller's own second factor (TOTP): enrol with the password, confirm with a code, turn off with the password. */
export function secondFactorRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/me/totp',
    route({
      summary: 'Start enrolling a second factor',
      description: 'Answers the secret and an otpauth:// URI for an authenticator app, shown this once; confirm with a code to turn it on.',
      access: SESSION,
      body: passwordBody,
      responses: {
        201: json('The secret to enrol.', object({ secret: string, uri: string })),
        401: problem('The password is not right.'),
        409: problem('A second factor is already on.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { password } = await parseBody(c, passwordBody);
      await checkCredentials(deps, c, actor.email, password, null);
      if ((await secondFactor(db.client, actor.userId)).confirmed)
        throw new Problem(409, 'A second factor is already on; turn it off first to enrol a new one.');
      const enrolment = newSecondFactor(deps.secretKey, actor.email);
      await db.batch([
        { sql: 'UPDATE users SET totp_secret = ?, totp_confirmed = 0, totp_last_step = NULL WHERE id = ?', args: [enrolment.sealed, actor.userId] },
      ]);
      // The secret is shown this once; it is stored sealed with SECRET_KEY.
      return c.json({ secret: enrolment.secret, uri: enrolment.uri }, 201);
    },
  );

  app.post(
    '/me/totp/confirm',
    route({
      summary: 'Turn the second factor on with a current code',
      description: 'Ends your other sessions. Answers ten recovery codes, each good for one sign-in without the app.',
      access: SESSION,
      body: codeBody,
      responses: {
        200: json('On, with ten one-time recovery codes shown this once.', object({ recoveryCodes: listOf(string) })),
        409: problem('No enrolment is waiting for a code.'),
        422: problem('Not the current code.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { code } = await parseBody(c, codeBody);
      const factor = await secondFactor(db.client, actor.userId);
      if (!factor.sealed || factor.confirmed) throw new Problem(409, 'There is no enrolment waiting for a code; start one first.');
      const now = deps.now();
      const step = verifyCode(deps.secretKey, factor.sealed, code, now, factor.lastStep);
      if (step === undefined)
        throw new Problem(422, 'That is not the current code; check the time on your device.', [{ path: '/code', message: 'is not the current code' }]);
      const recoveryCodes = await db.write(async (tx) => {
        await tx.execute({ sql: 'UPDATE users SET totp_confirmed = 1, totp_last_step = ? WHERE id = ?', args: [step, actor.userId] });
        await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?', args: [actor.userId, c.get('sessionHash')] });
        await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'totp.enabled', targetType: 'user', targetId: actor.userId }, now);
        return newRecoveryCodes(tx, actor.userId);
      });
      return c.json({ recoveryCodes });
    },
  );

  app.post(
    '/me/totp/disable',
    route({
      summary: 'Turn the second factor off',
      access: SESSION,
      body: passwordBody,
      responses: { 204: empty('Off.'), 401: problem('The password is not right.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { password } = await parseBody(c, passwordBody);
      await checkCredentials(deps, c, actor.email, password, null);
      const now = deps.now();
      await db.write(async (tx) => {
        await tx.execute({ sql: 'UPDATE users SET totp_secret = NULL, totp_confirmed = 0, totp_last_step = NULL WHERE id = ?', args: [actor.userId] });
        await tx.execute({ sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [actor.userId] });
        await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'totp.disabled', targetType: 'user', targetId: actor.userId }, now);
      });
      return c.body(null, 204);
    },
  );

  app.get(
    '/me/totp',
    route({
      summary: 'Your second factor',
      description: 'Whether it is on, and how many unused recovery codes are left.',
      access: SESSION,
      responses: { 200: json('Its state.', object({ enabled: boolean, recoveryCodesLeft: integer })) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const enabled = (await secondFactor(db.client, actor.userId)).confirmed;
      return c.json({ enabled, recoveryCodesLeft: enabled ? await recoveryCodesLeft(db, actor.userId) : 0 });
    },
  );

  app.post(
    '/me/totp/recovery-codes',
    route({
      summary: 'New recovery codes',
      description: 'With your password: ten new codes, shown this once; the old ones stop working.',
      access: SESSION,
      body: passwordBody,
      responses: {
        200: json('The new codes.', object({ recoveryCodes: listOf(string) })),
        401: problem('The password is not right.'),
        409: problem('No second factor is on.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { password } = await parseBody(c, passwordBody);
      await checkCredentials(deps, c, actor.email, password, null);
      if (!(await secondFactor(db.client, actor.userId)).confirmed) throw new Problem(409, 'Turn a second factor on first.');
      const now = deps.now();
      const recoveryCodes = await db.write(async (tx) => {
        await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'totp.recovery_renewed', targetType: 'user', targetId: actor.userId }, now);
        return newRecoveryCodes(tx, actor.userId);
      });
      return c.json({ recoveryCodes });
    },
  );

  return app;
}
