import type { Client } from '@libsql/client';
import { Hono, type Context } from 'hono';
import { scopeOf, type Actor } from '../access/policy.ts';
import { emailSortableSql, emailUnfiledSql, emailVisibleSql, scopeFor } from '../access/scope.ts';
import { audit } from '../audit/log.ts';
import { boolean, empty, items, json, problem, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { getRecord } from '../records/store.ts';
import { EMAIL, EMAIL_COLUMNS, EMAIL_FULL, emailJson, readableRecords } from './email-json.ts';
import { linkEmail, unlinkEmail } from './filing.ts';

const PAGE = 50;
const linkBody = bodySchema<{ record: string }>({
  type: 'object',
  properties: { record: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['record'],
  additionalProperties: false,
});

/** A record the actor may read, by id alone; undefined for one that does not exist and one outside their scope alike. */
export async function readableRecord(db: Client, actor: Actor, id: string) {
  const row = (await db.execute({ sql: 'SELECT entity FROM records WHERE tenant_id = ? AND id = ?', args: [actor.tenantId, id] })).rows[0];
  const entity = row && String(row.entity);
  if (!entity || scopeOf(actor, 'read', entity) === 'none') return undefined;
  return getRecord(db, scopeFor(actor, 'read', entity), id);
}

/**
 * Messages: a list of those the caller may read (filed on a record they may read, or from their own mailbox), searched
 * over subject and text; the unfiled ones for whoever sorts them; one message with its HTML and attachments; filing a
 * message on a record by hand and taking it off again (audited).
 */
export function emailRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  /**
   * A message the caller may read — filed on a record they may read, of their own mailbox, or filed nowhere yet in a
   * mailbox they sort — or 404. With `sorting`, only one they sort (to file it by hand); a sorter never reads a
   * message through sorting once it is filed on records they may not read.
   */
  async function seen(c: Context<AppEnv>, sorting = false) {
    const actor = c.get('actor');
    const visible = emailVisibleSql(actor);
    const unfiled = emailUnfiledSql(actor);
    const sorts = emailSortableSql(actor);
    const row = (
      await db.client.execute({
        sql: `SELECT e.*, ${EMAIL_COLUMNS}, ${sorts.sql} AS sorts FROM emails e LEFT JOIN email_outbox o ON o.email_seq = e.seq
              WHERE e.tenant_id = ? AND e.id = ? AND (${visible.sql} OR ${unfiled.sql})`,
        args: [...sorts.args, actor.tenantId, c.req.param('id')!, ...visible.args, ...unfiled.args],
      })
    ).rows[0];
    if (!row || (sorting && !row.sorts)) throw notFound('message');
    return { actor, row };
  }

  app.get(
    '/',
    route({
      summary: 'Messages',
      description:
        'Newest first: those filed on a record you may read and those of your own mailboxes. `unfiled=true`: those filed nowhere yet, of the mailboxes you sort (shared ones with `email.sync`, your own).',
      access: SIGNED_IN,
      query: {
        q: { schema: { type: 'string', maxLength: 200 }, description: 'Words in the subject or text (prefixes match).' },
        unfiled: { schema: boolean, description: 'Only messages filed on no record.' },
        cursor: { schema: string, description: 'From `nextCursor` of the page before.' },
      },
      responses: { 200: json('One page of messages.', items(EMAIL, true)) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const unfiled = c.req.query('unfiled') === 'true';
      const where = unfiled ? emailUnfiledSql(actor) : emailVisibleSql(actor);
      const args: (string | number)[] = [actor.tenantId, ...where.args];
      let sql = `SELECT ${EMAIL_COLUMNS} FROM emails e LEFT JOIN email_outbox o ON o.email_seq = e.seq WHERE e.tenant_id = ? AND ${where.sql}`;
      const words = (c.req.query('q') ?? '').match(/[\p{L}\p{N}]+/gu)?.slice(0, 8);
      if (words?.length) {
        sql += ' AND e.seq IN (SELECT rowid FROM emails_fts WHERE emails_fts MATCH ?)';
        args.push(words.map((w) => `"${w}"*`).join(' AND '));
      }
      const cursor = c.req.query('cursor');
      if (cursor !== undefined) {
        const [at, seq] = cursor.split('.').map(Number);
        if (!Number.isInteger(at) || !Number.isInteger(seq)) throw new Problem(400, 'cursor is not valid.', [{ path: '/cursor', message: 'is not a cursor' }]);
        sql += ' AND (e.sent_at, e.seq) < (?, ?)';
        args.push(at!, seq!);
      }
      const rows = (await db.client.execute({ sql: `${sql} ORDER BY e.sent_at DESC, e.seq DESC LIMIT ${PAGE + 1}`, args })).rows;
      const page = rows.slice(0, PAGE);
      const records = await readableRecords(
        db.client,
        actor,
        page.map((r) => Number(r.seq)),
      );
      const last = page.at(-1);
      return c.json({
        items: page.map((r) => emailJson(r, records.get(Number(r.seq)) ?? [])),
        nextCursor: rows.length > PAGE && last ? `${Number(last.sent_at)}.${Number(last.seq)}` : null,
      });
    },
  );

  app.get(
    '/:id',
    route({
      summary: 'A message',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 200: json('The message.', EMAIL_FULL), 404: problem('No such message, or none you may read.') },
    }),
    async (c) => {
      const { actor, row } = await seen(c);
      const records = await readableRecords(db.client, actor, [Number(row.seq)]);
      const files = await db.client.execute({
        sql: 'SELECT n, file_name, content_type, size FROM email_attachments WHERE email_seq = ? ORDER BY n',
        args: [Number(row.seq)],
      });
      return c.json({
        ...emailJson(row, records.get(Number(row.seq)) ?? []),
        text: String(row.text),
        html: row.html === null ? null : String(row.html),
        attachments: files.rows.map((f) => ({ n: Number(f.n), fileName: String(f.file_name), contentType: String(f.content_type), size: Number(f.size) })),
        leftOut: JSON.parse(String(row.left_out)) as string[],
        sortable: Boolean(row.sorts),
      });
    },
  );

  app.get(
    '/:id/attachments/:n',
    route({
      summary: 'Download an attachment',
      description: 'Always a download (`Content-Disposition: attachment`), never shown in the page.',
      access: SIGNED_IN,
      params: { id: string, n: string },
      responses: {
        200: { description: 'The file.', schema: string, contentType: 'application/octet-stream' },
        404: problem('No such attachment you may read.'),
      },
    }),
    async (c) => {
      const { row } = await seen(c);
      const file = (
        await db.client.execute({ sql: 'SELECT * FROM email_attachments WHERE email_seq = ? AND n = ?', args: [Number(row.seq), Number(c.req.param('n'))] })
      ).rows[0];
      if (!file) throw notFound('attachment');
      const name = String(file.file_name);
      return c.body(new Uint8Array(file.content as ArrayBuffer), 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x-content-type-options': 'nosniff',
      });
    },
  );

  app.post(
    '/:id/links',
    route({
      summary: 'File a message on a record',
      description: 'For messages of the mailboxes you sort (shared ones with `email.sync`, your own), on a record you may read.',
      access: SIGNED_IN,
      params: { id: string },
      body: linkBody,
      responses: { 201: empty('Filed; it shows on the record’s timeline.'), 404: problem('No such message you sort, or no such record you may read.') },
    }),
    async (c) => {
      const { actor, row } = await seen(c, true);
      const { record: recordId } = await parseBody(c, linkBody);
      const record = await readableRecord(db.client, actor, recordId);
      if (!record) throw new Problem(404, 'No such record.', [{ path: '/record', message: 'is not a record you may read' }]);
      const now = deps.now();
      const email = {
        seq: Number(row.seq),
        id: String(row.id),
        subject: String(row.subject),
        from: String(row.from_name) || String(row.from_address),
        direction: String(row.direction) as 'in' | 'out',
        sentAt: Number(row.sent_at),
      };
      await db.write(async (tx) => {
        if (!(await linkEmail(tx, actor.tenantId, email, record.id, 'hand', actor.userId))) return;
        await audit(tx, linkAudit(actor, 'email.linked', record, email.subject), now);
      });
      return c.body(null, 201);
    },
  );

  app.delete(
    '/:id/links/:record',
    route({
      summary: 'Take a message off a record',
      description: 'Whoever may read only that record no longer sees the message.',
      access: SIGNED_IN,
      params: { id: string, record: string },
      responses: { 204: empty('Taken off.'), 404: problem('No such message you sort, or it is not filed on that record.') },
    }),
    async (c) => {
      const { actor, row } = await seen(c, true);
      const record = await readableRecord(db.client, actor, c.req.param('record'));
      if (!record) throw notFound();
      const now = deps.now();
      const removed = await db.write(async (tx) => {
        if (!(await unlinkEmail(tx, actor.tenantId, { seq: Number(row.seq), id: String(row.id) }, record.id))) return false;
        await audit(tx, linkAudit(actor, 'email.unlinked', record, String(row.subject)), now);
        return true;
      });
      if (!removed) throw notFound('message on that record');
      return c.body(null, 204);
    },
  );

  return app;
}

/** An audit event about filing, kept under the record's scope (only its readers see it in the trail). */
const linkAudit = (
  actor: Actor,
  action: string,
  record: { id: string; entity: string; ownerId: string; createdBy: string; team: string | null },
  subject: string,
) => ({
  tenantId: actor.tenantId,
  actorId: actor.userId,
  action,
  targetType: 'record' as const,
  targetId: record.id,
  record: { entity: record.entity, ownerId: record.ownerId, createdBy: record.createdBy, team: record.team },
  changes: { name: subject },
});
