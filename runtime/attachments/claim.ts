import type { Transaction } from '@libsql/client';
import type { FieldSchema, FormSchema } from '../browser-safe/bundle.ts';
import { Problem, type FieldError } from '../http/problem.ts';
import { noteFile, type FileRecord } from './history.ts';
import { deleteAttachment, findAttachment, type AttachmentRow } from './store.ts';

/** Whether a form field holds a file: its value is the id of an attachment. */
export const isFileField = (field: FieldSchema | undefined) => field?.['x-field'] === 'file' || field?.format === 'attachment';

/** Where a record write happens (a subset of the write path's context). */
export interface ClaimContext {
  tx: Transaction;
  tenantId: string;
  actorId: string | null;
  now: number;
}

/** Whether `file` may fill `field` of `record`: the writer's own upload no record has claimed, or already this record's for this field. */
function fits(ctx: ClaimContext, file: AttachmentRow | undefined, record: FileRecord, field: string): boolean {
  if (!file) return false;
  const live = file.pendingUntil === null || file.pendingUntil > ctx.now;
  if (file.recordId === null) return live && ctx.actorId !== null && file.createdBy.id === ctx.actorId;
  return live && file.recordId === record.id && file.recordEntity === record.entity && file.field === field;
}

/**
 * The files of one record write, inside its transaction (called by the one write path): each file field whose value
 * changed must name an upload of the writer's that no record has claimed yet, or a file already uploaded for this record
 * and field — a 422 naming the field otherwise. Those are claimed by the record, noted on its timeline and in the audit
 * trail; a file its field no longer names is deleted with its bytes.
 */
export async function claimFiles(
  ctx: ClaimContext,
  schema: FormSchema,
  record: FileRecord,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  const fields = Object.keys(schema.properties).filter((key) => isFileField(schema.properties[key]) && before[key] !== after[key]);
  if (fields.length === 0) return;
  const wrong: FieldError[] = [];
  const claimed: AttachmentRow[] = [];
  for (const field of fields) {
    const value = after[field];
    if (value === undefined || value === null) continue;
    const file = typeof value === 'string' ? await findAttachment(ctx.tx, ctx.tenantId, value) : undefined;
    // One file fills one field.
    if (fits(ctx, file, record, field) && !claimed.some((c) => c.id === file!.id)) claimed.push({ ...file!, field });
    else wrong.push({ path: `/data/${field}`, message: 'must be a file you uploaded for this record' });
  }
  if (wrong.length) throw new Problem(422, 'Some files cannot be put in these fields: upload them again.', wrong);
  // The files replaced go first, so the timeline reads "removed the old one", then "attached the new one".
  for (const field of fields) {
    const old = before[field];
    if (typeof old !== 'string') continue;
    const file = await findAttachment(ctx.tx, ctx.tenantId, old);
    // Only this field's own file goes: a value that was never a file of it is left alone.
    if (!file || file.recordId !== record.id || file.field !== field) continue;
    await deleteAttachment(ctx.tx, ctx.tenantId, file.id);
    await noteFile(ctx.tx, ctx, record, file, 'removed');
  }
  for (const file of claimed) {
    if (file.recordId !== null && file.pendingUntil === null) continue;
    await ctx.tx.execute({
      sql: 'UPDATE attachments SET record_entity = ?, record_id = ?, field = ?, pending_until = NULL WHERE tenant_id = ? AND id = ?',
      args: [record.entity, record.id, file.field, ctx.tenantId, file.id],
    });
    await noteFile(ctx.tx, ctx, record, file, 'added');
  }
}
