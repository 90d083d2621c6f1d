import type { Client } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { publishedBundle } from './store.ts';
import { canonicalJson, type ExportMeta } from '../browser-safe/transfer.ts';

/** A tenant as export and import address it. */
export interface TenantRef {
  tenantId: string;
  slug: string;
  configVersion: number;
}

/** An export: where it came from, and the published bundle (stable keys only: no ids, no secrets). */
export interface ExportDoc {
  meta: ExportMeta;
  bundle: Bundle;
}

/** The tenant's published configuration as an export document. */
export async function exportDocument(db: Client, tenant: TenantRef, now: number): Promise<ExportDoc> {
  const bundle = await publishedBundle(db, tenant.tenantId, tenant.configVersion);
  return { meta: { sourceTenant: tenant.slug, sourceVersion: tenant.configVersion, exportedAt: new Date(now).toISOString() }, bundle };
}

/** The export as canonical JSON text: two exports of one configuration differ only in `meta`. */
export const exportText = (doc: ExportDoc) => canonicalJson(doc);

/** A file name for the download: `crm-studio-<tenant>-v<version>.json`. */
export const exportFileName = (meta: ExportMeta) => `crm-studio-${meta.sourceTenant.replace(/[^a-z0-9-]/gi, '_')}-v${meta.sourceVersion}.json`;

/** The tenant with this slug, or undefined. */
export async function tenantBySlug(db: Client, slug: string): Promise<TenantRef | undefined> {
  const row = (await db.execute({ sql: 'SELECT id, slug, config_version FROM tenants WHERE slug = ?', args: [slug] })).rows[0];
  return row ? { tenantId: String(row.id), slug: String(row.slug), configVersion: Number(row.config_version) } : undefined;
}
