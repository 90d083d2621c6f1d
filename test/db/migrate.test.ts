import { createClient } from '@libsql/client';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../runtime/db/client.ts';
import { DatabaseTooNewError, migrate } from '../../runtime/db/migrate.ts';
import { signUp, startHarness } from '../support/harness.ts';
import { startServer } from '../support/server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** The versions the code ships, from the numbered files in runtime/db/migrations. */
const SHIPPED = readdirSync(join(ROOT, 'runtime', 'db', 'migrations'))
  .filter((f) => /^\d+_.*\.sql$/.test(f))
  .map((f) => Number.parseInt(f, 10))
  .sort((a, b) => a - b);
const LATEST = SHIPPED.at(-1)!;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function freshUrl() {
  const dir = mkdtempSync(join(tmpdir(), 'crm-migrate-'));
  dirs.push(dir);
  return `file:${join(dir, 'crm.db')}`;
}

/** The schema as SQLite describes it, and the migration records, for before/after comparisons. */
async function schemaOf(client: { execute(sql: string): Promise<{ rows: unknown[] }> }) {
  const objects = (await client.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")).rows.map((r) => ({
    ...(r as object),
  }));
  const migrations = (await client.execute('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows.map((r) => ({ ...(r as object) }));
  return { objects, migrations };
}

/** A database file whose schema_migrations says a newer release migrated it. */
async function tooNewDatabase(version: number) {
  const url = freshUrl();
  const client = createClient({ url });
  await client.execute('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  await client.execute({ sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', args: [version, Date.now()] });
  client.close();
  return url;
}

/** Runs the server entry on `url` until it exits by itself; all of its output, once the streams are closed. */
async function runServerToExit(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'runtime', 'server.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(killer);
  return { code, out };
}

describe('migrations', () => {
  it('are applied when the server starts, each recorded in schema_migrations', async () => {
    const url = freshUrl();
    const server = await startServer(url);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const client = createClient({ url });
    try {
      const { objects, migrations } = await schemaOf(client);
      expect(migrations.map((m: any) => Number(m.version))).toEqual(SHIPPED);
      for (const m of migrations as any[]) expect(Number(m.applied_at)).toBeGreaterThan(Date.parse('2024-01-01'));
      const tables = objects.filter((o: any) => o.type === 'table').map((o: any) => o.name);
      expect(tables).toEqual(
        expect.arrayContaining(['tenants', 'users', 'memberships', 'sessions', 'records', 'timeline', 'audit_events', 'schema_migrations']),
      );
    } finally {
      client.close();
    }
  });

  it('running migrate again is a no-op: same schema, same records, data kept', async () => {
    const h = await startHarness(); // already migrated once
    try {
      const { owner } = await signUp(h);
      expect((await owner.post('/api/records/lead', { data: { lastName: 'Kept' } })).status).toBe(201);
      const before = await schemaOf(h.db.client);
      expect(before.migrations.map((m: any) => Number(m.version))).toEqual(SHIPPED);
      expect(await migrate(h.db)).toBe(LATEST);
      expect(await migrate(h.db)).toBe(LATEST);
      expect(await schemaOf(h.db.client)).toEqual(before);
      expect((await owner.get('/api/records/lead?count=true')).body.total).toBe(1);
    } finally {
      h.close();
    }
  });

  it('a fresh database migrates to the latest version in one call', async () => {
    const db = await openDb({ url: freshUrl() });
    try {
      expect(await migrate(db)).toBe(LATEST);
      expect((await schemaOf(db.client)).migrations.map((m: any) => Number(m.version))).toEqual(SHIPPED);
    } finally {
      db.close();
    }
  });
});

describe('a database newer than the code', () => {
  it('makes migrate() throw DatabaseTooNewError naming both versions, and changes nothing', async () => {
    const db = await openDb({ url: await tooNewDatabase(LATEST + 1) });
    try {
      const before = await schemaOf(db.client);
      const error = await migrate(db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseTooNewError);
      expect((error as Error).message).toContain(`version ${LATEST + 1}`);
      expect((error as Error).message).toContain(`(${LATEST})`);
      expect(await schemaOf(db.client)).toEqual(before); // no table of this code's migrations was created
    } finally {
      db.close();
    }
  });

  it('refuses an already migrated database once a newer version is recorded, keeping its data', async () => {
    const h = await startHarness();
    try {
      const { owner } = await signUp(h);
      await h.db.batch([{ sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', args: [LATEST + 7, Date.now()] }]);
      await expect(migrate(h.db)).rejects.toBeInstanceOf(DatabaseTooNewError);
      expect((await owner.get('/api/me')).status).toBe(200);
    } finally {
      h.close();
    }
  });

  it('stops the server process with a non-zero exit and a message naming the versions', async () => {
    const url = await tooNewDatabase(LATEST + 40);
    const { code, out } = await runServerToExit(url);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(out).toContain(`schema version ${LATEST + 40}`);
    expect(out).toContain(`(${LATEST})`);
    expect(out).not.toContain('is running at');
    expect(out).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const client = createClient({ url });
    try {
      const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => r.name);
      expect(tables).toEqual(['schema_migrations']);
    } finally {
      client.close();
    }
  });
});
