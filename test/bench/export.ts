/**
 * `npm run bench:export` (part of `npm run bench`): 100,000 opportunities of one owner, exported over HTTP from a real
 * server process as CSV and as XLSX, each in full. Prints time, rows per second, bytes, and the server's peak memory.
 * Numbers, not assertions: read them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../runtime/app.ts';
import { openDb } from '../../runtime/db/client.ts';
import { newId } from '../../runtime/db/ids.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { random, sampleData } from '../../runtime/demo/generate.ts';
import { figureColumns } from '../../runtime/records/report-figures.ts';
import { startServer } from '../support/server.ts';

const N = Number(process.env.BENCH_EXPORT ?? 100_000);
const PASSWORD = 'Bench-Password-Lantern-7';
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-export-'));
const dbUrl = `file:${join(dir, 'bench.db')}`;
const db = await openDb({ url: dbUrl });
await migrate(db);
const app = createApp({ db, hashCost: { memoryCost: 1024, timeCost: 1 }, now: Date.now, secretKey: 'bench-secret-key', trustProxy: false });
const signup = await app.request('/api/signup', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ tenantName: 'Export Bench', name: 'Bench Owner', email: 'owner@export.example', password: PASSWORD }),
});
const { tenant, user } = (await signup.json()) as { tenant: { id: string; slug: string }; user: { id: string } };
const draft = (await (await app.request('/api/config/draft', { headers: { cookie: signup.headers.get('set-cookie')!.split(';')[0]! } })).json()) as {
  bundle: { entities: { opportunity: { form: { schema: never } } } };
};

const started = performance.now();
for (let done = 0; done < N;) {
  const n = Math.min(50_000, N - done);
  const rows = Array.from({ length: n }, (_, i) => {
    const data = sampleData('opportunity', random(done + i));
    return {
      id: newId(),
      data: JSON.stringify(data),
      at: Date.UTC(2025, 0, 1) + (done + i) * 1000,
      ...figureColumns(draft.bundle.entities.opportunity.form.schema, data),
    };
  });
  await db.client.execute({
    sql: `INSERT INTO records (tenant_id, id, entity, data, amount, close_month, owner_id, created_by, team, pipeline, stage, state, config_version, version, created_at, updated_at)
          SELECT ?, j.value->>'id', 'opportunity', j.value->>'data', j.value->>'amount', j.value->>'close_month', ?, ?, NULL, 'sales', 'prospecting', NULL, 1, 1, j.value->>'at', j.value->>'at'
          FROM json_each(?) j`,
    args: [tenant.id, user.id, user.id, JSON.stringify(rows)],
  });
  done += n;
}
console.log(`seeded ${N.toLocaleString('en')} opportunities in ${((performance.now() - started) / 1000).toFixed(1)} s`);
db.close();

const server = await startServer(dbUrl, {}, { built: true });
const login = await fetch(`${server.url}/api/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'owner@export.example', password: PASSWORD, tenant: tenant.slug }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
console.log(`server peak RSS before exporting: ${peakRss().toFixed(0)} MiB`);
console.log(`\n== export of ${N.toLocaleString('en')} records over HTTP, read to the end`);
for (const format of ['csv', 'xlsx']) {
  const t = performance.now();
  const res = await fetch(`${server.url}/api/records/opportunity/export.${format}`, { headers: { cookie } });
  let bytes = 0;
  let first = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!first) first = performance.now() - t;
    bytes += chunk.length;
  }
  const s = (performance.now() - t) / 1000;
  console.log(
    `${format.padEnd(5)} ${res.status} ${s.toFixed(1)} s, ${Math.round(N / s).toLocaleString('en')} rows/s, ${(bytes / 1048576).toFixed(1)} MiB, first bytes after ${first.toFixed(0)} ms; server peak RSS so far ${peakRss().toFixed(0)} MiB`,
  );
}
server.child.kill('SIGTERM');
await server.exited;
rmSync(dir, { recursive: true, force: true });
