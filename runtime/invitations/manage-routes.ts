import { mailLink } from '../email/system-mail.ts';
import { Hono } from 'hono';
import type { Transaction } from '@libsql/client';
import { roleWithin, type Actor } from '../access/policy.ts';
import { boolean, empty, items, json, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { publicOrigin } from '../http/origin.ts';
import { Problem } from '../http/problem.ts';
import { requireKnownTeam } from '../teams/routes.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { MANAGE_USERS, requireKnownRole } from '../users/managing.ts';
import { invite, revoke, tenantInvitation, tenantInvitations, type Invitation } from './store.ts';

const inviteBody = bodySchema<{ email: string; name: string; role: string; team?: string | null }>({
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    role: { type: 'string', maxLength: 64 },
    team: { type: ['string', 'null'], maxLength: 64 },
  },
  required: ['email', 'name', 'role'],
  additionalProperties: false,
});

const INVITATION = object({
  id: string,
  email: string,
  name: string,
  role: string,
  team: orNull(string),
  invitedBy: object({ id: string, name: string }),
  createdAt: moment,
  expiresAt: moment,
  expired: boolean,
});

const view = (i: Invitation & { inviterName: string }, now: number) => ({
  id: i.id,
  email: i.email,
  name: i.name,
  role: i.role,
  team: i.team,
  invitedBy: { id: i.invitedBy, name: i.inviterName },
  createdAt: new Date(i.createdAt).toISOString(),
  expiresAt: new Date(i.expiresAt).toISOString(),
  expired: i.expiresAt <= now,
});

/** Revokes an invitation of the actor's tenant, if its role is within what the actor holds. */
async function revokeAs(tx: Transaction, actor: Actor, invitation: Invitation, now: number): Promise<void> {
  if (!roleWithin(actor, invitation.role)) throw new Problem(403, 'You cannot manage a role with privileges you do not hold (only owners manage owners).');
  await revoke(tx, invitation, actor.userId, now);
}

/**
 * Adding people (`POST /api/users`) invites them: the answer is the same whether or not the email has an account
 * anywhere on the installation, and holds only what the caller sent. Pending invitations are listed and can be revoked.
 * Mounted inside the user routes.
 */
export function invitationManageRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/',
    route({
      summary: 'Invite a person',
      description:
        'The answer is the same whether or not the email has an account anywhere, and holds only what you sent. The link (7 days, one-time) is shown this once; inviting the same email again replaces the invitation.',
      access: MANAGE_USERS,
      body: inviteBody,
      responses: {
        201: json(
          'The invitation and its link; `emailed` when the runtime mailed it (SMTP_URL is set) and the server took it.',
          object({ invitation: INVITATION, link: string, emailed: boolean }),
        ),
        403: problem('The role holds privileges you do not hold.'),
        409: problem('The person is already a member, or the company holds too many invitations.'),
        422: problem('No such role or team.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, inviteBody);
      requireKnownRole(actor, body.role);
      if (!roleWithin(actor, body.role)) throw new Problem(403, 'You cannot give a role with privileges you do not hold.');
      const input = {
        tenantId: actor.tenantId,
        email: body.email.trim(),
        name: body.name.trim(),
        role: body.role,
        team: body.team?.trim() || null,
        invitedBy: actor.userId,
      };
      const now = deps.now();
      const { invitation, token } = await db.write(async (tx) => {
        const member = await tx.execute({
          sql: 'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? AND u.email = ?',
          args: [actor.tenantId, input.email],
        });
        if (member.rows.length) throw new Problem(409, 'This person is already a member of this tenant.', [{ path: '/email', message: 'is already a member' }]);
        await requireKnownTeam(tx, actor.tenantId, input.team);
        // Inviting again replaces the earlier invitation: revoking it, with the same right revoking needs.
        const earlier = await tenantInvitation(tx, actor.tenantId, { email: input.email });
        if (earlier) await revokeAs(tx, actor, earlier, now);
        return invite(tx, input, now);
      });
      // The link is shown this once (it is stored hashed) for the inviter to pass on, and mailed when the runtime has mail.
      const link = `${publicOrigin(c, deps)}/invite#${token}`;
      const emailed = await mailLink(deps.systemMail, db.client, 'invitation', actor, input, link, new Date(invitation.expiresAt));
      return c.json({ invitation: view({ ...invitation, inviterName: actor.name }, now), link, emailed }, 201);
    },
  );

  app.get(
    '/invitations',
    route({
      summary: 'List the invitations not yet answered',
      description: 'Expired ones too, marked.',
      access: MANAGE_USERS,
      responses: { 200: json('Newest first.', items(INVITATION)) },
    }),
    async (c) => {
      const now = deps.now();
      return c.json({ items: (await tenantInvitations(db.client, c.get('actor').tenantId)).map((i) => view(i, now)) });
    },
  );

  app.delete(
    '/invitations/:id',
    route({
      summary: 'Revoke an invitation',
      description: 'Its link stops working at once.',
      access: MANAGE_USERS,
      params: { id: string },
      responses: { 204: empty('Revoked.'), 403: problem('Its role holds privileges you do not hold.'), 404: problem('No such invitation.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      await db.write(async (tx) => {
        const invitation = await tenantInvitation(tx, actor.tenantId, { id: c.req.param('id') });
        if (!invitation) throw new Problem(404, 'No such invitation.');
        await revokeAs(tx, actor, invitation, now);
      });
      return c.body(null, 204);
    },
  );

  return app;
}
