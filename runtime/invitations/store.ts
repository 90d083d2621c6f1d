import type { Client, Row, Transaction } from '@libsql/client';
import { hasTask, heldRoles, OWNER_ROLE, roleFor, rolesFor, roleWithin } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { hashToken, randomToken } from '../auth/secret-token.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import { publishedBundle } from '../config/store.ts';
import { newId } from '../db/ids.ts';
import { Problem } from '../http/problem.ts';

/** How long an invitation (and its link) stays good. */
export const INVITATION_MS = 7 * 24 * 3600_000;

/** An invitation as its tenant sees it: only what the inviter typed, never anything of an account the email may have. */
export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: string;
  team: string | null;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
}

const COLUMNS = 'i.id, i.tenant_id, i.email, i.name, i.role, i.team, i.invited_by, i.created_at, i.expires_at';

const fromRow = (r: Row): Invitation => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  email: String(r.email),
  name: String(r.name),
  role: String(r.role),
  team: r.team === null ? null : String(r.team),
  invitedBy: String(r.invited_by),
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

export type NewInvitation = Pick<Invitation, 'tenantId' | 'email' | 'name' | 'role' | 'team' | 'invitedBy'>;

/** How many invitations, open or expired, one tenant may hold: a bound on what anyone can push into people's banners. */
export const MAX_INVITATIONS = 500;

/** Invites an email into a tenant (which has no invitation for it); returns the link's token, which is stored only hashed. */
export async function invite(tx: Transaction, input: NewInvitation, now: number): Promise<{ invitation: Invitation; token: string }> {
  const held = (await tx.execute({ sql: 'SELECT count(*) AS n FROM invitations WHERE tenant_id = ?', args: [input.tenantId] })).rows[0]!;
  if (Number(held.n) >= MAX_INVITATIONS) throw new Problem(409, `This tenant already has ${MAX_INVITATIONS} invitations waiting; revoke some first.`);
  const invitation: Invitation = { ...input, id: newId(), createdAt: now, expiresAt: now + INVITATION_MS };
  const token = randomToken();
  await tx.execute({
    sql: 'INSERT INTO invitations (id, tenant_id, email, name, role, team, invited_by, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    args: [invitation.id, input.tenantId, input.email, input.name, input.role, input.team, input.invitedBy, hashToken(token), now, invitation.expiresAt],
  });
  await audit(
    tx,
    {
      tenantId: input.tenantId,
      actorId: input.invitedBy,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation.id,
      changes: { email: input.email, role: input.role, team: input.team },
    },
    now,
  );
  return { invitation, token };
}

/** A tenant's invitations, expired ones included, with who sent them. */
export async function tenantInvitations(db: Client, tenantId: string): Promise<(Invitation & { inviterName: string })[]> {
  const rows = (
    await db.execute({
      sql: `SELECT ${COLUMNS}, u.name AS inviter FROM invitations i JOIN users u ON u.id = i.invited_by WHERE i.tenant_id = ? ORDER BY i.created_at DESC, i.id`,
      args: [tenantId],
    })
  ).rows;
  return rows.map((r) => ({ ...fromRow(r), inviterName: String(r.inviter) }));
}

/** A tenant's invitation by id, or by the email it is for; expired or not. */
export async function tenantInvitation(db: Client | Transaction, tenantId: string, by: { id: string } | { email: string }): Promise<Invitation | undefined> {
  const [column, value] = 'id' in by ? ['i.id', by.id] : ['i.email', by.email];
  const row = (await db.execute({ sql: `SELECT ${COLUMNS} FROM invitations i WHERE i.tenant_id = ? AND ${column} = ?`, args: [tenantId, value] })).rows[0];
  return row && fromRow(row);
}

/** The unexpired invitation a link's token belongs to. */
export async function invitationByToken(db: Client | Transaction, token: string, now: number): Promise<Invitation | undefined> {
  const row = (await db.execute({ sql: `SELECT ${COLUMNS} FROM invitations i WHERE i.token_hash = ? AND i.expires_at > ?`, args: [hashToken(token), now] }))
    .rows[0];
  return row && fromRow(row);
}

/** The unexpired invitations addressed to an email, from tenants the person is not yet a member of. */
export async function invitationsFor(db: Client | Transaction, email: string, userId: string, now: number): Promise<Invitation[]> {
  const rows = (
    await db.execute({
      sql: `SELECT ${COLUMNS} FROM invitations i WHERE i.email = ? AND i.expires_at > ?
            AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = i.tenant_id AND m.user_id = ?) ORDER BY i.created_at, i.id`,
      args: [email, now, userId],
    })
  ).rows;
  return rows.map(fromRow);
}

