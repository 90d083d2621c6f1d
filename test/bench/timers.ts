/**
 * `npm run bench:timers` (part of `npm run bench`): 100,000 cases waiting in "In progress"; a new version adds a
 * delay to that state, so publishing schedules a timer for each, already overdue; then two server processes on the
 * same file fire them. Prints the dry run's and the publish's times, timers per second, and whether each fired
 * exactly once. Numbers, not assertions: read them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../runtime/app.ts';
import { openDb } from '../../runtime/db/client.ts';
import { newId } from '../../runtime/db/ids.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { startServer, type ServerProcess } from '../support/server.ts';

const N = Number(process.env.BENCH_TIMERS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-timers-'));
const dbUrl = `file:${join(dir, 'bench.db')}`;
const db = await openDb({ url: dbUrl });
await migrate(db);
const app = createApp({ db, hashCost: { memoryCost: 1024, timeCost: 1 }, now: Date.now, secretKey: 'bench-secret-key', trustProxy: false });
let cookie = '';
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await app.request(path, {
    method,
    headers: { cookie, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
  return { json: await res.json(), etag: res.headers.get('etag') };
}
const signup = await call('POST', '/api/signup', {
  tenantName: 'Timer Bench',
  name: 'Bench Owner',
  email: 'owner@timers.example',
  password: 'Bench-Password-Lantern-7',
});
const tenantId = signup.json.tenant.id as string;
const ownerId = signup.json.user.id as string;

// Cases that entered "In progress" two hours ago, seeded in bulk.
const entered = Date.now() - 2 * 36e5;
for (let done = 0; done < N; done += 50_000) {
  const rows = Array.from({ length: Math.min(50_000, N - done) }, (_, i) => ({ id: newId(), subject: `Case ${done + i}` }));
  await db.client.execute({
    sql: `INSERT INTO records (tenant_id, id, entity, data, owner_id, created_by, state, entered, config_version, version, created_at, updated_at)
          SELECT ?, j.value->>'id', 'case', json_object('subject', j.value->>'subject', 'priority', 'normal'), ?, ?, 'in_progress', json_object('in_progress', ?), 1, 1, ?, ?
          FROM json_each(?) j`,
    args: [tenantId, ownerId, ownerId, entered, entered, entered, JSON.stringify(rows)],
  });
}
await db.client.execute('ANALYZE');

const draft = await call('GET', '/api/config/draft');
draft.json.bundle.workflows.case.states.in_progress.after = { PT1H: 'escalated' };
await call('PUT', '/api/config/draft', draft.json.bundle, { 'if-match': draft.etag! });
const seconds = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};
let counts: unknown;
const dry = await seconds(async () => (counts = (await call('POST', '/api/config/publish?mode=dry-run', {})).json.impact.timers.case));
const publish = await seconds(() => call('POST', '/api/config/publish', {}));
const count = async (sql: string) => Number((await db.client.execute({ sql, args: [tenantId] })).rows[0]!.n);
const scheduled = await count('SELECT count(*) AS n FROM workflow_timers WHERE tenant_id = ?');
console.log(`== timers, ${N.toLocaleString('en')} waiting cases`);
console.log(`publish dry run (counts ${JSON.stringify(counts)}): ${dry.toFixed(2)} s`);
console.log(`publish that schedules a timer for each: ${publish.toFixed(2)} s (${scheduled.toLocaleString('en')} timers, all overdue)`);
db.close();

// Two processes fire them.
const servers: ServerProcess[] = [];
const t0 = performance.now();
for (let i = 0; i < 2; i++) servers.push(await startServer(dbUrl, { TIMER_INTERVAL_MS: '100' }, { built: true }));
const watch = await openDb({ url: dbUrl });
const left = async () => Number((await watch.client.execute('SELECT count(*) AS n FROM workflow_timers')).rows[0]!.n);
while ((await left()) > 0) await new Promise((r) => setTimeout(r, 500));
const fired = (performance.now() - t0) / 1000;
for (const s of servers) s.child.kill('SIGTERM');
await Promise.all(servers.map((s) => s.exited));
const one = async (sql: string) => Number((await watch.client.execute(sql)).rows[0]!.n);
const transitions = await one("SELECT count(*) AS n FROM timeline WHERE kind = 'transition' AND actor_id IS NULL");
const escalated = await one("SELECT count(*) AS n FROM records WHERE state = 'escalated'");
const twice = await one("SELECT count(*) AS n FROM (SELECT record_id FROM timeline WHERE kind = 'transition' GROUP BY record_id HAVING count(*) > 1)");
console.log(
  `two processes fired ${transitions.toLocaleString('en')} in ${fired.toFixed(1)} s (${(transitions / fired).toFixed(0)}/s, including both processes' start)`,
);
console.log(`exactly once: ${transitions === N && escalated === N && twice === 0 ? '✔' : '✘'} (${escalated} escalated, ${twice} records moved twice)`);
watch.close();
rmSync(dir, { recursive: true, force: true });
