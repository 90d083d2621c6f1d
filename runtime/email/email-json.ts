import type { Client, Row } from '@libsql/client';
import type { Actor } from '../access/policy.ts';
import { readableSql, titleFor } from '../access/scope.ts';
import { anything, boolean, integer, listOf, moment, object, orNull, string } from '../http/api-schemas.ts';

const EMAIL_PROPERTIES = {
  id: string,
  subject: string,
  from: object({ address: string, name: string }),
  recipients: listOf(object({ address: string, name: string })),
  sentAt: moment,
  direction: { enum: ['in', 'out'] },
  snippet: string,
  records: listOf(object({ entity: string, id: string, title: orNull(string) })),
  delivery: orNull(object({ status: { enum: ['sending', 'sent', 'failed'] }, error: orNull(string), attempts: integer })),
};
export const EMAIL = {
  ...object(EMAIL_PROPERTIES),
  description: 'A message; `records` are those it is filed on that you may read; `delivery` is how sending a message written here stands.',
};
export const EMAIL_FULL = {
  ...object({ ...EMAIL_PROPERTIES, text: string, html: orNull(string), attachments: listOf(anything), leftOut: listOf(string), sortable: boolean }),
  description:
    'A message with its text, its HTML (made safe: show it in a sandboxed frame), its attachments, and the names of those left out for their size (over 10 MB, or past 25 MB in all).',
};

/** The columns an email's JSON is made of (`FROM emails e LEFT JOIN email_outbox o ON o.email_seq = e.seq`). */
export const EMAIL_COLUMNS = `e.seq, e.id, e.subject, e.from_address, e.from_name, e.recipients, e.sent_at, e.direction, substr(e.text, 1, 300) AS snippet,
  o.sent_at AS delivered_at, o.last_error, o.attempts`;

/** After this many failed attempts a message is no longer tried: it failed. */
export const MAX_SEND_ATTEMPTS = 6;

/** The records each message is filed on that the actor may read, with their titles as the actor sees them. */
export async function readableRecords(db: Client, actor: Actor, seqs: number[]) {
  const byEmail = new Map<number, { entity: string; id: string; title: string | null }[]>();
  if (seqs.length === 0) return byEmail;
  const readable = readableSql(actor);
  const rows = await db.execute({
    // CROSS JOIN: driven by the page's few links, never by walking the records a wide scope reads (an owner's: all).
    sql: `SELECT l.email_seq, r.entity, r.id, r.data FROM email_links l CROSS JOIN records r ON r.tenant_id = l.tenant_id AND r.id = l.record_id
          WHERE l.email_seq IN (SELECT value FROM json_each(?)) AND ${readable.sql} ORDER BY r.entity, r.seq`,
    args: [JSON.stringify(seqs), ...readable.args],
  });
  for (const r of rows.rows) {
    const list = byEmail.get(Number(r.email_seq)) ?? [];
    const entity = String(r.entity);
    list.push({ entity, id: String(r.id), title: titleFor(actor, entity, JSON.parse(String(r.data)) as Record<string, unknown>) });
    byEmail.set(Number(r.email_seq), list);
  }
  return byEmail;
}

/** A message of a list (see `EMAIL`). */
export function emailJson(row: Row, records: { entity: string; id: string; title: string | null }[]) {
  const attempts = row.attempts === null || row.attempts === undefined ? null : Number(row.attempts);
  return {
    id: String(row.id),
    subject: String(row.subject),
    from: { address: String(row.from_address), name: String(row.from_name) },
    recipients: JSON.parse(String(row.recipients)) as { address: string; name: string }[],
    sentAt: new Date(Number(row.sent_at)).toISOString(),
    direction: String(row.direction) as 'in' | 'out',
    snippet: String(row.snippet ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200),
    records,
    delivery:
      attempts === null
        ? null
        : {
            status: row.delivered_at !== null ? 'sent' : attempts >= MAX_SEND_ATTEMPTS ? 'failed' : 'sending',
            error: row.last_error === null ? null : String(row.last_error),
            attempts,
          },
  };
}
