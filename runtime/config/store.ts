import type { Client, Transaction } from '@libsql/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../browser-safe/bundle.ts';
import { ROOT } from '../root.ts';

const DEFAULT_BUNDLE_TEXT = readFileSync(join(ROOT, 'runtime', 'config', 'default-bundle.json'), 'utf8');

/** A fresh copy of the configuration every new tenant starts from. */
export function defaultBundle(): Bundle {
  return JSON.parse(DEFAULT_BUNDLE_TEXT) as Bundle;
}

// Published versions never change, so they are cached by (tenant, version) in every process.
const published = new Map<string, Bundle>();
const CACHE_LIMIT = 200;

/** The bundle of a published version (frozen: callers must not change it). */
export async function publishedBundle(db: Client | Transaction, tenantId: string, version: number): Promise<Bundle> {
  const key = `${tenantId}\0${version}`;
  const hit = published.get(key);
  if (hit) return hit;
  const row = (await db.execute({ sql: 'SELECT bundle FROM config_versions WHERE tenant_id = ? AND version = ?', args: [tenantId, version] })).rows[0];
  if (!row) throw new Error(`configuration version ${version} of tenant ${tenantId} is missing`);
  const bundle = deepFreeze(JSON.parse(String(row.bundle)) as Bundle);
  if (published.size >= CACHE_LIMIT) published.delete(published.keys().next().value!);
  published.set(key, bundle);
  return bundle;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Freezes `bundle` as the tenant's next version and makes it current; returns the new version number. */
export async function publishVersion(tx: Transaction, tenantId: string, bundle: Bundle, userId: string | null, now: number): Promise<number> {
  const row = (await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [tenantId] })).rows[0];
  const version = Number(row?.config_version ?? 0) + 1;
  await tx.execute({
    sql: 'INSERT INTO config_versions (tenant_id, version, bundle, published_at, published_by) VALUES (?, ?, ?, ?, ?)',
    args: [tenantId, version, JSON.stringify(bundle), now, userId],
  });
  await tx.execute({ sql: 'UPDATE tenants SET config_version = ? WHERE id = ?', args: [version, tenantId] });
  return version;
}

/** Gives a new tenant the default configuration: the draft and published version 1. */
export async function initConfig(tx: Transaction, tenantId: string, userId: string, now: number): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO config_drafts (tenant_id, bundle, revision, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)',
    args: [tenantId, JSON.stringify(defaultBundle()), now, userId],
  });
  await publishVersion(tx, tenantId, defaultBundle(), userId, now);
}
