import type { Transaction } from '@libsql/client';
import { MAX_SEND_ATTEMPTS } from './email-json.ts';

/**
 * Disconnects a mailbox inside the caller's transaction. Messages filed on records stay there. Those filed nowhere and
 * found in no other mailbox go, with their attachments: nobody could read them any more, and private mail is not kept
 * without a reader. Mail still waiting to go out from it is given up, with the reason on the message.
 */
export async function disconnectMailbox(tx: Transaction, tenantId: string, mailboxId: string) {
  const orphans = JSON.stringify(
    (
      await tx.execute({
        sql: `SELECT s.email_seq FROM email_sources s WHERE s.mailbox_id = ?
              AND NOT EXISTS (SELECT 1 FROM email_links l WHERE l.email_seq = s.email_seq)
              AND NOT EXISTS (SELECT 1 FROM email_sources o WHERE o.email_seq = s.email_seq AND o.mailbox_id <> s.mailbox_id)`,
        args: [mailboxId],
      })
    ).rows.map((r) => Number(r.email_seq)),
  );
  for (const [table, column] of [
    ['email_attachments', 'email_seq'],
    ['email_outbox', 'email_seq'],
    ['emails_fts', 'rowid'],
    ['emails', 'seq'],
  ])
    await tx.execute({ sql: `DELETE FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?))`, args: [orphans] });
  await tx.execute({
    sql: `UPDATE email_outbox SET attempts = ${MAX_SEND_ATTEMPTS}, last_error = 'The mailbox it was to be sent from was disconnected.'
          WHERE mailbox_id = ? AND sent_at IS NULL`,
    args: [mailboxId],
  });
  for (const table of ['email_sources', 'mailbox_folders']) await tx.execute({ sql: `DELETE FROM ${table} WHERE mailbox_id = ?`, args: [mailboxId] });
  await tx.execute({ sql: 'DELETE FROM mailboxes WHERE tenant_id = ? AND id = ?', args: [tenantId, mailboxId] });
}
