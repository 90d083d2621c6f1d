import { applyImport } from '../config/apply-import.ts';
import { exportDocument, exportText, tenantBySlug, type TenantRef } from '../config/export-document.ts';
import { importDocumentFromText, planImport, planReport } from '../config/import-plan.ts';
import { publishedBundle } from '../config/store.ts';
import { openDb, type Db } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { Problem } from '../http/problem.ts';
import { IoError, withMappings, type Command } from './args.ts';
import type { ImportReport } from './report.ts';

type ImportCommand = Extract<Command, { name: 'import' }>;

/** Opens the database at DATABASE_URL, brings its schema up to date, runs `fn`, and always closes it. */
export async function withDb<T>(url: string, authToken: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  let db: Db;
  try {
    db = await openDb({ url, authToken });
    await migrate(db);
  } catch (e) {
    throw new IoError(`cannot open the database ${url}: ${(e as Error).message}`);
  }
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

async function tenant(db: Db, slug: string): Promise<TenantRef> {
  const found = await tenantBySlug(db.client, slug);
  if (!found) throw new Problem(404, `There is no tenant "${slug}" in this database.`);
  return found;
}

/** The tenant's published configuration as canonical export text. */
export async function exportFromDb(db: Db, slug: string): Promise<string> {
  return exportText(await exportDocument(db.client, await tenant(db, slug), Date.now()));
}

/**
 * Plans an import into the tenant with exactly the checks the API makes, and with `apply` publishes it through
 * the same transaction. The command line acts as the operator who holds the database: no person, every privilege.
 */
export async function importIntoDb(db: Db, cmd: ImportCommand, text: string): Promise<{ report: ImportReport; applied: boolean }> {
  const ref = await tenant(db, cmd.tenant!);
  const doc = importDocumentFromText(text);
  const mappings = withMappings(doc.mappings, cmd.mappings);
  if (mappings) doc.mappings = mappings;
  const target = { tenantId: ref.tenantId, configVersion: ref.configVersion, bundle: await publishedBundle(db.client, ref.tenantId, ref.configVersion) };
  const now = Date.now();
  const plan = await planImport(db.client, target, doc, cmd.strategy, now);
  if (!cmd.apply) return { report: planReport(plan), applied: false };
  const version = await applyImport(db, plan, null, now);
  return { report: { ...planReport(plan), version }, applied: true };
}
