import type { Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { rollupsOf } from '../browser-safe/calculated.ts';

/**
 * Indexes for finding the records of a type that point at one record through a reference field: what a roll-up
 * aggregates, what a deletion refuses or clears, what a feedback link was answered by. One partial index per (type,
 * field) over every tenant, made when a version that needs it is published; a lookup names type and field literally
 * (`referenceMatch`), so SQLite can walk it instead of reading every record of the type.
 */

const indexName = (entity: string, field: string) => `"records_ref:${entity}:${field}"`;

/**
 * SQL over `records` (unaliased) matching the records of `entity` whose `field` is the bound value; its tenant bound
 * before it. `entity` and `field` are keys the published bundle's schema checked (letters, digits, _), never input.
 */
export const referenceMatch = (entity: string, field: string) => `tenant_id = ? AND entity = '${entity}' AND json_extract(data, '$.${field}') = ?`;

/** The (type, field) pairs a bundle looks records up by. */
export function referencePairs(bundle: Bundle): [string, string][] {
  const pairs = new Set<string>();
  for (const [entity, def] of Object.entries(bundle.entities)) {
    for (const [, rollup] of rollupsOf(def)) pairs.add(`${rollup.entity}:${rollup.via}`);
    for (const [field, f] of Object.entries(def.form.schema.properties)) if (f['x-onDelete'] !== undefined) pairs.add(`${entity}:${field}`);
  }
  for (const form of Object.values(bundle.publicForms ?? {})) if (form.about) pairs.add(`${form.entity}:${form.about}`);
  return [...pairs].map((p) => p.split(':') as [string, string]);
}

/** Makes the indexes `bundle` looks records up by, in the caller's transaction (once per pair; later publishes find them made). */
export async function ensureReferenceIndexes(tx: Transaction, bundle: Bundle): Promise<void> {
  for (const [entity, field] of referencePairs(bundle)) {
    await tx.execute(
      `CREATE INDEX IF NOT EXISTS ${indexName(entity, field)} ON records (tenant_id, json_extract(data, '$.${field}')) WHERE entity = '${entity}'`,
    );
  }
}
