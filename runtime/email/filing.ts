import type { Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { fieldValueMatch } from '../records/search-text.ts';
import { addEntry } from '../records/timeline.ts';

/** A record a message is filed on. */
interface Target {
  id: string;
  entity: string;
  data: Record<string, unknown>;
}

export type LinkHow = 'address' | 'thread' | 'hand' | 'sent';

/** What a timeline shows of a message; the message itself is read through /api/emails, under the same visibility. */
export interface EmailSummary {
  seq: number;
  id: string;
  subject: string;
  from: string;
  direction: 'in' | 'out';
  sentAt: number;
}

/** Records of `entity` whose `field` equals `value` exactly (addresses compared without case), found through the search index. */
async function recordsWhere(tx: Transaction, tenantId: string, entity: string, field: string, value: string, caseless: boolean): Promise<Target[]> {
  const match = fieldValueMatch(tenantId, entity, field, value);
  if (!match) return [];
  const rows = await tx.execute({
    sql: `SELECT r.id, r.data FROM records r WHERE r.tenant_id = ? AND r.entity = ?
          AND r.seq IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?) AND ${caseless ? 'lower(r.data ->> ?)' : 'r.data ->> ?'} = ? LIMIT 200`,
    args: [tenantId, entity, match, `$.${field}`, value],
  });
  return rows.rows.map((r) => ({ id: String(r.id), entity, data: JSON.parse(String(r.data)) as Record<string, unknown> }));
}

/**
 * The records a message concerns, by the bundle's filing rules: records whose address fields hold one of its
 * addresses; the records those point to through `alsoFileOn` (a contact's account); then the records that point to
 * any of these through `filedThrough` (the deals and cases of that contact or account).
 */
export async function recordsForAddresses(tx: Transaction, tenantId: string, bundle: Bundle, addresses: string[]): Promise<Target[]> {
  const found = new Map<string, Target>();
  const add = (t: Target) => found.set(t.id, t);
  for (const [entity, def] of Object.entries(bundle.entities))
    for (const field of def.email?.addressFields ?? [])
      for (const address of addresses) (await recordsWhere(tx, tenantId, entity, field, address, true)).forEach(add);
  for (const t of [...found.values()]) {
    const def = bundle.entities[t.entity]!;
    for (const field of def.email?.alsoFileOn ?? []) {
      const target = def.form.schema.properties[field]?.['x-ref'];
      const id = t.data[field];
      if (!target || typeof id !== 'string') continue;
      const row = (await tx.execute({ sql: 'SELECT data FROM records WHERE tenant_id = ? AND id = ? AND entity = ?', args: [tenantId, id, target] })).rows[0];
      if (row) add({ id, entity: target, data: JSON.parse(String(row.data)) as Record<string, unknown> });
    }
  }
  const direct = [...found.values()];
  for (const [entity, def] of Object.entries(bundle.entities))
    for (const field of def.email?.filedThrough ?? []) {
      const target = def.form.schema.properties[field]?.['x-ref'];
      for (const t of direct.filter((d) => d.entity === target)) (await recordsWhere(tx, tenantId, entity, field, t.id, false)).forEach(add);
    }
  return [...found.values()];
}

/** The records the messages of a thread (by their keys) are filed on. */
export async function recordsOfThread(tx: Transaction, tenantId: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await tx.execute({
    sql: `SELECT DISTINCT l.record_id FROM emails e JOIN email_links l ON l.email_seq = e.seq
          WHERE e.tenant_id = ? AND e.message_key IN (SELECT value FROM json_each(?))`,
    args: [tenantId, JSON.stringify(keys)],
  });
  return rows.rows.map((r) => String(r.record_id));
}

/** Files a message on a record: the link and (unless the caller writes it) the record's timeline entry, once. Returns whether it was new. */
export async function linkEmail(
  tx: Transaction,
  tenantId: string,
  email: EmailSummary,
  recordId: string,
  how: LinkHow,
  actorId: string | null,
  { entry = true } = {},
) {
  const inserted = await tx.execute({
    sql: 'INSERT INTO email_links (tenant_id, email_seq, record_id, how) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    args: [tenantId, email.seq, recordId, how],
  });
  if (inserted.rowsAffected === 0) return false;
  if (entry) await addEntry(tx, tenantId, recordId, actorId, 'email', emailEntryData(email), email.sentAt);
  return true;
}

/** What a record's timeline keeps of a message filed on it. */
export const emailEntryData = (email: EmailSummary) => ({ email: { id: email.id, subject: email.subject, from: email.from, direction: email.direction } });

/** Takes a message off a record: the link, its timeline entry and the news of it. Returns whether it was filed there. */
export async function unlinkEmail(tx: Transaction, tenantId: string, email: { seq: number; id: string }, recordId: string) {
  const removed = await tx.execute({ sql: 'DELETE FROM email_links WHERE email_seq = ? AND record_id = ?', args: [email.seq, recordId] });
  if (removed.rowsAffected === 0) return false;
  await tx.execute({
    sql: `DELETE FROM timeline WHERE tenant_id = ? AND record_id = ? AND kind = 'email' AND data ->> '$.email.id' = ?`,
    args: [tenantId, recordId, email.id],
  });
  // The news of it goes too (a notification names the subject, not the message: one of the same subject goes with it).
  await tx.execute({
    sql: `DELETE FROM notifications WHERE tenant_id = ? AND record_id = ? AND kind = 'email' AND message = (SELECT coalesce(nullif(subject, ''), '—') FROM emails WHERE seq = ?)`,
    args: [tenantId, recordId, email.seq],
  });
  return true;
}
