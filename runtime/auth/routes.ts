import { Hono } from 'hono';
import { privilegeView, OWNER_ROLE } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { initConfig } from '../config/store.ts';
import { newId } from '../db/ids.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkCredentials, claimCode } from './credentials.ts';
import { secondFactor } from './totp.ts';
import { hashPassword, requireStrongPassword } from './password.ts';
import { forgetResets } from './password-reset.ts';
import { activeMemberships, findUserByEmail, tenantView, userView } from './people.ts';
import { authenticate, endSessionCookie, sessionOnly, startSession } from './sessions.ts';
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

/** Sign-up, login, logout, tenant switch and the caller's own account. */
export function authRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.post('/signup', async (c) => {
    const body = await parseBody(c, signupBody);
    const existing = await findUserByEmail(db.client, body.email);
    // An existing person creates another tenant with their own password (and code); it is never replaced.
    const user = existing ? await checkCredentials(deps, c, body.email, body.password, body.totp) : undefined;
    if (!user) requireStrongPassword(body.password, body.email, '/password');
    const hash = user ? undefined : await hashPassword(body.password, deps.hashCost);
    const now = deps.now();
    const result = await db.write(async (tx) => {
      const userId = user?.id ?? newId();
      if (!user) {
        // Checked again inside the write: two sign-ups with one new email must not both create it.
        if (await findUserByEmail(tx, body.email))
          throw new Problem(409, 'An account with this email was just created; sign in instead.', [{ path: '/email', message: 'already has an account' }]);
        await tx.execute({
          sql: 'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
          args: [userId, body.email.trim(), body.name.trim(), hash!, now],
        });
      }
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
      await startSession(c, tx, userId, tenantId, now);
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
  });

  app.post('/login', async (c) => {
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
    await db.write(async (tx) => {
      await startSession(c, tx, user.id, chosen.tenantId, now);
      await audit(
        tx,
        { tenantId: chosen.tenantId, actorId: user.id, action: 'login.succeeded', targetType: 'session', targetId: user.id, address: clientAddress(c, deps) },
        now,
      );
    });
    return c.json({ user: userView(user), tenant: await tenantView(db.client, chosen.tenantId), role: chosen.role });
  });

  // Per route, not app.use(): these share a prefix with sign-up and login, which need no session.
  const auth = authenticate(deps);

  app.post('/logout', auth, async (c) => {
    await db.batch([{ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [c.get('sessionHash')] }]);
    endSessionCookie(c);
    return c.body(null, 204);
  });

  app.post('/session/tenant', auth, sessionOnly, async (c) => {
    const body = await parseBody(c, tenantBody);
    const actor = c.get('actor');
    const target = (await activeMemberships(db.client, actor.userId)).find((t) => t.slug === body.tenant);
    if (!target) throw new Problem(404, 'You are not a member of that tenant.');
    const now = deps.now();
    await db.write(async (tx) => {
      await tx.execute({ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [c.get('sessionHash')] });
      await startSession(c, tx, actor.userId, target.tenantId, now);
    });
    return c.json({
      user: userView({ id: actor.userId, email: actor.email, name: actor.name }),
      tenant: await tenantView(db.client, target.tenantId),
      role: target.role,
    });
  });

  app.get('/me', auth, async (c) => {
    const actor = c.get('actor');
    return c.json({
      user: userView({ id: actor.userId, email: actor.email, name: actor.name }),
      tenant: await tenantView(db.client, actor.tenantId),
      // Every company the person may switch to, this one included; an API token sees only its own.
      tenants: (await activeMemberships(db.client, actor.userId))
        .filter((t) => c.get('sessionHash') || t.tenantId === actor.tenantId)
        .map((t) => ({ slug: t.slug, name: t.tenantName })),
      role: { key: actor.roleKey, label: actor.role.label },
      team: actor.team,
      totp: (await secondFactor(db.client, actor.userId)).confirmed,
      privileges: privilegeView(actor),
      locale: (await db.client.execute({ sql: 'SELECT locale FROM users WHERE id = ?', args: [actor.userId] })).rows[0]?.locale ?? null,
    });
  });

  app.patch('/me', auth, async (c) => {
    const body = await parseBody(c, preferencesBody);
    await db.write((tx) => tx.execute({ sql: 'UPDATE users SET locale = ? WHERE id = ?', args: [body.locale, c.get('actor').userId] }));
    return c.body(null, 204);
  });

  app.post('/me/password', auth, async (c) => {
    const body = await parseBody(c, passwordBody);
    const actor = c.get('actor');
    await checkCredentials(deps, c, actor.email, body.current, null);
    requireStrongPassword(body.next, actor.email, '/next');
    const hash = await hashPassword(body.next, deps.hashCost);
    const now = deps.now();
    await db.write(async (tx) => {
      await tx.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [hash, actor.userId] });
      await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?', args: [actor.userId, c.get('sessionHash')] });
      await forgetResets(tx, actor.userId);
      await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'password.changed', targetType: 'user', targetId: actor.userId }, now);
    });
    return c.body(null, 204);
  });

  return app;
}
