/**
 * `npm run bench:import` (part of `npm run bench`): a CSV of 100,000 leads uploaded to a real server process and
 * imported by its background worker through the one write path (validation, workflow start, round robin, search index,
 * timeline, audit). Prints the upload's time, rows imported per second, and the server's peak memory.
 * Numbers, not assertions: read them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server.ts';

const N = Number(process.env.BENCH_IMPORT ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-import-'));
const server = await startServer(`file:${join(dir, 'bench.db')}`, {}, { built: true });
const call = async (method: string, path: string, body?: BodyInit, type = 'application/json', cookie = '') => {
  const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': type, cookie }, body });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
};
const signup = await call(
  'POST',
  '/api/signup',
  JSON.stringify({ tenantName: 'Import Bench', name: 'Bench Owner', email: 'owner@import.example', password: 'Bench-Password-Lantern-7' }),
);
const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
const ratings = ['Hot', 'Warm', 'Cold'];
const csv = ['First name,Last name,Company,Email,Rating,Estimated value']
  .concat(Array.from({ length: N }, (_, i) => `Person,Number ${i},Company ${i % 997},person${i}@example.com,${ratings[i % 3]},${(i % 500) * 100}`))
  .join('\n');
const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

let t = performance.now();
const staged = (await (await call('POST', `/api/imports?entity=lead&name=bench.csv`, csv, 'text/csv', cookie)).json()) as { id: string; suggestions: string[] };
console.log(
  `upload of ${N.toLocaleString('en')} rows (${(csv.length / 1048576).toFixed(1)} MiB): ${((performance.now() - t) / 1000).toFixed(1)} s; server peak RSS so far ${peakRss().toFixed(0)} MiB`,
);
const plan = { mapping: Object.fromEntries(staged.suggestions.map((f, i) => [String(i), f])), duplicates: { match: null, then: 'create' } };
t = performance.now();
await call('POST', `/api/imports/${staged.id}/start`, JSON.stringify(plan), 'application/json', cookie);
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const job = (await (await call('GET', `/api/imports/${staged.id}`, undefined, 'application/json', cookie)).json()) as {
    status: string;
    created: number;
    failed: number;
  };
  if (job.status === 'done') {
    const s = (performance.now() - t) / 1000;
    console.log(
      `import: ${job.created.toLocaleString('en')} created, ${job.failed} failed in ${s.toFixed(1)} s — ${Math.round(N / s).toLocaleString('en')} rows/s`,
    );
    break;
  }
}
console.log(`peak RSS of the server process: ${peakRss().toFixed(0)} MiB`);
server.child.kill('SIGTERM');
await server.exited;
rmSync(dir, { recursive: true, force: true });
