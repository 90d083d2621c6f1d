import type { Row } from '@libsql/client';
import { Hono, type Context } from 'hono';
import { hasTask } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { anything, empty, items, json, listOf, object, problem, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { parseBody } from '../http/validate.ts';
import { checkServers } from './check-servers.ts';
import { disconnectMailbox } from './disconnect.ts';
import { mailboxBody, mailboxPatch, passwords, settings } from './mailbox-input.ts';
import { MAILBOX_UNSENT_SQL, mailboxFromRow, mailboxJson, managedMailbox, mayManage, sealPasswords } from './mailboxes.ts';

const MAILBOX = { ...object({ id: string, name: string, address: string }), additionalProperties: true };
const BAD_SETTINGS = problem('The settings are not valid, or a server refused them: the detail says why in words, `errors` names the field.');

/**
 * Mailboxes: shared ones (sales@, support@) for `email.sync` holders, and anyone's own. Settings are tried against the
 * servers before they are kept, so a wrong password is said at once; passwords are sealed with SECRET_KEY and never
 * sent back.
 */
export function mailboxRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);
  const network = () => ({ allowPrivate: deps.mailAllowPrivate ?? false });

  app.get(
    '/',
    route({
      summary: 'Mailboxes',
      description:
        'Shared mailboxes (to `email.sync` holders) and your own, with how their sync stands and how many messages written here have not gone out (`unsent`: still tried, or given up on after 6 attempts).',
      access: SIGNED_IN,
      responses: { 200: json('The mailboxes.', items(MAILBOX)) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const rows = await db.client.execute({
        sql: `SELECT m.*, ${MAILBOX_UNSENT_SQL} FROM mailboxes m WHERE m.tenant_id = ? AND (m.personal_user_id = ? OR (m.personal_user_id IS NULL AND ?)) ORDER BY m.name, m.id`,
        args: [actor.tenantId, actor.userId, hasTask(actor, 'email.sync') ? 1 : 0],
      });
      return c.json({ items: rows.rows.map(mailboxJson) });
    },
  );

  app.post(
    '/test',
    route({
      summary: 'Try a mailbox’s settings',
      description: 'Logs in to its IMAP (and SMTP) server without keeping anything; answers the folders that would be synced.',
      access: SIGNED_IN,
      body: mailboxBody,
      responses: { 200: json('The servers took the settings.', object({ folders: listOf(string) })), 422: BAD_SETTINGS },
    }),
    async (c) => {
      const input = await parseBody(c, mailboxBody);
      const folders = await checkServers({ imap: input.imap, smtp: input.smtp ?? null, passwords: passwords(input), folders: input.folders }, network());
      return c.json({ folders });
    },
  );

  app.post(
    '/',
    route({
      summary: 'Connect a mailbox',
      description: 'A shared mailbox needs `email.sync`; anyone may connect their own (`personal: true`). Its first sync starts within seconds.',
      access: SIGNED_IN,
      body: mailboxBody,
      responses: { 201: json('The mailbox.', MAILBOX), 403: problem('Your role may not connect shared mailboxes.'), 422: BAD_SETTINGS },
    }),
    async (c) => {
      const actor = c.get('actor');
      const input = await parseBody(c, mailboxBody);
      const personalUserId = input.personal ? actor.userId : null;
      if (!mayManage(actor, personalUserId)) throw new Problem(403, 'Your role may not connect shared mailboxes; you may connect your own.');
      const secrets = passwords(input);
      const folders = await checkServers({ imap: input.imap, smtp: input.smtp ?? null, passwords: secrets, folders: input.folders }, network());
      const id = newId();
      const now = deps.now();
      const row = await db.write(async (tx) => {
        const inserted = await tx.execute({
          sql: `INSERT INTO mailboxes (tenant_id, id, name, address, personal_user_id, imap, smtp, secret, folders, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          args: [
            actor.tenantId,
            id,
            input.name.trim(),
            input.address.toLowerCase(),
            personalUserId,
            JSON.stringify(settings(input.imap)),
            input.smtp ? JSON.stringify(settings(input.smtp)) : null,
            sealPasswords(deps.secretKey, secrets),
            JSON.stringify(folders),
            actor.userId,
            now,
          ],
        });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'mailbox.connected',
            targetType: 'mailbox',
            targetId: id,
            changes: { name: input.name.trim() },
          },
          now,
        );
        return inserted.rows[0]!;
      });
      return c.json(mailboxJson(await withStatus(row)), 201);
    },
  );

  /** A mailbox's row with what its status needs besides (mail not sent yet). */
  const withStatus = async (row: Row) =>
    (
      await db.client.execute({
        sql: `SELECT m.*, ${MAILBOX_UNSENT_SQL} FROM mailboxes m WHERE m.tenant_id = ? AND m.id = ?`,
        args: [String(row.tenant_id), String(row.id)],
      })
    ).rows[0]!;

  /** A mailbox the caller manages with the request's changes applied, tried against the servers. */
  async function changed(c: Context<AppEnv>) {
    const row = await managedMailbox(db.client, c.get('actor'), c.req.param('id')!);
    const patch = await parseBody(c, mailboxPatch);
    if (patch.personal !== undefined && patch.personal !== (row.personal_user_id !== null))
      throw new Problem(422, 'A mailbox stays shared or personal; connect another one instead.', [{ path: '/personal', message: 'cannot change' }]);
    const box = mailboxFromRow(deps.secretKey, row);
    const imap = patch.imap ? settings(patch.imap) : box.imap;
    const smtp = patch.smtp === undefined ? box.smtp : patch.smtp && settings(patch.smtp);
    const secrets = passwords(patch, box.passwords);
    const folders = await checkServers(
      { imap, smtp, passwords: secrets, folders: patch.folders === null ? undefined : (patch.folders ?? box.folders) },
      network(),
    );
    return { box, patch, imap, smtp, secrets, folders };
  }

  app.post(
    '/:id/test',
    route({
      summary: 'Try a connected mailbox’s settings',
      description: 'With the changes sent (passwords left out are the stored ones), without keeping anything; answers the folders that would be synced.',
      access: SIGNED_IN,
      params: { id: string },
      body: mailboxPatch,
      responses: {
        200: json('The servers took the settings.', object({ folders: listOf(string) })),
        404: problem('No such mailbox you may manage.'),
        422: BAD_SETTINGS,
      },
    }),
    async (c) => c.json({ folders: (await changed(c)).folders }),
  );

  app.patch(
    '/:id',
    route({
      summary: 'Change a mailbox’s settings',
      description: 'Leave a password out to keep it; `folders: null` syncs the default ones again. Changed settings are tried against the servers first.',
      access: SIGNED_IN,
      params: { id: string },
      body: mailboxPatch,
      responses: { 200: json('The mailbox.', MAILBOX), 404: problem('No such mailbox you may manage.'), 422: BAD_SETTINGS },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { box, patch, imap, smtp, secrets, folders } = await changed(c);
      const now = deps.now();
      const updated = await db.write(async (tx) => {
        const result = await tx.execute({
          sql: `UPDATE mailboxes SET name = ?, address = ?, imap = ?, smtp = ?, secret = ?, folders = ?, next_sync_at = 0, last_error = NULL
                WHERE tenant_id = ? AND id = ? RETURNING *`,
          args: [
            patch.name?.trim() ?? box.name,
            patch.address?.toLowerCase() ?? box.address,
            JSON.stringify(imap),
            smtp ? JSON.stringify(smtp) : null,
            sealPasswords(deps.secretKey, secrets),
            JSON.stringify(folders),
            actor.tenantId,
            box.id,
          ],
        });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'mailbox.changed',
            targetType: 'mailbox',
            targetId: box.id,
            changes: { name: patch.name?.trim() ?? box.name },
          },
          now,
        );
        return result.rows[0]!;
      });
      return c.json(mailboxJson(await withStatus(updated)));
    },
  );

  app.post(
    '/:id/sync',
    route({
      summary: 'Sync a mailbox now',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 202: json('The sync starts within seconds.', anything), 404: problem('No such mailbox you may manage.') },
    }),
    async (c) => {
      const row = await managedMailbox(db.client, c.get('actor'), c.req.param('id'));
      await db.write((tx) =>
        tx.execute({ sql: 'UPDATE mailboxes SET next_sync_at = 0 WHERE tenant_id = ? AND id = ?', args: [String(row.tenant_id), String(row.id)] }),
      );
      return c.json({}, 202);
    },
  );

  app.delete(
    '/:id',
    route({
      summary: 'Disconnect a mailbox',
      description:
        'Its messages stay on the records they are filed on; those filed nowhere (and in no other mailbox) are forgotten, and mail still waiting to go out from it is given up.',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 204: empty('Disconnected.'), 404: problem('No such mailbox you may manage.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const row = await managedMailbox(db.client, actor, c.req.param('id'));
      const now = deps.now();
      await db.write(async (tx) => {
        await disconnectMailbox(tx, actor.tenantId, String(row.id));
        const changes = { name: String(row.name) };
        await audit(
          tx,
          { tenantId: actor.tenantId, actorId: actor.userId, action: 'mailbox.disconnected', targetType: 'mailbox', targetId: String(row.id), changes },
          now,
        );
      });
      return c.body(null, 204);
    },
  );

  return app;
}
