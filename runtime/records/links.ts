import type { Transaction } from '@libsql/client';
import type { Bundle, EntityDef, FieldSchema } from '../browser-safe/bundle.ts';

/**
 * Many-to-many relations. A `references` field keeps the ids of the records it links in the record's data, which stays
 * the truth (validated, audited, exported, restored with it); `record_links` mirrors it one row per link, written here
 * on the one write path, so the records linking to one record are found by an index walk: a target's related list, a
 * list filter, what a deletion refuses or clears.
 */

export const isLinkField = (field: FieldSchema | undefined): boolean => field?.['x-field'] === 'references';

/** The `references` fields of a record type. */
export const linkFields = (def: EntityDef | undefined): string[] =>
  Object.entries(def?.form.schema.properties ?? {})
    .filter(([, f]) => isLinkField(f))
    .map(([key]) => key);

const ids = (value: unknown): string[] => (Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : []);

/** Writes record `id`'s link rows from its data (after a create, a change of its data, or a restore). */
export async function writeLinks(tx: Transaction, tenantId: string, entity: string, id: string, def: EntityDef, data: Record<string, unknown>): Promise<void> {
  const fields = linkFields(def);
  if (!fields.length) return;
  await dropLinks(tx, tenantId, id);
  for (const field of fields)
    for (const target of ids(data[field]))
      await tx.execute({
        sql: 'INSERT INTO record_links (tenant_id, record_id, field, target_id, entity) VALUES (?, ?, ?, ?, ?)',
        args: [tenantId, id, field, target, entity],
      });
}

/** Removes record `id`'s link rows (it left `records`). */
export async function dropLinks(tx: Transaction, tenantId: string, id: string): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM record_links WHERE tenant_id = ? AND record_id = ?', args: [tenantId, id] });
}

/** The ids of the records of `entity` whose `field` links `target`. */
export async function linking(tx: Transaction, tenantId: string, entity: string, field: string, target: string): Promise<string[]> {
  const rows = await tx.execute({
    sql: 'SELECT record_id FROM record_links WHERE tenant_id = ? AND target_id = ? AND field = ? AND entity = ?',
    args: [tenantId, target, field, entity],
  });
  return rows.rows.map((r) => String(r.record_id));
}

/**
 * At publish: link rows follow the fields that are `references` fields in `next` and were not in `current` (written
 * from the data records hold under that key) and drop for those that no longer are.
 */
export async function relink(tx: Transaction, tenantId: string, current: Bundle, next: Bundle): Promise<void> {
  const pairs = (b: Bundle) => new Set(Object.entries(b.entities).flatMap(([entity, def]) => linkFields(def).map((f) => `${entity}\n${f}`)));
  const before = pairs(current);
  const after = pairs(next);
  for (const pair of before) {
    if (after.has(pair)) continue;
    const [entity, field] = pair.split('\n');
    await tx.execute({ sql: 'DELETE FROM record_links WHERE tenant_id = ? AND entity = ? AND field = ?', args: [tenantId, entity!, field!] });
  }
  for (const pair of after) {
    if (before.has(pair)) continue;
    const [entity, field] = pair.split('\n');
    await tx.execute({
      sql: `INSERT OR IGNORE INTO record_links (tenant_id, record_id, field, target_id, entity)
            SELECT r.tenant_id, r.id, ?, j.value, r.entity FROM records r, json_each(r.data, '$.' || ?) j
            WHERE r.tenant_id = ? AND r.entity = ? AND json_type(r.data, '$.' || ?) = 'array' AND j.type = 'text'`,
      args: [field!, JSON.stringify(field), tenantId, entity!, JSON.stringify(field)],
    });
  }
}
