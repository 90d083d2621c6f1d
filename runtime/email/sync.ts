import type { Row } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { publishedBundle } from '../config/store.ts';
import type { Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { mailProblem, openImap } from './connect.ts';
import { mailboxFromRow, type Mailbox } from './mailboxes.ts';
import { parseMessage, type ParsedMessage } from './message.ts';
import { storeMessage } from './store.ts';

/** Messages fetched and stored per transaction; the folder's cursor moves with them, so an interrupted sync resumes. */
const BATCH = 50;
const LEASE_MS = 60_000;
/** A message is fetched up to this size; the rest of a larger one is cut off. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
/** How often a mailbox is looked at again; after a failure, later. */
export const SYNC_EVERY_MS = 30_000;
const RETRY_AFTER_MS = 5 * 60_000;

type MailDeps = Pick<Deps, 'db' | 'secretKey' | 'now' | 'mailAllowPrivate'>;

/** Thrown when another process took the mailbox over (this one stalled past its lease): its work is rolled back. */
class LeaseLost extends Error {}

/**
 * Claims one mailbox due for a sync (or one whose process crashed: its lease ran out) and syncs it. Returns false when
 * none was due.
 */
export async function syncPass(deps: MailDeps, owner: string): Promise<boolean> {
  const now = deps.now();
  const row = (
    await deps.db.write((tx) =>
      tx.execute({
        // The next sync is set when this one starts, so a "sync now" asked meanwhile (next_sync_at = 0) is kept.
        sql: `UPDATE mailboxes SET lease_owner = ?, lease_until = ?, next_sync_at = ?
              WHERE (tenant_id, id) = (SELECT tenant_id, id FROM mailboxes WHERE next_sync_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_sync_at LIMIT 1)
              RETURNING *`,
        args: [owner, now + LEASE_MS, now + SYNC_EVERY_MS, now, now],
      }),
    )
  ).rows[0];
  if (!row) return false;
  await syncMailbox(deps, row, owner);
  return true;
}

/** Syncs every folder of a claimed mailbox, then records the outcome in words and frees the lease. */
async function syncMailbox(deps: MailDeps, row: Row, owner: string) {
  const box = mailboxFromRow(deps.secretKey, row);
  let error: string | null = null;
  let client: ImapFlow | undefined;
  try {
    client = await openImap(box.imap, box.passwords.imap, { allowPrivate: deps.mailAllowPrivate ?? false });
    const folders = await pendingFolders(deps, client, box);
    let done = 0;
    const total = folders.reduce((n, f) => n + f.uids.length, 0);
    if (total) await setProgress(deps, box, owner, 0, total);
    for (const folder of folders) done = await syncFolder(deps, client, box, owner, folder, done);
  } catch (e) {
    if (e instanceof LeaseLost) return;
    error = (e instanceof Problem ? e : mailProblem(e, 'IMAP')).detail;
  } finally {
    await client?.logout().catch(() => client?.close());
  }
  const now = deps.now();
  await deps.db.write((tx) =>
    tx.execute({
      sql: `UPDATE mailboxes SET lease_owner = NULL, lease_until = NULL, progress_done = NULL, progress_total = NULL, last_error = ?,
              last_sync_at = CASE WHEN ? IS NULL THEN ? ELSE last_sync_at END, last_attempt_at = ?,
              next_sync_at = CASE WHEN next_sync_at = 0 THEN 0 ELSE ? END,
              messages = (SELECT count(*) FROM email_sources WHERE mailbox_id = mailboxes.id)
            WHERE tenant_id = ? AND id = ? AND lease_owner = ?`,
      args: [error, error, now, now, now + (error ? RETRY_AFTER_MS : SYNC_EVERY_MS), box.tenantId, box.id, owner],
    }),
  );
}

interface PendingFolder {
  name: string;
  uidValidity: string;
  uids: number[];
}

/** For each folder: its UIDVALIDITY and the UIDs not stored yet (all of them when UIDVALIDITY changed). */
async function pendingFolders(deps: MailDeps, client: ImapFlow, box: Mailbox): Promise<PendingFolder[]> {
  const out: PendingFolder[] = [];
  for (const name of box.folders) {
    const lock = await client.getMailboxLock(name, { readOnly: true });
    try {
      const mailbox = client.mailbox;
      if (!mailbox) continue;
      const uidValidity = String(mailbox.uidValidity);
      const cursor = (await deps.db.client.execute({ sql: 'SELECT * FROM mailbox_folders WHERE mailbox_id = ? AND folder = ?', args: [box.id, name] })).rows[0];
      const lastUid = cursor && String(cursor.uid_validity) === uidValidity ? Number(cursor.last_uid) : 0;
      const found = mailbox.exists ? (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [] : [];
      // `n:*` also names the last message when none is newer than n.
      out.push({ name, uidValidity, uids: found.filter((uid) => uid > lastUid).sort((a, b) => a - b) });
    } finally {
      lock.release();
    }
  }
  return out;
}

async function syncFolder(deps: MailDeps, client: ImapFlow, box: Mailbox, owner: string, folder: PendingFolder, done: number) {
  if (folder.uids.length === 0) {
    await saveCursor(deps, box, folder);
    return done;
  }
  const lock = await client.getMailboxLock(folder.name, { readOnly: true });
  try {
    for (let i = 0; i < folder.uids.length; i += BATCH) {
      const uids = folder.uids.slice(i, i + BATCH);
      const fetched = await client.fetchAll(uids.join(','), { uid: true, source: { maxLength: MAX_MESSAGE_BYTES } }, { uid: true });
      const parsed: ParsedMessage[] = [];
      for (const m of fetched.sort((a, b) => a.uid - b.uid)) if (m.source) parsed.push(await parseMessage(m.source));
      done += uids.length;
      await deps.db.write(async (tx) => {
        const now = deps.now();
        const held = await tx.execute({
          sql: 'UPDATE mailboxes SET lease_until = ?, progress_done = ? WHERE tenant_id = ? AND id = ? AND lease_owner = ?',
          args: [now + LEASE_MS, done, box.tenantId, box.id, owner],
        });
        if (held.rowsAffected === 0) throw new LeaseLost();
        const tenant = (await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [box.tenantId] })).rows[0]!;
        const bundle = await publishedBundle(tx, box.tenantId, Number(tenant.config_version));
        // Mail arriving after the first sync is news to the owners of its records; the history a first sync brings in is not.
        const source = { tenantId: box.tenantId, mailboxId: box.id, address: box.address, notify: box.syncedBefore };
        for (const mail of parsed) await storeMessage(tx, source, bundle, mail, now);
        await writeCursor(tx, box, folder, uids.at(-1)!);
      });
    }
  } finally {
    lock.release();
  }
  return done;
}

