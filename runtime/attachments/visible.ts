import type { Client } from '@libsql/client';
import { scopeOf, type Actor } from '../access/policy.ts';
import { scopeFor, type RecordScope } from '../access/scope.ts';
import { notFound } from '../http/problem.ts';
import { getRecord, type StoredRecord } from '../records/store.ts';
import { findAttachment, type AttachmentRow } from './store.ts';

/** An attachment the reader may read, with the record it belongs to (none while it waits for one). */
export interface Readable {
  attachment: AttachmentRow;
  record?: StoredRecord;
  scope?: RecordScope;
}

/**
 * The attachment `id` as `actor` may read it: an upload no record claimed yet only by the person who sent it; any other
 * exactly when the record it belongs to is inside the reader's read scope and its field (if any) is not hidden from them.
 * Otherwise the 404 of an id that does not exist, with the same body.
 */
export async function readableAttachment(db: Client, actor: Actor, id: string, now: number): Promise<Readable> {
  const gone = notFound('attachment');
  const attachment = await findAttachment(db, actor.tenantId, id);
  if (!attachment) throw gone;
  if (attachment.pendingUntil !== null && (attachment.createdBy.id !== actor.userId || attachment.pendingUntil <= now)) throw gone;
  if (attachment.recordId === null) return { attachment };
  const entity = attachment.recordEntity!;
  if (!Object.hasOwn(actor.bundle.entities, entity) || scopeOf(actor, 'read', entity) === 'none') throw gone;
  const scope = scopeFor(actor, 'read', entity);
  if (attachment.field !== null && scope.hidden.has(attachment.field)) throw gone;
  const record = await getRecord(db, scope, attachment.recordId);
  if (!record) throw gone;
  return { attachment, record, scope };
}
