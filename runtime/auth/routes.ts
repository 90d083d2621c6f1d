import { Hono } from 'hono';
import { DEFAULT_SECURITY, passwordMinFor, securityOf } from '../tenants/security.ts';
import { privilegeView, OWNER_ROLE } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { initConfig } from '../config/store.ts';
import { newId } from '../db/ids.ts';
import { boolean, empty, json, listOf, mapOf, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { contract, PUBLIC, SESSION, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkCredentials, claimCode } from './credentials.ts';
import { secondFactor } from './totp.ts';
import { hashPassword, requireStrongPassword } from './password.ts';
import { forgetResets } from './password-reset.ts';
import { activeMemberships, createUser, findUserByEmail, tenantView, userView } from './people.ts';
import { endSessionCookie, logIn, startSession } from './sessions.ts';
import { uniqueSlug } from './slug.ts';
import { LOCALES } from '../browser-safe/bundle.ts';
import { DEFAULT_SETTINGS } from '../tenants/settings.ts';

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;

const signupBody = bodySchema<{ tenantName: string; name: string; email: string; password: string; totp?: string }>({
  type: 'object',
  properties: { tenantName: text(100), name: text(100), email, password, totp: { type: 'string', maxLength: 12 } },
  required: ['tenantName', 'name', 'email', 'password'],
  additionalProperties: false,
});
const loginBody = bodySchema<{ email: string; password: string; tenant?: string; totp?: string }>({
  type: 'object',
  properties: { email: { type: 'string', maxLength: 254 }, password, tenant: { type: 'string', maxLength: 100 }, totp: { type: 'string', maxLength: 12 } },
  required: ['email', 'password'],
  additionalProperties: false,
});
const tenantBody = bodySchema<{ tenant: string }>({
  type: 'object',
  properties: { tenant: { type: 'string', maxLength: 100 } },
  required: ['tenant'],
  additionalProperties: false,
});
const preferencesBody = bodySchema<{ locale: string }>({
  type: 'object',
  properties: { locale: { enum: [...LOCALES] } },
  required: ['locale'],
  additionalProperties: false,
});
const passwordBody = bodySchema<{ current: string; next: string }>({
  type: 'object',
  properties: { current: password, next: password },
  required: ['current', 'next'],
  additionalProperties: false,
});

const ME = object({
  user: object({ id: string, email: string, name: string }),
  tenant: ref('Tenant'),
  tenants: listOf(object({ slug: string, name: string })),
  role: object({ key: string, label: string }),
  team: orNull(string),
  totp: boolean,
  secondFactorRequired: boolean,
  privileges: object({ entities: mapOf(mapOf(string)), tasks: listOf(string) }),
  locale: orNull(string),
});

/** Sign-up, login, logout, tenant switch and the caller's own account. */
export function authRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/signup',
    route({
      summary: 'Sign up a new company',
      description:
        'Creates a company (with a unique slug) whose owner is the caller, and starts a session. An email that already has an account signs up with its own password (and code): it is never replaced.',
      access: PUBLIC,
      body: signupBody,
      responses: {
        201: json('The new company, its owner and a session cookie.', ref('SignedIn')),
        401: problem('The email has an account and the password (or second-factor code) is not its own.'),
        422: problem('A field is not valid (a weak password, an email that is not one).'),
      },
    }),
    async (c) => {
      const body = await parseBody(c, signupBody);
      const existing = await findUserByEmail(db.client, body.email);
      // An existing person creates another tenant with their own password (and code); it is never replaced.
      const user = existing ? await checkCredentials(deps, c, body.email, body.password, body.totp) : undefined;
      if (!user) requireStrongPassword(body.password, body.email, '/password', DEFAULT_SECURITY.passwordMinLength);
      const hash = user ? undefined : await hashPassword(body.password, deps.hashCost);
      const now = deps.now();
      const result = await db.write(async (tx) => {
        const userId =
          user?.id ??
          (await createUser(
            tx,
            { email: body.email, name: body.name, passwordHash: hash! },
            now,
            new Problem(409, 'An account with this email was just created; sign in instead.', [{ path: '/email', message: 'already has an account' }]),
          ));
        const tenantId = newId();
        const slug = await uniqueSlug(tx, body.tenantName);
        await tx.execute({
          sql: 'INSERT INTO tenants (id, slug, name, settings, created_at) VALUES (?, ?, ?, ?, ?)',
          args: [tenantId, slug, body.tenantName.trim(), JSON.stringify(DEFAULT_SETTINGS), now],
        });
        await tx.execute({
          sql: 'INSERT INTO memberships (tenant_id, user_id, role, active, created_at) VALUES (?, ?, ?, 1, ?)',
          args: [tenantId, userId, OWNER_ROLE, now],
        });
        await initConfig(tx, tenantId, userId, now);
        await audit(
          tx,
          { tenantId, actorId: userId, action: 'tenant.created', targetType: 'tenant', targetId: tenantId, changes: { name: body.tenantName.trim(), slug } },
          now,
        );
        await startSession(c, deps, tx, userId, tenantId, now);
        return { userId, tenantId };
      });
      return c.json(
        {
          user: userView(user ?? { id: result.userId, email: body.email.trim(), name: body.name.trim() }),
          tenant: await tenantView(db.client, result.tenantId),
          role: OWNER_ROLE,
        },
        201,
      );
    },
  );

  app.post(
    '/login',
    route({
      summary: 'Sign in',
      description: '`tenant` is a company slug; a person of several companies who names none is answered 409 with the list (no session yet).',
      access: PUBLIC,
      body: loginBody,
      responses: {
        200: json('Signed in; the session cookie is set.', ref('SignedIn')),
        401: problem('The email or password is not right, or a second-factor code is needed (`totpRequired`).'),
        403: problem('The account is active in no company.'),
        409: problem('Several companies and none named: `tenants` lists them.'),
        429: problem('Too many failed sign-ins; Retry-After says when to try again.'),
      },
    }),
    async (c) => {
      const body = await parseBody(c, loginBody);
      // The code is spent only by a login that starts a session, not by the company choice before it.
      const user = await checkCredentials(deps, c, body.email, body.password, body.totp, { claimLater: true });
      const tenants = await activeMemberships(db.client, user.id);
      if (tenants.length === 0) throw new Problem(403, 'Your account is not active in any tenant; ask an owner to reactivate it.');
      const choices = { tenants: tenants.map((t) => ({ slug: t.slug, name: t.tenantName })) };
      let chosen = tenants[0]!;
      if (body.tenant !== undefined) {
        const match = tenants.find((t) => t.slug === body.tenant);
        if (!match) throw new Problem(409, `You are not a member of "${body.tenant}"; choose one of your tenants.`, undefined, choices);
        chosen = match;
      } else if (tenants.length > 1) {
        throw new Problem(409, 'You belong to several tenants; choose one.', undefined, choices);
      }
      await claimCode(deps, c, user);
      const now = deps.now();
      await db.write((tx) => logIn(c, deps, tx, user.id, chosen.tenantId, now));
      return c.json({ user: userView(user), tenant: await tenantView(db.client, chosen.tenantId), role: chosen.role });
    },
  );

  app.post(
    '/logout',
    route({ summary: 'Sign out', description: 'Ends this session.', access: SIGNED_IN, responses: { 204: empty('Signed out.') } }),
    async (c) => {
      await db.batch([{ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [c.get('sessionHash')] }]);
      endSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.post(
    '/session/tenant',
    route({
      summary: 'Switch to another of your companies',
      access: SESSION,
      body: tenantBody,
      responses: { 200: json('The session now works in that company.', ref('SignedIn')), 404: problem('You are not a member of that company.') },
    }),
    async (c) => {
      const body = await parseBody(c, tenantBody);
      const actor = c.get('actor');
      const target = (await activeMemberships(db.client, actor.userId)).find((t) => t.slug === body.tenant);
      if (!target) throw new Problem(404, 'You are not a member of that tenant.');
      const now = deps.now();
      await db.write(async (tx) => {
        await tx.execute({ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [c.get('sessionHash')] });
        await startSession(c, deps, tx, actor.userId, target.tenantId, now);
      });
      return c.json({
        user: userView({ id: actor.userId, email: actor.email, name: actor.name }),
        tenant: await tenantView(db.client, target.tenantId),
        role: target.role,
      });
    },
  );

  app.get(
    '/me',
    route({ summary: 'Who you are, where, and what you may do', access: SIGNED_IN, responses: { 200: json('You, your company and privileges.', ME) } }),
    async (c) => {
      const actor = c.get('actor');
      const tenant = await tenantView(db.client, actor.tenantId);
      const totp = (await secondFactor(db.client, actor.userId)).confirmed;
      return c.json({
        user: userView({ id: actor.userId, email: actor.email, name: actor.name }),
        tenant,
        // Every company the person may switch to, this one included; an API token sees only its own.
        tenants: (await activeMemberships(db.client, actor.userId))
          .filter((t) => c.get('sessionHash') || t.tenantId === actor.tenantId)
          .map((t) => ({ slug: t.slug, name: t.tenantName })),
        role: { key: actor.roleKey, label: actor.role.label, i18n: actor.role.i18n ?? {} },
        team: actor.team,
        totp,
        // The company requires a second factor of this role and the person has none yet: only setting it up is open.
        secondFactorRequired: !totp && actor.roleKeys.some((r) => securityOf(tenant.settings).secondFactorRoles.includes(r)),
        privileges: privilegeView(actor),
        locale: (await db.client.execute({ sql: 'SELECT locale FROM users WHERE id = ?', args: [actor.userId] })).rows[0]?.locale ?? null,
      });
    },
  );

  app.patch(
    '/me',
    route({ summary: 'Keep your interface language', access: SIGNED_IN, body: preferencesBody, responses: { 204: empty('Kept.') } }),
    async (c) => {
      const body = await parseBody(c, preferencesBody);
      await db.write((tx) => tx.execute({ sql: 'UPDATE users SET locale = ? WHERE id = ?', args: [body.locale, c.get('actor').userId] }));
      return c.body(null, 204);
    },
  );

  app.post(
    '/me/password',
    route({
      summary: 'Change your password',
      description: 'Ends your other sessions and any reset link issued for you.',
      access: SIGNED_IN,
      body: passwordBody,
      responses: { 204: empty('Changed.'), 401: problem('The current password is not right.'), 422: problem('The new password is too weak.') },
    }),
    async (c) => {
      const body = await parseBody(c, passwordBody);
      const actor = c.get('actor');
      await checkCredentials(deps, c, actor.email, body.current, null);
      requireStrongPassword(body.next, actor.email, '/next', await passwordMinFor(db.client, { userId: actor.userId }));
      const hash = await hashPassword(body.next, deps.hashCost);
      const now = deps.now();
      await db.write(async (tx) => {
        await tx.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [hash, actor.userId] });
        await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?', args: [actor.userId, c.get('sessionHash')] });
        await forgetResets(tx, actor.userId);
        await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'password.changed', targetType: 'user', targetId: actor.userId }, now);
      });
      return c.body(null, 204);
    },
  );

  return app;
}
