import { Hono } from 'hono';
import { publishedBundle } from '../config/store.ts';
import { emailVisibleSql } from '../access/scope.ts';
import { items, json, listOf, object, problem, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { readableRecord } from './email-routes.ts';
import { mailboxFromRow } from './mailboxes.ts';
import { queueEmail, type Outgoing } from './send.ts';
import { respondedByMail } from '../service-levels/track.ts';

interface ComposeBody {
  record: string;
  mailbox: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  replyTo?: string;
}
const addresses = { type: 'array', maxItems: 50, items: { type: 'string', format: 'email', maxLength: 320 } };
const composeBody = bodySchema<ComposeBody>({
  type: 'object',
  properties: {
    record: { type: 'string', minLength: 1, maxLength: 64 },
    mailbox: { type: 'string', minLength: 1, maxLength: 64 },
    to: { ...addresses, minItems: 1 },
    cc: addresses,
    subject: { type: 'string', minLength: 1, maxLength: 300, pattern: '\\S' },
    text: { type: 'string', minLength: 1, maxLength: 100_000 },
    replyTo: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['record', 'mailbox', 'to', 'subject', 'text'],
  additionalProperties: false,
});

/** The mailboxes a person may send from: shared ones with SMTP settings, and their own. */
const SENDERS_SQL = `SELECT * FROM mailboxes WHERE tenant_id = ? AND smtp IS NOT NULL AND (personal_user_id IS NULL OR personal_user_id = ?)`;

/** Writing mail from a record: which mailboxes may send it, and sending (through the outbox, after the commit). */
export function sendRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/senders',
    route({
      summary: 'Mailboxes you may send from',
      access: SIGNED_IN,
      responses: { 200: json('Shared mailboxes that can send, and your own.', items(object({ id: string, name: string, address: string }))) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const rows = await db.client.execute({ sql: `${SENDERS_SQL} ORDER BY personal_user_id IS NULL, name`, args: [actor.tenantId, actor.userId] });
      return c.json({ items: rows.rows.map((r) => ({ id: String(r.id), name: String(r.name), address: String(r.address) })) });
    },
  );

  app.post(
    '/',
    route({
      summary: 'Send a message about a record',
      description:
        'From a mailbox you may send from, about a record you may read. It is filed on the record at once and sent within seconds; `delivery` on the message says how sending stands (retried with back-off when the server fails).',
      access: SIGNED_IN,
      body: composeBody,
      responses: {
        202: json('Queued.', object({ id: string, recipients: listOf(string) })),
        404: problem('No such record you may read, mailbox you may send from, or message to reply to.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, composeBody);
      const record = await readableRecord(db.client, actor, body.record);
      if (!record) throw new Problem(404, 'No such record.', [{ path: '/record', message: 'is not a record you may read' }]);
      const row = (await db.client.execute({ sql: `${SENDERS_SQL} AND id = ?`, args: [actor.tenantId, actor.userId, body.mailbox] })).rows[0];
      if (!row) throw new Problem(404, 'No such mailbox to send from.', [{ path: '/mailbox', message: 'is not a mailbox you may send from' }]);
      let inReplyTo: Outgoing['inReplyTo'];
      if (body.replyTo !== undefined) {
        const visible = emailVisibleSql(actor);
        const answered = (
          await db.client.execute({
            sql: `SELECT message_key, refs FROM emails e WHERE e.tenant_id = ? AND e.id = ? AND ${visible.sql}`,
            args: [actor.tenantId, body.replyTo, ...visible.args],
          })
        ).rows[0];
        if (!answered) throw new Problem(404, 'No such message to reply to.', [{ path: '/replyTo', message: 'is not a message you may read' }]);
        inReplyTo = { key: String(answered.message_key), refs: JSON.parse(String(answered.refs)) as string[] };
      }
      const box = mailboxFromRow(deps.secretKey, row);
      const now = deps.now();
      const id = await db.write(async (tx) => {
        const bundle = await publishedBundle(tx, actor.tenantId, actor.configVersion);
        const mail = { to: body.to, cc: body.cc ?? [], subject: body.subject.trim(), text: body.text, inReplyTo };
        const sent = await queueEmail(tx, box, bundle, record.id, mail, actor.userId, now);
        // A person writing to the customer from a case gives its first response.
        await respondedByMail(tx, bundle, actor.tenantId, record.id, now);
        return sent.id;
      });
      return c.json({ id, recipients: [...body.to, ...(body.cc ?? [])] }, 202);
    },
  );

  return app;
}
