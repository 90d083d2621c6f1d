import { mailLink } from '../email/system-mail.ts';
import { Hono } from 'hono';
import { passwordMinFor } from '../tenants/security.ts';
import type { Transaction } from '@libsql/client';
import { heldRoles, OWNER_ROLE, roleWithin, type Actor } from '../access/policy.ts';
import { audit, changedFields } from '../audit/log.ts';
import { hashPassword, requireStrongPassword } from '../auth/password.ts';
import { forgetResets, issueReset, resetRefusal } from '../auth/password-reset.ts';
import { reteamOwner } from '../records/reteam.ts';
import { boolean, empty, items, json, listOf, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { publicOrigin } from '../http/origin.ts';
import { invitationManageRoutes } from '../invitations/manage-routes.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { requireKnownTeam } from '../teams/routes.ts';
import { MANAGE_USERS, requireKnownRole } from './managing.ts';

const team = { type: ['string', 'null'], maxLength: 64 } as const;
const roleKey = { type: 'string', maxLength: 64 } as const;
const patchBody = bodySchema<{ role?: string; roles?: string[]; team?: string | null; active?: boolean }>({
  type: 'object',
  properties: { role: roleKey, roles: { type: 'array', items: roleKey, minItems: 1, maxItems: 8, uniqueItems: true }, team, active: { type: 'boolean' } },
  additionalProperties: false,
});
const passwordBody = bodySchema<{ password: string }>({
  type: 'object',
  properties: { password: { type: 'string', maxLength: 1024 } },
  required: ['password'],
  additionalProperties: false,
});

interface Membership {
  userId: string;
  /** Every role held, the first one first (an owner holds that role alone). */
  roles: string[];
  team: string | null;
  active: boolean;
}

async function membership(tx: Transaction, tenantId: string, userId: string): Promise<Membership> {
  const row = (
    await tx.execute({ sql: 'SELECT user_id, role, extra_roles, team, active FROM memberships WHERE tenant_id = ? AND user_id = ?', args: [tenantId, userId] })
  ).rows[0];
  if (!row) throw notFound('user');
  return { userId: String(row.user_id), roles: heldRoles(row), team: row.team === null ? null : String(row.team), active: row.active === 1 };
}

/** The roles a change asks for: `roles` whole, or `role` in place of the first (an owner holds no others). */
function nextRoles(actor: Actor, target: Membership, body: { role?: string; roles?: string[] }): string[] {
  const roles = body.roles ?? (body.role === undefined ? target.roles : [body.role, ...target.roles.slice(1).filter((r) => r !== body.role)]);
  roles.forEach((role, i) => requireKnownRole(actor, role, body.roles ? `/roles/${i}` : '/role'));
  if (roles.length > 1 && roles.includes(OWNER_ROLE))
    throw new Problem(422, 'The owner role is held alone: it includes every other.', [
      { path: body.roles ? '/roles' : '/role', message: 'holds the owner role beside others' },
    ]);
  return roles[0] === OWNER_ROLE ? [OWNER_ROLE] : roles;
}

async function activeOwners(tx: Transaction, tenantId: string): Promise<number> {
  const row = (await tx.execute({ sql: 'SELECT count(*) AS n FROM memberships WHERE tenant_id = ? AND role = ? AND active = 1', args: [tenantId, OWNER_ROLE] }))
    .rows[0];
  return Number(row!.n);
}

/** Refuses changes beyond what the actor holds, to their own role or team, or that would leave the tenant without an active owner. */
async function guardChange(tx: Transaction, actor: Actor, target: Membership, next: Membership | null) {
  if (![...target.roles, ...(next?.roles ?? [])].every((role) => roleWithin(actor, role)))
    throw new Problem(403, 'You cannot manage a role with privileges you do not hold (only owners manage owners).');
  if (actor.roleKey !== OWNER_ROLE && target.userId === actor.userId && (next?.roles.join() !== target.roles.join() || next.team !== target.team))
    throw new Problem(403, 'You cannot change your own role or team.');
  const stillOwner = next !== null && next.roles[0] === OWNER_ROLE && next.active;
  if (target.roles[0] === OWNER_ROLE && target.active && !stillOwner && (await activeOwners(tx, actor.tenantId)) <= 1) {
    throw new Problem(409, 'This is the last active owner: make someone else an owner first.');
  }
}

const ROLES = { ...listOf(string), description: 'Every role the person holds, the first (`role`) first; their privileges are the union.' };
const MEMBER = object({ id: string, email: string, name: string, role: string, roles: ROLES, team: orNull(string), active: boolean, addedAt: moment });

/** People of the tenant: memberships, roles, teams, activation and passwords (task `manage.users`). */
export function userRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);
  // Adding a person invites them: see runtime/invitations.
  app.route('/', invitationManageRoutes(deps));

  app.get('/', route({ summary: 'List the company’s people', access: MANAGE_USERS, responses: { 200: json('By name.', items(MEMBER)) } }), async (c) => {
    const rows = (
      await db.client.execute({
        sql: `SELECT u.id, u.email, u.name, m.role, m.extra_roles, m.team, m.active, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.tenant_id = ? ORDER BY u.name COLLATE NOCASE, u.id`,
        args: [c.get('actor').tenantId],
      })
    ).rows;
    const items = rows.map((r) => ({
      id: String(r.id),
      email: String(r.email),
      name: String(r.name),
      role: String(r.role),
      roles: heldRoles(r),
      team: r.team === null ? null : String(r.team),
      active: r.active === 1,
      addedAt: new Date(Number(r.created_at)).toISOString(),
    }));
    return c.json({ items });
  });

  app.patch(
    '/:userId',
    route({
      summary: 'Change a person’s roles, team or activation',
      description:
        'Takes effect on their very next request; deactivation ends their sessions. `roles` sets every role they hold (their privileges are the union), `role` only the first. Nobody changes a role holding more than theirs, nor their own.',
      access: MANAGE_USERS,
      params: { userId: string },
      body: patchBody,
      responses: {
        200: json('As it is now.', object({ id: string, role: string, roles: ROLES, team: orNull(string), active: boolean })),
        403: problem('The role holds more than yours, or it is your own.'),
        404: problem('No such person in this company.'),
        409: problem('This is the last active owner.'),
        422: problem('No such role or team.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, patchBody);
      const now = deps.now();
      const next = await db.write(async (tx) => {
        const target = await membership(tx, actor.tenantId, c.req.param('userId'));
        await requireKnownTeam(tx, actor.tenantId, body.team);
        const next: Membership = {
          userId: target.userId,
          roles: nextRoles(actor, target, body),
          team: body.team === undefined ? target.team : body.team,
          active: body.active ?? target.active,
        };
        await guardChange(tx, actor, target, next);
        await tx.execute({
          sql: 'UPDATE memberships SET role = ?, extra_roles = ?, team = ?, active = ? WHERE tenant_id = ? AND user_id = ?',
          args: [next.roles[0]!, JSON.stringify(next.roles.slice(1)), next.team, next.active ? 1 : 0, actor.tenantId, target.userId],
        });
        if (next.team !== target.team) await reteamOwner(tx, actor.bundle, actor.tenantId, target.userId, next.team);
        if (!next.active) await tx.execute({ sql: 'DELETE FROM sessions WHERE tenant_id = ? AND user_id = ?', args: [actor.tenantId, target.userId] });
        // In the audit trail the roles read as one value: "Sales representative, Manager".
        const view = (m: Membership) => ({ role: m.roles.join(', '), team: m.team, active: m.active });
        const [before, after] = [view(target), view(next)];
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'user.updated',
            targetType: 'membership',
            targetId: target.userId,
            changes: changedFields(before, after),
          },
          now,
        );
        return next;
      });
      return c.json({ id: next.userId, role: next.roles[0], roles: next.roles, team: next.team, active: next.active });
    },
  );

  app.post(
    '/:userId/password',
    route({
      summary: 'Set a person’s password',
      description: 'Only for a person of this company alone: it ends their sessions and turns their second factor off.',
      access: MANAGE_USERS,
      params: { userId: string },
      body: passwordBody,
      responses: {
        204: empty('Set.'),
        403: problem('Their role holds more than yours.'),
        404: problem('No such person in this company.'),
        409: problem('They also belong to other companies: create a reset link instead.'),
        422: problem('The password is too weak.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, passwordBody);
      const userId = c.req.param('userId');
      const emailRow = (
        await db.client.execute({
          sql: 'SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = ? WHERE u.id = ?',
          args: [actor.tenantId, userId],
        })
      ).rows[0];
      if (!emailRow) throw notFound('user');
      requireStrongPassword(body.password, String(emailRow.email), '/password', await passwordMinFor(db.client, { userId }));
      const hash = await hashPassword(body.password, deps.hashCost);
      const now = deps.now();
      await db.write(async (tx) => {
        const target = await membership(tx, actor.tenantId, userId);
        if (!target.roles.every((r) => roleWithin(actor, r)))
          throw new Problem(403, 'You cannot set the password of someone whose role holds more than yours.');
        // One password opens every tenant of a person: only a tenant that is theirs alone may set it.
        const others = (await tx.execute({ sql: 'SELECT count(*) AS n FROM memberships WHERE user_id = ? AND tenant_id <> ?', args: [userId, actor.tenantId] }))
          .rows[0]!;
        if (Number(others.n) > 0)
          throw new Problem(409, 'This person also belongs to other tenants, so no one else may know their password: create a reset link for them instead.');
        await forgetResets(tx, userId);
        // A lost password often comes with a lost phone: the reset also turns the second factor off, to be enrolled again.
        await tx.execute({
          sql: 'UPDATE users SET password_hash = ?, totp_secret = NULL, totp_confirmed = 0, totp_last_step = NULL WHERE id = ?',
          args: [hash, userId],
        });
        await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ?', args: [userId] });
        await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'user.password_set', targetType: 'membership', targetId: userId }, now);
      });
      return c.body(null, 204);
    },
  );

  // A one-time link for the person to choose a new password; for people of several tenants it replaces setting one.
  app.post(
    '/:userId/password-reset',
    route({
      summary: 'Create a one-time link for a person to choose a new password',
      description: 'For a person of several companies only an owner of the company they joined first may. The link works for 24 hours, once.',
      access: MANAGE_USERS,
      params: { userId: string },
      responses: {
        201: json(
          'The link, shown this once; `emailed` when the runtime mailed it to the person.',
          object({ link: string, expiresAt: moment, emailed: boolean }),
        ),
        403: problem('Their role holds more than yours.'),
        404: problem('No such person in this company.'),
        409: problem('They belong to several companies and this is not the one they joined first, or you are not its owner.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      const { token, expiresAt, target } = await db.write(async (tx) => {
        const target = await membership(tx, actor.tenantId, c.req.param('userId'));
        if (!target.roles.every((r) => roleWithin(actor, r)))
          throw new Problem(403, 'You cannot reset the password of someone whose role holds more than yours.');
        const refusal = await resetRefusal(tx, target.userId, actor.tenantId, actor.roleKey);
        if (refusal) throw new Problem(409, refusal);
        await audit(
          tx,
          { tenantId: actor.tenantId, actorId: actor.userId, action: 'user.password_reset_link', targetType: 'membership', targetId: target.userId },
          now,
        );
        return { ...(await issueReset(tx, { userId: target.userId, tenantId: actor.tenantId, issuedBy: actor.userId }, now)), target };
      });
      const link = `${publicOrigin(c, deps)}/reset-password#${token}`;
      const person = (await db.client.execute({ sql: 'SELECT name, email FROM users WHERE id = ?', args: [target.userId] })).rows[0]!;
      const to = { name: String(person.name), email: String(person.email) };
      const emailed = await mailLink(deps.systemMail, db.client, 'reset', actor, to, link, new Date(expiresAt));
      return c.json({ link, expiresAt: new Date(expiresAt).toISOString(), emailed }, 201);
    },
  );

  app.delete(
    '/:userId',
    route({
      summary: 'Remove a person from the company',
      description: 'Their records stay; they can no longer sign in here.',
      access: MANAGE_USERS,
      params: { userId: string },
      responses: {
        204: empty('Removed.'),
        403: problem('Their role holds more than yours.'),
        404: problem('No such person in this company.'),
        409: problem('This is the last active owner.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      await db.write(async (tx) => {
        const target = await membership(tx, actor.tenantId, c.req.param('userId'));
        await guardChange(tx, actor, target, null);
        await tx.execute({ sql: 'DELETE FROM memberships WHERE tenant_id = ? AND user_id = ?', args: [actor.tenantId, target.userId] });
        await tx.execute({ sql: 'DELETE FROM sessions WHERE tenant_id = ? AND user_id = ?', args: [actor.tenantId, target.userId] });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'user.removed',
            targetType: 'membership',
            targetId: target.userId,
            changes: { role: target.roles.join(', ') },
          },
          now,
        );
      });
      return c.body(null, 204);
    },
  );

  return app;
}
