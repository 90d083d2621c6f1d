import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forgetStatements, type Db } from './client.ts';
import { ROOT } from '../root.ts';

const MIGRATIONS_DIR = join(ROOT, 'runtime', 'db', 'migrations');

/** Thrown when the database was migrated by newer code than this. */
export class DatabaseTooNewError extends Error {}

function migrationFiles(): { version: number; file: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .map((file) => ({ version: Number.parseInt(file, 10), file }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the numbered SQL files not yet applied (in order, each at most once), each inside one transaction with its record in
 * `schema_migrations`; safe to run from several processes at once. Refuses a database newer than the code.
 */
export async function migrate(db: Db): Promise<number> {
  const files = migrationFiles();
  const latest = files.at(-1)?.version ?? 0;
  const version = await db.write(async (tx) => {
    await tx.execute('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = new Set((await tx.execute('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    const current = Math.max(0, ...applied);
    if (current > latest) {
      throw new DatabaseTooNewError(
        `The database is at schema version ${current}, newer than this code knows (${latest}). ` +
          'Run the crm-studio release that created it, or a newer one.',
      );
    }
    for (const { version, file } of files) {
      if (applied.has(version)) continue;
      await tx.executeMultiple(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
      await tx.execute({ sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', args: [version, Date.now()] });
    }
    return latest;
  });
  // The schema may have changed: statements prepared before see it as it was.
  forgetStatements();
  return version;
}
