import type { Client, Transaction } from '@libsql/client';
import { passwordMinFor } from '../tenants/security.ts';
import { Hono } from 'hono';
import { checkCredentials } from '../auth/credentials.ts';
import { hashPassword, requireStrongPassword } from '../auth/password.ts';
import { createUser, tenantView, userView } from '../auth/people.ts';
import { logIn } from '../auth/sessions.ts';
import { empty, items, json, moment, object, problem, ref, string } from '../http/api-schemas.ts';
import { contract, PUBLIC, SESSION } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { accept, decline, invitationByToken, invitationsFor, invitationView, type Invitation } from './store.ts';

const token = { type: 'string', minLength: 1, maxLength: 100 } as const;
const linkBody = bodySchema<{ token: string }>({ type: 'object', properties: { token }, required: ['token'], additionalProperties: false });
const joinBody = bodySchema<{ token: string; account: 'new' | 'existing'; name?: string; password: string; totp?: string }>({
  type: 'object',
  properties: {
    token,
    account: { enum: ['new', 'existing'] },
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
    totp: { type: 'string', maxLength: 12 },
  },
  required: ['token', 'account', 'password'],
  additionalProperties: false,
});

/** An invitation as the invited person sees it. */
const SEEN = object({
  id: string,
  email: string,
  name: string,
  tenant: object({ name: string, slug: string }),
  role: object({ key: string, label: string }),
  invitedBy: object({ name: string }),
  expiresAt: moment,
});

/** The open invitation a link's token names; 404 when it was used, revoked or replaced, or it expired. */
async function openLink(db: Client | Transaction, value: string, now: number): Promise<Invitation> {
  const invitation = await invitationByToken(db, value, now);
  if (!invitation) throw new Problem(404, 'This invitation link is not valid any more: it was used or revoked, or it expired. Ask for a new invitation.');
  return invitation;
}

/**
 * The invited person's side: invitations addressed to the signed-in person's email (accept, decline), and the
 * invitation link, which a new person follows to create their account and an existing one to sign in and join.
 */
export function invitationRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  // The person's own invitations are about other companies: a session's business, never an API token's (access SESSION).
  const route = contract(deps);

  // Registered before `/:id/…`, which would otherwise take "link" for an id.
  app.post(
    '/link',
    route({
      summary: 'Look at an invitation link',
      access: PUBLIC,
      body: linkBody,
      responses: { 200: json('Who invites you to which company as what.', SEEN), 404: problem('The link was used, revoked or replaced, or it expired.') },
    }),
    async (c) => {
      const { token: value } = await parseBody(c, linkBody);
      return c.json(await invitationView(db.client, await openLink(db.client, value, deps.now())));
    },
  );

  // Declining needs no account: whoever holds the link may turn it down, and nothing says whether an account exists.
  app.post(
    '/link/decline',
    route({
      summary: 'Decline an invitation through its link',
      description: 'With or without an account: the company learns only that it was declined.',
      access: PUBLIC,
      body: linkBody,
      responses: { 204: empty('Declined.'), 404: problem('The link was used, revoked or replaced, or it expired.') },
    }),
    async (c) => {
      const { token: value } = await parseBody(c, linkBody);
      const now = deps.now();
      await db.write(async (tx) => decline(tx, await openLink(tx, value, now), now));
      return c.body(null, 204);
    },
  );

  app.post(
    '/link/accept',
    route({
      summary: 'Join a company through an invitation link',
      description:
        '`account: "new"` creates your account with the name and password you choose; `"existing"` signs in with the account the email has. Either starts a session in that company.',
      access: PUBLIC,
      body: joinBody,
      responses: {
        200: json('Joined with your existing account.', ref('SignedIn')),
        201: json('Joined with a new account.', ref('SignedIn')),
        401: problem('Not the account’s password, or its second factor’s code is needed (`totpRequired`).'),
        404: problem('The link was used, revoked or replaced, or it expired.'),
        409: problem('The email already has an account (choose "existing"), or the invitation can no longer grant its role.'),
        422: problem('The password is too weak.'),
      },
    }),
    async (c) => {
      const body = await parseBody(c, joinBody);
      const invitation = await openLink(db.client, body.token, deps.now());
      const existing = body.account === 'existing' ? await checkCredentials(deps, c, invitation.email, body.password, body.totp) : undefined;
      if (!existing) requireStrongPassword(body.password, invitation.email, '/password', await passwordMinFor(db.client, { tenantId: invitation.tenantId }));
      const hash = existing ? undefined : await hashPassword(body.password, deps.hashCost);
      const name = (body.name ?? invitation.name).trim();
      const now = deps.now();
      const userId = await db.write(async (tx) => {
        // Read again inside the write: a link is good for one account only, however many tabs follow it.
        const open = await openLink(tx, body.token, now);
        const id =
          existing?.id ??
          (await createUser(
            tx,
            { email: invitation.email, name, passwordHash: hash! },
            now,
            new Problem(409, 'An account with this email already exists: choose “I already have an account” and enter its password.', [
              { path: '/account', message: 'already has an account' },
            ]),
          ));
        await accept(tx, open, id, now);
        await logIn(c, deps, tx, id, invitation.tenantId, now);
        return id;
      });
      const tenant = await tenantView(db.client, invitation.tenantId);
      return c.json({ user: userView(existing ?? { id: userId, email: invitation.email, name }), tenant, role: invitation.role }, existing ? 200 : 201);
    },
  );

  app.get(
    '/',
    route({
      summary: 'Your invitations',
      description: 'Those addressed to your email, from companies you are not in yet.',
      access: SESSION,
      responses: { 200: json('Oldest first.', items(SEEN)) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const open = await invitationsFor(db.client, actor.email, actor.userId, deps.now());
      return c.json({ items: await Promise.all(open.map((i) => invitationView(db.client, i))) });
    },
  );

  /** The caller's own open invitation with this id; any other id is the same 404. */
  const mine = async (actor: AppEnv['Variables']['actor'], id: string, now: number): Promise<Invitation> => {
    const found = (await invitationsFor(db.client, actor.email, actor.userId, now)).find((i) => i.id === id);
    if (!found) throw new Problem(404, 'There is no such invitation for you.');
    return found;
  };

  app.post(
    '/:id/accept',
    route({
      summary: 'Accept an invitation',
      description: 'You become a member of that company too; switch to it with `POST /api/session/tenant`.',
      access: SESSION,
      params: { id: string },
      responses: {
        200: json('The company you joined, and your role there.', object({ tenant: ref('Tenant'), role: string })),
        404: problem('No such invitation for you.'),
        409: problem('Its role no longer exists there, whoever sent it can no longer grant it, or you are a member already.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      const invitation = await mine(actor, c.req.param('id'), now);
      await db.write((tx) => accept(tx, invitation, actor.userId, now));
      return c.json({ tenant: await tenantView(db.client, invitation.tenantId), role: invitation.role });
    },
  );

  app.post(
    '/:id/decline',
    route({
      summary: 'Decline an invitation',
      access: SESSION,
      params: { id: string },
      responses: { 204: empty('Declined.'), 404: problem('No such invitation for you.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const now = deps.now();
      const invitation = await mine(actor, c.req.param('id'), now);
      await db.write((tx) => decline(tx, invitation, now));
      return c.body(null, 204);
    },
  );

  return app;
}
