import type { Transaction } from '@libsql/client';
import { audit } from '../audit/log.ts';
import { addEntry } from '../records/timeline.ts';

/** The record a file was added to or removed from, with who owned and created it (its audit events are read in those scopes). */
export interface FileRecord {
  id: string;
  entity: string;
  ownerId: string;
  createdBy: string;
  team: string | null;
}

/** What a timeline entry and an audit event say of a file. */
export interface FileFacts {
  id: string;
  name: string;
  contentType: string;
  size: number;
  field: string | null;
}

/**
 * Notes on the record's timeline ("attached quote.pdf") and in the audit trail that a file was added to or removed
 * from it, inside the caller's transaction. A field's file is noted with its field, so readers the field is hidden
 * from never see the entry.
 */
export async function noteFile(
  tx: Transaction,
  at: { tenantId: string; actorId: string | null; now: number },
  record: FileRecord,
  file: FileFacts,
  action: 'added' | 'removed',
): Promise<void> {
  const attachment = { id: file.id, name: file.name, contentType: file.contentType, size: file.size };
  await addEntry(tx, at.tenantId, record.id, at.actorId, 'attachment', { action, attachment, field: file.field }, at.now);
  await audit(
    tx,
    {
      tenantId: at.tenantId,
      actorId: at.actorId,
      action: action === 'added' ? 'attachment.added' : 'attachment.deleted',
      targetType: 'record',
      targetId: record.id,
      record: { entity: record.entity, ownerId: record.ownerId, createdBy: record.createdBy, team: record.team },
      changes: { name: file.name, contentType: file.contentType, size: file.size, ...(file.field ? { field: file.field } : {}) },
    },
    at.now,
  );
}
