import type { Client, Row } from '@libsql/client';
import { hasTask, type Actor } from '../access/policy.ts';
import { open, seal } from '../auth/secret-box.ts';
import { notFound } from '../http/problem.ts';
import type { ServerSettings } from './connect.ts';
import { MAX_SEND_ATTEMPTS } from './email-json.ts';

const SEALED = 'mailbox';

/** A stored mailbox, with its passwords opened. */
export interface Mailbox {
  tenantId: string;
  id: string;
  name: string;
  address: string;
  personalUserId: string | null;
  imap: ServerSettings;
  smtp: ServerSettings | null;
  /** `smtp` absent: the IMAP password, whatever it is changed to. */
  passwords: { imap: string; smtp?: string };
  folders: string[];
  /** Whether a sync has finished before (the mailbox's history is in). */
  syncedBefore: boolean;
}

export const sealPasswords = (secretKey: string, passwords: Mailbox['passwords']) => seal(secretKey, SEALED, JSON.stringify(passwords));

export function mailboxFromRow(secretKey: string, row: Row): Mailbox {
  return {
    tenantId: String(row.tenant_id),
    id: String(row.id),
    name: String(row.name),
    address: String(row.address),
    personalUserId: row.personal_user_id === null ? null : String(row.personal_user_id),
    imap: JSON.parse(String(row.imap)) as ServerSettings,
    smtp: row.smtp === null ? null : (JSON.parse(String(row.smtp)) as ServerSettings),
    passwords: JSON.parse(open(secretKey, SEALED, String(row.secret))) as Mailbox['passwords'],
    folders: JSON.parse(String(row.folders)) as string[],
    syncedBefore: row.last_sync_at !== null,
  };
}

/** Shared mailboxes are `email.sync` holders' to manage; a personal one is its owner's alone. */
export const mayManage = (actor: Actor, personalUserId: string | null) =>
  personalUserId === null ? hasTask(actor, 'email.sync') : personalUserId === actor.userId;

/** A mailbox the caller may manage, or 404 (a personal mailbox of someone else is not named). */
export async function managedMailbox(db: Client, actor: Actor, id: string): Promise<Row> {
  const row = (await db.execute({ sql: 'SELECT * FROM mailboxes WHERE tenant_id = ? AND id = ?', args: [actor.tenantId, id] })).rows[0];
  if (!row || !mayManage(actor, row.personal_user_id === null ? null : String(row.personal_user_id))) throw notFound('mailbox');
  return row;
}

const at = (v: unknown) => (v === null ? null : new Date(Number(v)).toISOString());

/** A mailbox as the studio shows it: never its passwords. */
export function mailboxJson(row: Row) {
  const total = row.progress_total === null ? null : Number(row.progress_total);
  return {
    id: String(row.id),
    name: String(row.name),
    address: String(row.address),
    personal: row.personal_user_id !== null,
    imap: JSON.parse(String(row.imap)) as ServerSettings,
    smtp: row.smtp === null ? null : (JSON.parse(String(row.smtp)) as ServerSettings),
    folders: JSON.parse(String(row.folders)) as string[],
    status: {
      lastSyncAt: at(row.last_sync_at),
      lastAttemptAt: at(row.last_attempt_at),
      messages: Number(row.messages),
      progress: total === null ? null : { done: Number(row.progress_done ?? 0), total },
      lastError: row.last_error === null ? null : String(row.last_error),
      // Mail written here that has not gone out: still being tried, or given up on (with the last reason).
      unsent: {
        waiting: Number(row.unsent_waiting ?? 0),
        failed: Number(row.unsent_failed ?? 0),
        lastError: row.unsent_error === null || row.unsent_error === undefined ? null : String(row.unsent_error),
      },
    },
  };
}

/** The columns `mailboxJson` reads besides the mailbox's own (`FROM mailboxes m`). */
export const MAILBOX_UNSENT_SQL = `
  (SELECT count(*) FROM email_outbox o WHERE o.mailbox_id = m.id AND o.sent_at IS NULL AND o.attempts < ${MAX_SEND_ATTEMPTS}) AS unsent_waiting,
  (SELECT count(*) FROM email_outbox o WHERE o.mailbox_id = m.id AND o.sent_at IS NULL AND o.attempts >= ${MAX_SEND_ATTEMPTS}) AS unsent_failed,
  (SELECT o.last_error FROM email_outbox o WHERE o.mailbox_id = m.id AND o.sent_at IS NULL AND o.last_error IS NOT NULL ORDER BY o.next_at DESC LIMIT 1) AS unsent_error`;
