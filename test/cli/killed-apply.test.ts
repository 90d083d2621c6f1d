import { createClient } from '@libsql/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../../runtime/app.ts';
import { openDb } from '../../runtime/db/client.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { spawnCli } from '../support/cli.ts';
import { dumpDb } from '../support/db-dump.ts';
import { Browser, TEST_HASH_COST } from '../support/harness.ts';
import { startServer, type ServerProcess } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'crm-kill-'));
const url = `file:${join(dir, 'crm.db')}`;
let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A tenant with deals in a stage the import removes, an API token, and the import file. */
async function prepare() {
  const db = await openDb({ url });
  await migrate(db);
  const app = createApp({ db, hashCost: TEST_HASH_COST, now: Date.now, secretKey: randomBytes(32).toString('base64url'), trustProxy: false });
  const owner = new Browser({ app });
  const signup = await owner.post('/api/signup', { tenantName: 'Killed', name: 'Kim Kill', email: 'kill@example.com', password: 'Blue-Harbor-Lantern-42' });
  for (let i = 0; i < 200; i++) expect((await owner.post('/api/records/opportunity', { data: { name: `Deal ${i}` } })).status).toBe(201);
  const token = (await owner.post('/api/tokens', { name: 'restart check' })).body.token as string;
  const doc = JSON.parse(await (await app.request('/api/config/export', { headers: { cookie: owner.cookie } })).text());
  doc.bundle.entities.lead.label = 'After the import';
  doc.bundle.pipelines.sales.stages = doc.bundle.pipelines.sales.stages.filter((s: { key: string }) => s.key !== 'prospecting');
  writeFileSync(join(dir, 'import.json'), JSON.stringify(doc));
  db.close();
  return { slug: signup.body.tenant.slug as string, token };
}

it('leaves the old configuration, a sound database and a working server when killed in the middle of an apply', async () => {
  const { slug, token } = await prepare();
  const client = createClient({ url });
  const before = await dumpDb(client);
  client.close();

  const args = ['import', join(dir, 'import.json'), '--tenant', slug, '--apply', '--map', 'stages.opportunity.prospecting=qualification'];
  const run = spawnCli(args, { DATABASE_URL: url }, join(import.meta.dirname, '..', 'support', 'pause-before-commit.mjs'));
  const deadline = Date.now() + 30_000;
  // The pause announces itself after the records were moved and the version written, before the commit.
  while (!run.stderr().includes('pausing before the publishing commit')) {
    if (Date.now() > deadline) throw new Error(`the import never reached its transaction: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  run.child.kill('SIGKILL');
  const ended = await run.done;
  expect(ended.code).toBeNull();

  const after = createClient({ url });
  expect((await after.execute('PRAGMA integrity_check')).rows[0]![0]).toBe('ok');
  expect(await dumpDb(after)).toEqual(before);
  expect(Number((await after.execute("SELECT count(*) AS n FROM records WHERE stage = 'prospecting'")).rows[0]!.n)).toBe(200);
  after.close();

  server = await startServer(url);
  const auth = { authorization: `Bearer ${token}` };
  const exported = await (await fetch(`${server.url}/api/config/export`, { headers: auth })).json();
  expect(exported.meta.sourceVersion).toBe(1);
  expect(exported.bundle.entities.lead.label).not.toBe('After the import');
  // The database takes writes again: the same import through the restarted server goes through.
  const doc = { ...JSON.parse(readFileSync(join(dir, 'import.json'), 'utf8')), mappings: { stages: { opportunity: { prospecting: 'qualification' } } } };
  const applied = await fetch(`${server.url}/api/config/import?mode=apply`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(applied.status).toBe(201);
  expect((await applied.json()).version).toBe(2);
}, 90_000);
