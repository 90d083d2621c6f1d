import type { Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { newId } from '../db/ids.ts';
import { linkEmail, recordsForAddresses, recordsOfThread, type EmailSummary } from './filing.ts';
import type { ParsedMessage } from './message.ts';

/** The mailbox a message was found in (or is sent from); `notify`: tell the owners of its records about new mail. */
export interface Source {
  tenantId: string;
  mailboxId: string;
  address: string;
  notify?: boolean;
}

/**
 * Stores a message once per company — found again (another folder, another mailbox, a resync after UIDVALIDITY
 * changed, a second process) it is only noted as seen in this mailbox — and files a new one on the records it
 * concerns: by its addresses other than the mailbox's own, and by the thread it answers. Returns it as timelines show it.
 */
export async function storeMessage(tx: Transaction, source: Source, bundle: Bundle, mail: ParsedMessage, now: number): Promise<EmailSummary> {
  const direction = mail.from.address === source.address.toLowerCase() ? 'out' : 'in';
  const inserted = (
    await tx.execute({
      sql: `INSERT INTO emails (tenant_id, id, message_key, direction, subject, from_address, from_name, recipients, sent_at, text, html, in_reply_to, refs, left_out, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING seq, id`,
      args: [
        source.tenantId,
        newId(),
        mail.key,
        direction,
        mail.subject,
        mail.from.address,
        mail.from.name,
        JSON.stringify(mail.recipients),
        mail.sentAt,
        mail.text,
        mail.html,
        mail.inReplyTo,
        JSON.stringify(mail.refs),
        JSON.stringify(mail.leftOut),
        now,
      ],
    })
  ).rows[0];
  const row =
    inserted ?? (await tx.execute({ sql: 'SELECT seq, id FROM emails WHERE tenant_id = ? AND message_key = ?', args: [source.tenantId, mail.key] })).rows[0]!;
  const summary: EmailSummary = {
    seq: Number(row.seq),
    id: String(row.id),
    subject: mail.subject,
    from: mail.from.name || mail.from.address,
    direction,
    sentAt: mail.sentAt,
  };
  await tx.execute({ sql: 'INSERT INTO email_sources (email_seq, mailbox_id) VALUES (?, ?) ON CONFLICT DO NOTHING', args: [summary.seq, source.mailboxId] });
  if (!inserted) return summary;
  await tx.execute({ sql: 'INSERT INTO emails_fts (rowid, subject, body) VALUES (?, ?, ?)', args: [summary.seq, mail.subject, mail.text] });
  for (const [n, a] of mail.attachments.entries())
    await tx.execute({
      sql: 'INSERT INTO email_attachments (email_seq, n, file_name, content_type, size, content) VALUES (?, ?, ?, ?, ?, ?)',
      args: [summary.seq, n, a.fileName, a.contentType, a.content.length, a.content],
    });
  await fileMessage(tx, source, bundle, mail, summary);
  return summary;
}

/** Files a message on the records of its addresses (never the mailbox's own) and of the thread it answers. */
export async function fileMessage(tx: Transaction, source: Source, bundle: Bundle, mail: ParsedMessage, summary: EmailSummary) {
  const own = source.address.toLowerCase();
  const addresses = [...new Set([mail.from, ...mail.recipients].map((a) => a.address).filter((a) => a && a !== own))];
  const byAddress = await recordsForAddresses(tx, source.tenantId, bundle, addresses);
  for (const t of byAddress) await linkEmail(tx, source.tenantId, summary, t.id, 'address', null);
  const thread = await recordsOfThread(tx, source.tenantId, [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.refs]);
  for (const id of thread) await linkEmail(tx, source.tenantId, summary, id, 'thread', null);
  if (source.notify && summary.direction === 'in') await notifyOwners(tx, source.tenantId, summary);
}

/**
 * Tells the owner of each record a new message is filed on (once per person, on one of their records). The
 * notification points at the record, so it shows only while its owner may still read it.
 */
async function notifyOwners(tx: Transaction, tenantId: string, email: EmailSummary) {
  const owners = await tx.execute({
    sql: `SELECT r.owner_id, min(r.id) AS record_id FROM email_links l JOIN records r ON r.tenant_id = l.tenant_id AND r.id = l.record_id
          WHERE l.email_seq = ? GROUP BY r.owner_id`,
    args: [email.seq],
  });
  for (const o of owners.rows)
    await tx.execute({
      sql: "INSERT INTO notifications (id, tenant_id, user_id, record_id, message, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, 'email')",
      args: [newId(), tenantId, String(o.owner_id), String(o.record_id), email.subject || '—', email.sentAt],
    });
}