/** What the invited person is shown: the company, the role under its current name, who invited them, until when. */
export async function invitationView(db: Client | Transaction, invitation: Invitation) {
  const row = (
    await db.execute({
      sql: 'SELECT t.name, t.slug, t.config_version, u.name AS inviter FROM tenants t, users u WHERE t.id = ? AND u.id = ?',
      args: [invitation.tenantId, invitation.invitedBy],
    })
  ).rows[0]!;
  const bundle = await publishedBundle(db, invitation.tenantId, Number(row.config_version));
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    // The slug too: two companies may share a name, the slug is theirs alone.
    tenant: { name: String(row.name), slug: String(row.slug) },
    role: { key: invitation.role, label: roleFor(bundle, invitation.role).label, i18n: roleFor(bundle, invitation.role).i18n ?? {} },
    invitedBy: { name: String(row.inviter) },
    expiresAt: new Date(invitation.expiresAt).toISOString(),
  };
}

/**
 * Closes an invitation and records why in the inviting tenant's audit trail; 404 when it was closed already (accepted,
 * declined, revoked or replaced by a racing request).
 */
async function close(tx: Transaction, invitation: Invitation, action: string, actorId: string | null, now: number): Promise<void> {
  if ((await tx.execute({ sql: 'DELETE FROM invitations WHERE id = ?', args: [invitation.id] })).rowsAffected !== 1) throw gone();
  const changes = { email: invitation.email, role: invitation.role, team: invitation.team };
  await audit(tx, { tenantId: invitation.tenantId, actorId, action, targetType: 'invitation', targetId: invitation.id, changes }, now);
}

const gone = () => new Problem(404, 'This invitation is no longer open: it was accepted, declined or revoked, or it expired.');

/** What the inviter may still grant now: an active member whose role still covers the invitation's. */
async function inviterCanGrant(tx: Transaction, invitation: Invitation, bundle: Bundle): Promise<boolean> {
  const row = (
    await tx.execute({
      sql: 'SELECT role, extra_roles FROM memberships WHERE tenant_id = ? AND user_id = ? AND active = 1',
      args: [invitation.tenantId, invitation.invitedBy],
    })
  ).rows[0];
  if (!row) return false;
  const roleKeys = heldRoles(row);
  const inviter = { roleKey: roleKeys[0]!, role: rolesFor(bundle, roleKeys), bundle };
  return hasTask(inviter, 'manage.users') && roleWithin(inviter, invitation.role);
}

/**
 * Makes the person a member as invited, in the caller's transaction, and audits it in the inviting tenant (the audit
 * goes with the membership or not at all: a refusal below rolls back the whole write).
 * 404 when the invitation closed meanwhile; 409 when its role no longer exists there, the inviter may no longer
 * grant it, or the person is a member already.
 */
export async function accept(tx: Transaction, invitation: Invitation, userId: string, now: number): Promise<void> {
  await close(tx, invitation, 'invitation.accepted', userId, now);
  const version = Number((await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [invitation.tenantId] })).rows[0]!.config_version);
  const bundle = await publishedBundle(tx, invitation.tenantId, version);
  if (invitation.role !== OWNER_ROLE && !Object.hasOwn(bundle.roles, invitation.role)) {
    throw new Problem(409, 'The role of this invitation no longer exists in that company; ask them to invite you again.');
  }
  if (!(await inviterCanGrant(tx, invitation, bundle)))
    throw new Problem(409, 'Whoever invited you can no longer grant this role; ask that company to invite you again.');
  if ((await tx.execute({ sql: 'SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ?', args: [invitation.tenantId, userId] })).rows.length) {
    throw new Problem(409, 'You are already a member of that company.');
  }
  await tx.execute({
    sql: 'INSERT INTO memberships (tenant_id, user_id, role, team, active, created_at) VALUES (?, ?, ?, ?, 1, ?)',
    args: [invitation.tenantId, userId, invitation.role, invitation.team, now],
  });
}

/**
 * Declines an invitation (after signing in, or through the link without an account). The inviting tenant's audit
 * records that it was declined, but not by whom: the account behind the email, if any, is not theirs to know.
 */
export async function decline(tx: Transaction, invitation: Invitation, now: number): Promise<void> {
  await close(tx, invitation, 'invitation.declined', null, now);
}

/** Revokes a tenant's invitation (its link stops working at once). */
export async function revoke(tx: Transaction, invitation: Invitation, actorId: string, now: number): Promise<void> {
  await close(tx, invitation, 'invitation.revoked', actorId, now);
}
