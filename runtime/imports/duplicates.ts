import type { Client, Transaction } from '@libsql/client';
import type { Actor } from '../access/policy.ts';
import { scopeFor, scopeSql } from '../access/scope.ts';
import { getRecord, type StoredRecord } from '../records/store.ts';

/**
 * The record a row duplicates: the most recently changed one the importer may read whose `field` holds the row's
 * value (compared without case for text). Never one outside their scope, so a skip or an update says nothing about
 * records they cannot see.
 */
export async function findDuplicate(
  tx: Client | Transaction,
  actor: Actor,
  entity: string,
  field: string,
  data: Record<string, unknown>,
): Promise<StoredRecord | undefined> {
  const value = data[field];
  if (value === undefined || value === null || value === '') return undefined;
  const scope = scopeFor(actor, 'read', entity);
  if (scope.hidden.has(field)) return undefined;
  const where = scopeSql(scope);
  const text = typeof value === 'string';
  const row = (
    await tx.execute({
      sql: `SELECT r.id FROM records r WHERE ${where.sql} AND ${text ? 'lower(r.data ->> ?) = lower(?)' : 'r.data ->> ? = ?'} ORDER BY r.updated_at DESC LIMIT 1`,
      args: [...where.args, `$.${field}`, typeof value === 'boolean' ? Number(value) : (value as string | number)],
    })
  ).rows[0];
  return row ? getRecord(tx, scope, String(row.id)) : undefined;
}
