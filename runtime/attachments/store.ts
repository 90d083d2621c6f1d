import { createHash } from 'node:crypto';
import type { Client, Row, Transaction } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';
import type { FileKind } from '../browser-safe/attachment-limits.ts';
import type { Db } from '../db/client.ts';

/** The bytes are kept in parts of this size, one row each, so a download never holds a whole file. */
export const PART_BYTES = 256 * 1024;
/** How long an upload waits for a record write to claim it (a file field of a form not saved yet). */
export const PENDING_MS = 24 * 3_600_000;
/** How many files, and bytes, one person may have waiting for a record at once: uploads that are never claimed cannot fill the disk. */
export const PENDING_FILES = 20;
export const PENDING_BYTES = 200 * 1024 * 1024;

/** The files person `userId` has waiting for a record now, and their bytes. */
export async function pendingOf(tx: Transaction, tenantId: string, userId: string, now: number): Promise<{ files: number; bytes: number }> {
  const row = (
    await tx.execute({
      sql: 'SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM attachments WHERE tenant_id = ? AND created_by = ? AND record_id IS NULL AND pending_until > ?',
      args: [tenantId, userId, now],
    })
  ).rows[0]!;
  return { files: Number(row.files), bytes: Number(row.bytes) };
}

/** An attachment's row: everything but its bytes. */
export interface AttachmentRow {
  id: string;
  recordEntity: string | null;
  recordId: string | null;
  field: string | null;
  name: string;
  contentType: string;
  kind: FileKind;
  size: number;
  sha256: string;
  createdBy: { id: string; name: string };
  createdAt: number;
  pendingUntil: number | null;
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const rowOf = (r: Row): AttachmentRow => ({
  id: String(r.id),
  recordEntity: text(r.record_entity),
  recordId: text(r.record_id),
  field: text(r.field),
  name: String(r.name),
  contentType: String(r.content_type),
  kind: String(r.kind) as FileKind,
  size: Number(r.size),
  sha256: String(r.sha256),
  createdBy: { id: String(r.created_by), name: String(r.creator_name ?? '') },
  createdAt: Number(r.created_at),
  pendingUntil: r.pending_until === null ? null : Number(r.pending_until),
});

/** An attachment as it travels (`Attachment` in the API document). */
export const attachmentJson = (a: Pick<AttachmentRow, 'id' | 'name' | 'contentType' | 'size' | 'createdBy' | 'createdAt' | 'field'>) => ({
  id: a.id,
  name: a.name,
  contentType: a.contentType,
  size: a.size,
  createdBy: a.createdBy,
  createdAt: new Date(a.createdAt).toISOString(),
  field: a.field,
});

const COLUMNS = 'a.*, u.name AS creator_name FROM attachments a LEFT JOIN users u ON u.id = a.created_by';

/** One attachment of the tenant, whoever may read it: callers decide (runtime/attachments/visible.ts). */
export async function findAttachment(db: Client | Transaction, tenantId: string, id: string): Promise<AttachmentRow | undefined> {
  const row = (await db.execute({ sql: `SELECT ${COLUMNS} WHERE a.tenant_id = ? AND a.id = ?`, args: [tenantId, id] })).rows[0];
  return row && rowOf(row);
}

/** The claimed attachments of a record inside `scope` (a read scope), newest first; none of a field the scope hides. */
export async function recordAttachments(db: Client, scope: RecordScope, recordId: string): Promise<AttachmentRow[]> {
  const inScope = scopeSql(scope);
  const rows = (
    await db.execute({
      sql: `SELECT ${COLUMNS} JOIN records r ON r.tenant_id = a.tenant_id AND r.id = a.record_id
            WHERE a.tenant_id = ? AND a.record_id = ? AND a.record_entity = ? AND a.pending_until IS NULL AND ${inScope.sql}
            ORDER BY a.created_at DESC, a.id`,
      args: [scope.tenantId, recordId, scope.entity, ...inScope.args],
    })
  ).rows.map(rowOf);
  return rows.filter((a) => a.field === null || !scope.hidden.has(a.field));
}

/** A file to keep: where it belongs (no record: pending for its uploader), what it is, who sent it. */
export interface NewAttachment {
  id: string;
  tenantId: string;
  record: { entity: string; id: string } | null;
  field: string | null;
  name: string;
  contentType: string;
  kind: FileKind;
  createdBy: string;
  now: number;
  pending: boolean;
}

/** Keeps a file and its bytes inside the caller's transaction. */
export async function storeAttachment(tx: Transaction, a: NewAttachment, bytes: Uint8Array): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO attachments (tenant_id, id, record_entity, record_id, field, name, content_type, kind, size, sha256, created_by, created_at, pending_until)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      a.tenantId,
      a.id,
      a.record?.entity ?? null,
      a.record?.id ?? null,
      a.field,
      a.name,
      a.contentType,
      a.kind,
      bytes.byteLength,
      createHash('sha256').update(bytes).digest('hex'),
      a.createdBy,
      a.now,
      a.pending ? a.now + PENDING_MS : null,
    ],
  });
  for (let part = 0; part * PART_BYTES < bytes.byteLength; part++) {
    await tx.execute({
      sql: 'INSERT INTO attachment_contents (tenant_id, attachment_id, part, bytes) VALUES (?, ?, ?, ?)',
      // A copy: the driver is handed a view of its own, not one into the whole upload.
      args: [a.tenantId, a.id, part, new Uint8Array(bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES))],
    });
  }
}

/** Deletes an attachment with its bytes, inside the caller's transaction. */
export async function deleteAttachment(tx: Transaction, tenantId: string, id: string): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM attachment_contents WHERE tenant_id = ? AND attachment_id = ?', args: [tenantId, id] });
  await tx.execute({ sql: 'DELETE FROM attachments WHERE tenant_id = ? AND id = ?', args: [tenantId, id] });
}

/** Deletes every file of a record with their bytes (the record is purged for good). */
export async function deleteRecordFiles(tx: Transaction, tenantId: string, recordId: string): Promise<void> {
  await tx.execute({
    sql: 'DELETE FROM attachment_contents WHERE tenant_id = ? AND attachment_id IN (SELECT id FROM attachments WHERE tenant_id = ? AND record_id = ?)',
    args: [tenantId, tenantId, recordId],
  });
  await tx.execute({ sql: 'DELETE FROM attachments WHERE tenant_id = ? AND record_id = ?', args: [tenantId, recordId] });
}

/** The bytes of an attachment as a stream, read one part per pull. */
export function contentStream(db: Client, tenantId: string, id: string): ReadableStream<Uint8Array> {
  let part = 0;
  return new ReadableStream({
    async pull(controller) {
      const row = (
        await db.execute({
          sql: 'SELECT bytes FROM attachment_contents WHERE tenant_id = ? AND attachment_id = ? AND part = ?',
          args: [tenantId, id, part++],
        })
      ).rows[0];
      if (row) controller.enqueue(new Uint8Array(row.bytes as ArrayBuffer));
      else controller.close();
    },
  });
}

/** Deletes uploads no record write claimed in time, a hundred per transaction; returns how many. */
export async function forgetPendingFiles(db: Db, now: number): Promise<number> {
  let gone = 0;
  for (;;) {
    const n = await db.write(async (tx) => {
      const rows = (
        await tx.execute({ sql: 'SELECT tenant_id, id FROM attachments WHERE pending_until IS NOT NULL AND pending_until < ? LIMIT 100', args: [now] })
      ).rows;
      for (const r of rows) await deleteAttachment(tx, String(r.tenant_id), String(r.id));
      return rows.length;
    });
    gone += n;
    if (n < 100) return gone;
  }
}
