import type { Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { rollupsOf } from '../browser-safe/calculated.ts';

/**
 * Indexes for finding the records of a type that point at one record through a reference field: what a roll-up
 * aggregates, what a deletion refuses or clears, what a feedback link was answered by. One partial index per (type,
 * field) over every tenant, made when a version that needs it is published; a lookup names type and field literally
 * (`referenceMatch`), so SQLite can walk it instead of reading every record of the type.
 */

// SQLite's names ignore case while field keys do not (`fooBar`, `foobar`): the field goes in as hex.
const indexName = (entity: string, field: string) => `"records_ref:${entity}:${Buffer.from(field).toString('hex')}"`;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
/** Refuses anything but keys, which the schema's patterns already hold them to: they are written into SQL. */
function keys(entity: string, field: string): void {
  if (!KEY.test(entity) || !KEY.test(field)) throw new Error(`not keys: ${entity}, ${field}`);
}

/**
 * SQL over `records` (unaliased) matching the records of `entity` whose `field` is the bound value; its tenant bound
 * before it. `entity` and `field` are keys the published bundle's schema checked (letters, digits, _), never input.
 */
export function referenceMatch(entity: string, field: string): string {
  keys(entity, field);
  return `tenant_id = ? AND entity = '${entity}' AND json_extract(data, '$.${field}') = ?`;
}

/** The (type, field) pairs a bundle looks records up by. */
export function referencePairs(bundle: Bundle): [string, string][] {
  const pairs = new Set<string>();
  for (const [entity, def] of Object.entries(bundle.entities)) {
    for (const [, rollup] of rollupsOf(def)) pairs.add(`${rollup.entity}:${rollup.via}`);
    for (const [field, f] of Object.entries(def.form.schema.properties))
      if (f['x-onDelete'] !== undefined && f['x-field'] === 'reference') pairs.add(`${entity}:${field}`);
  }
  for (const form of Object.values(bundle.publicForms ?? {})) if (form.about) pairs.add(`${form.entity}:${form.about}`);
  return [...pairs].map((p) => p.split(':') as [string, string]);
}

/** Makes the indexes `bundle` looks records up by, in the caller's transaction (once per pair; later publishes find them made). */
export async function ensureReferenceIndexes(tx: Transaction, bundle: Bundle): Promise<void> {
  for (const [entity, field] of referencePairs(bundle)) {
    keys(entity, field);
    await tx.execute(
      `CREATE INDEX IF NOT EXISTS ${indexName(entity, field)} ON records (tenant_id, json_extract(data, '$.${field}')) WHERE entity = '${entity}'`,
    );
  }
}
