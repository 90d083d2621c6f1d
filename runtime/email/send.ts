import type { Transaction } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Bundle } from '../browser-safe/bundle.ts';
import type { Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { mailProblem, openImap, smtpTransport } from './connect.ts';
import { MAX_SEND_ATTEMPTS } from './email-json.ts';
import { linkEmail, type EmailSummary } from './filing.ts';
import { mailboxFromRow, type Mailbox } from './mailboxes.ts';
import { parseMessage } from './message.ts';
import { storeMessage } from './store.ts';

/** A message to send about a record. */
export interface Outgoing {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** The message this one answers, so it joins its thread. */
  inReplyTo?: { key: string; refs: string[] };
}

/** Waits between attempts: a minute, five, a quarter of an hour, an hour, four hours. */
const BACK_OFF_MS = [60_000, 300_000, 900_000, 3_600_000, 14_400_000];
const LEASE_MS = 60_000;

/**
 * Queues a message for sending from `box`, inside the caller's transaction: it is stored (direction out), filed on
 * `recordId` and on whatever its addresses and thread file it on, and put in the outbox, which sends it after the
 * commit. `timelineEntry: false` when the caller writes the record's timeline entry itself (a workflow step, whose
 * entries the write path adds in order). Returns it as timelines show it.
 */
export async function queueEmail(
  tx: Transaction,
  box: Pick<Mailbox, 'tenantId' | 'id' | 'name' | 'address'>,
  bundle: Bundle,
  recordId: string,
  mail: Outgoing,
  actorId: string | null,
  now: number,
  { timelineEntry = true } = {},
): Promise<EmailSummary> {
  const domain = box.address.split('@')[1] ?? 'crm-studio.invalid';
  const messageId = `<${randomUUID()}@${domain}>`;
  const refs = mail.inReplyTo ? [...mail.inReplyTo.refs, mail.inReplyTo.key].map((k) => `<${k}>`) : undefined;
  const raw = await new MailComposer({
    from: { name: box.name, address: box.address },
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    messageId,
    date: new Date(now),
    inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo.key}>` : undefined,
    references: refs,
  })
    .compile()
    .build();
  const parsed = await parseMessage(raw);
  const summary = await storeMessage(tx, { tenantId: box.tenantId, mailboxId: box.id, address: box.address }, bundle, parsed, now);
  await linkEmail(tx, box.tenantId, summary, recordId, 'sent', actorId, { entry: timelineEntry });
  await tx.execute({
    sql: 'INSERT INTO email_outbox (email_seq, tenant_id, mailbox_id, raw, next_at) VALUES (?, ?, ?, ?, ?)',
    args: [summary.seq, box.tenantId, box.id, raw.toString('utf8'), now],
  });
  return summary;
}

/** Sends one due message from the outbox (SMTP, then a copy into the mailbox's Sent folder). Returns false when none was due. */
export async function sendPass(deps: Pick<Deps, 'db' | 'secretKey' | 'now' | 'mailAllowPrivate'>, owner: string): Promise<boolean> {
  const now = deps.now();
  const job = (
    await deps.db.write((tx) =>
      tx.execute({
        sql: `UPDATE email_outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
              WHERE email_seq = (SELECT email_seq FROM email_outbox WHERE sent_at IS NULL AND next_at <= ? AND attempts < ${MAX_SEND_ATTEMPTS}
                AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_at LIMIT 1)
              RETURNING email_seq, tenant_id, mailbox_id, raw, attempts`,
        args: [owner, now + LEASE_MS, now, now],
      }),
    )
  ).rows[0];
  if (!job) return false;
  let error: string | null = null;
  try {
    const row = (
      await deps.db.client.execute({ sql: 'SELECT * FROM mailboxes WHERE tenant_id = ? AND id = ?', args: [String(job.tenant_id), String(job.mailbox_id)] })
    ).rows[0];
    if (!row) throw new Problem(409, 'The mailbox it was to be sent from is no longer connected.');
    await deliver(deps, mailboxFromRow(deps.secretKey, row), String(job.raw));
  } catch (e) {
    error = (e instanceof Problem ? e : mailProblem(e, 'SMTP')).detail;
  }
  const attempts = Number(job.attempts);
  await deps.db.write((tx) =>
    tx.execute({
      sql: `UPDATE email_outbox SET lease_owner = NULL, lease_until = NULL, last_error = ?, sent_at = CASE WHEN ? IS NULL THEN ? END, next_at = ?
            WHERE email_seq = ? AND lease_owner = ?`,
      args: [error, error, deps.now(), deps.now() + (BACK_OFF_MS[attempts - 1] ?? 0), Number(job.email_seq), owner],
    }),
  );
  return true;
}

/** SMTP first (the message is out once the server took it); then a copy in Sent, where sync finds it already stored. */
async function deliver(deps: Pick<Deps, 'mailAllowPrivate'>, box: Mailbox, raw: string) {
  if (!box.smtp) throw new Problem(409, 'This mailbox has no SMTP settings to send with.');
  const network = { allowPrivate: deps.mailAllowPrivate ?? false };
  const transport = await smtpTransport(box.smtp, box.passwords.smtp ?? box.passwords.imap, network);
  try {
    const parsed = await parseMessage(raw);
    const to = parsed.recipients.map((r) => r.address);
    await transport.sendMail({ envelope: { from: box.address, to }, raw });
  } finally {
    transport.close();
  }
  const client = await openImap(box.imap, box.passwords.imap, network).catch(() => undefined);
  if (!client) return;
  try {
    const sent = (await client.list()).find((f) => f.specialUse === '\\Sent');
    if (sent) await client.append(sent.path, raw, ['\\Seen']);
  } catch {
    // The message went out; a missing copy in Sent is not worth sending it again.
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Sends every due message (tests, and each tick of the worker). */
export async function drainOutbox(deps: Pick<Deps, 'db' | 'secretKey' | 'now' | 'mailAllowPrivate'>, owner = `${process.pid}-${randomUUID()}`) {
  while (await sendPass(deps, owner));
}