type Tx = Parameters<Parameters<MailDeps['db']['write']>[0]>[0];

const writeCursor = (tx: Tx, box: Mailbox, folder: PendingFolder, lastUid: number) =>
  tx.execute({
    sql: `INSERT INTO mailbox_folders (mailbox_id, folder, uid_validity, last_uid) VALUES (?, ?, ?, ?)
          ON CONFLICT (mailbox_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity,
            last_uid = CASE WHEN uid_validity = excluded.uid_validity THEN max(last_uid, excluded.last_uid) ELSE excluded.last_uid END`,
    args: [box.id, folder.name, folder.uidValidity, lastUid],
  });

/** A folder with nothing new still records its UIDVALIDITY, so a later change of it is noticed. */
async function saveCursor(deps: MailDeps, box: Mailbox, folder: PendingFolder) {
  await deps.db.write(async (tx) => {
    const existing = (await tx.execute({ sql: 'SELECT uid_validity FROM mailbox_folders WHERE mailbox_id = ? AND folder = ?', args: [box.id, folder.name] }))
      .rows[0];
    if (existing && String(existing.uid_validity) === folder.uidValidity) return;
    await writeCursor(tx, box, folder, 0);
  });
}

async function setProgress(deps: MailDeps, box: Mailbox, owner: string, done: number, total: number) {
  await deps.db.write((tx) =>
    tx.execute({
      sql: 'UPDATE mailboxes SET progress_done = ?, progress_total = ? WHERE tenant_id = ? AND id = ? AND lease_owner = ?',
      args: [done, total, box.tenantId, box.id, owner],
    }),
  );
}

/** Syncs every due mailbox until none is due (tests, and each tick of the worker). */
export async function drainMailboxes(deps: MailDeps, owner = `${process.pid}-${randomUUID()}`): Promise<void> {
  while (await syncPass(deps, owner));
}
