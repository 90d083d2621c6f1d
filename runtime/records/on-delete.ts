import { changedFields } from '../audit/log.ts';
import { Problem } from '../http/problem.ts';
import { isLinkField, linking } from './links.ts';
import { referenceMatch } from './reference-index.ts';
import { automationRow, type RecordRow } from './store.ts';
import { commitChange, type WriteContext } from './write.ts';

/** A reference a deletion cleared: which record, which field. */
export interface Cleared {
  id: string;
  field: string;
}

/** The reference fields that say what deleting a record of `entity` does to the records pointing at it. */
function guardedFields(ctx: WriteContext, entity: string) {
  return Object.entries(ctx.bundle.entities).flatMap(([source, def]) =>
    Object.entries(def.form.schema.properties)
      .filter(([, f]) => f['x-ref'] === entity && f['x-onDelete'] !== undefined)
      .map(([field, f]) => ({ source, field, onDelete: f['x-onDelete']!, many: isLinkField(f) })),
  );
}

/** The ids of the records of `source` whose `field` points at `id` (or, a `references` field, links it). */
async function referrers(ctx: WriteContext, { source, field, many }: ReturnType<typeof guardedFields>[number], id: string): Promise<string[]> {
  if (many) return linking(ctx.tx, ctx.tenantId, source, field, id);
  const rows = await ctx.tx.execute({ sql: `SELECT id FROM records WHERE ${referenceMatch(source, field)}`, args: [ctx.tenantId, id] });
  return rows.rows.map((r) => String(r.id));
}

/**
 * Before `record` is deleted: 409 when a reference field that refuses deletion points at it, naming the field, not the
 * records (the deleter may not be allowed to see them). Changes nothing.
 */
export async function refuseIfReferenced(ctx: WriteContext, record: RecordRow): Promise<void> {
  const refusing = [];
  for (const f of guardedFields(ctx, record.entity).filter((f) => f.onDelete === 'refuse')) {
    if ((await referrers(ctx, f, record.id)).length) refusing.push(f);
  }
  if (refusing.length)
    throw new Problem(
      409,
      'Other records still point at it; change or delete them first.',
      refusing.map((f) => ({ path: `/references/${f.source}/${f.field}`, message: `records of type ${f.source} point at it through ${f.field}` })),
    );
}

/**
 * After `record` left `records`: the reference fields that clear are cleared, each referring record changed through
 * the one write path. Returns what was cleared, for a restore to put back.
 */
export async function clearReferences(ctx: WriteContext, record: RecordRow): Promise<Cleared[]> {
  const cleared: Cleared[] = [];
  for (const f of guardedFields(ctx, record.entity).filter((f) => f.onDelete === 'clear')) {
    for (const id of await referrers(ctx, f, record.id)) {
      await setReference(ctx, id, f.field, record.id, 'remove');
      cleared.push({ id, field: f.field });
    }
  }
  return cleared;
}

/** After `id` was restored: the references its deletion cleared point at it again, where nobody has set them meanwhile. */
export async function restoreReferences(ctx: WriteContext, id: string, cleared: readonly Cleared[]): Promise<void> {
  for (const c of cleared) await setReference(ctx, c.id, c.field, id, 'put back');
}

/**
 * Takes `target` out of record `id`'s `field` (emptying a reference, or dropping it from a list of links), or puts it
 * back: into a reference nobody has set meanwhile, or into the list of links again while it has room.
 */
async function setReference(ctx: WriteContext, id: string, field: string, target: string, how: 'remove' | 'put back'): Promise<void> {
  const row = await automationRow(ctx.tx, ctx.tenantId, id);
  const schema = row && ctx.bundle.entities[row.entity]?.form.schema.properties[field];
  // Gone meanwhile, or its field no longer in the form: nothing to do.
  if (!row || !schema) return;
  const data = { ...row.data };
  const value = data[field];
  if (isLinkField(schema)) {
    const links = Array.isArray(value) ? value.filter((v) => v !== target) : [];
    // Put back only where there is room: a list filled meanwhile stays as its people left it.
    if (how === 'put back' && links.length < (schema.maxItems ?? Infinity)) links.push(target);
    if (links.length) data[field] = links;
    else delete data[field];
  } else if (how === 'remove') delete data[field];
  else if (value === undefined) data[field] = target;
  const changes = changedFields(row.data, data);
  if (!Object.keys(changes).length) return;
  await commitChange(ctx, row, { data, timeline: [{ kind: 'changed', data: { changes } }], audit: { action: 'record.updated', changes } });
}
