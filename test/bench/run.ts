/**
 * `npm run bench`: one tenant with 10k, then 1,000,000 records over 200 members; prints list/get timings
 * in-process against the raw SQL the handler runs, query plans, HTTP list, search and write throughput from a second
 * process, and peak memory; then every target of issue 13 with its figure and ✔/✘. Numbers, not assertions: read them.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeFor } from '../../runtime/access/scope.ts';
import { createApp } from '../../runtime/app.ts';
import { hashPassword } from '../../runtime/auth/password.ts';
import { hashToken } from '../../runtime/auth/secret-token.ts';
import { loadActor, SESSION_SQL } from '../../runtime/auth/sessions.ts';
import { openDb } from '../../runtime/db/client.ts';
import { newId } from '../../runtime/db/ids.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { random, sampleData } from '../../runtime/demo/generate.ts';
import { parseListQuery } from '../../runtime/records/list-query.ts';
import { listStatements, MANY_MATCHES, matchProbe, needsMatchProbe } from '../../runtime/records/list-statements.ts';
import { figureColumns } from '../../runtime/records/report-figures.ts';
import { indexTexts, words } from '../../runtime/records/search-text.ts';
import { fireDueTimers } from '../../runtime/workflows/timers.ts';
import { startServer } from '../support/server.ts';
import { printTargets } from './targets.ts';

const STAGES = [
  ['prospecting', 10],
  ['qualification', 25],
  ['proposal', 50],
  ['negotiation', 75],
  ['closed_won', 100],
  ['closed_lost', 0],
] as const;
const DAY = 864e5;
const TOTAL = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const MEMBERS = 200;
const PASSWORD = 'Bench-Password-Lantern-7';
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
const dbUrl = `file:${join(dir, 'bench.db')}`;
const db = await openDb({ url: dbUrl });
await migrate(db);
const hashCost = { memoryCost: 1024, timeCost: 1 };
const deps = { db, hashCost, now: Date.now, secretKey: 'bench-secret-key', trustProxy: false };
const app = createApp(deps);

const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (x: number) => x.toFixed(3).padStart(8);

async function timeIt(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    xs.push(ms(process.hrtime.bigint() - t));
  }
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

async function request(cookie: string, method: string, path: string, body?: unknown, parse = true) {
  const res = await app.request(path, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return { cookie: res.headers.get('set-cookie')?.split(';')[0] ?? cookie, json: parse ? JSON.parse(text) : undefined };
}

// --- tenant, owner and 200 members (20 teams of 10)
const signup = await request('', 'POST', '/api/signup', { tenantName: 'Bench Tenant', name: 'Bench Owner', email: 'owner@bench.example', password: PASSWORD });
const ownerCookie = signup.cookie;
const tenantId = signup.json.tenant.id as string;
const slug = signup.json.tenant.slug as string;
const hash = await hashPassword(PASSWORD, hashCost);
const members = Array.from({ length: MEMBERS }, (_, i) => ({ id: newId(), email: `m${i}@bench.example`, team: `team-${i % 20}` }));
await db.batch([
  {
    sql: `INSERT INTO users (id, email, name, password_hash, created_at) SELECT j.value->>'id', j.value->>'email', 'Member ' || j.key, ?, 0 FROM json_each(?) j`,
    args: [hash, JSON.stringify(members)],
  },
  {
    sql: `INSERT INTO memberships (tenant_id, user_id, role, team, active, created_at) SELECT ?, j.value->>'id', 'member', j.value->>'team', 1, 0 FROM json_each(?) j`,
    args: [tenantId, JSON.stringify(members)],
  },
]);
const memberCookie = (await request('', 'POST', '/api/login', { email: members[7]!.email, password: PASSWORD, tenant: slug })).cookie;
// One of them manages their team of ten: the report over a team's records.
await db.client.execute({ sql: "UPDATE memberships SET role = 'manager' WHERE user_id = ?", args: [members[11]!.id] });
const managerCookie = (await request('', 'POST', '/api/login', { email: members[11]!.email, password: PASSWORD, tenant: slug })).cookie;
// A director over a three-level tree — a region, two areas under it, five teams of ten under each (half the company) —
// whose role reads leads "team and below".
const tree = [
  { key: 'region', parent: null },
  { key: 'area-0', parent: 'region' },
  { key: 'area-1', parent: 'region' },
  ...Array.from({ length: 20 }, (_, i) => ({ key: `team-${i}`, parent: i < 10 ? `area-${i % 2}` : null })),
];
await db.client.execute({
  sql: `INSERT INTO teams (tenant_id, key, name, parent, created_at) SELECT ?, j.value->>'key', j.value->>'key', j.value->>'parent', 0 FROM json_each(?) j`,
  args: [tenantId, JSON.stringify(tree)],
});
const draftRes = await app.request('/api/config/draft', { headers: { cookie: ownerCookie } });
const draft = (await draftRes.json()) as { bundle: { roles: Record<string, unknown> } };
draft.bundle.roles.director = {
  label: 'Director',
  entities: { lead: { create: 'all', read: 'teamAndBelow', update: 'teamAndBelow', delete: 'none', assign: 'teamAndBelow' } },
  tasks: [],
};
await app.request('/api/config/draft', {
  method: 'PUT',
  headers: { cookie: ownerCookie, 'content-type': 'application/json', 'if-match': draftRes.headers.get('etag')! },
  body: JSON.stringify(draft.bundle),
});
await request(ownerCookie, 'POST', '/api/config/publish', {});
await db.client.execute({ sql: "UPDATE memberships SET role = 'director', team = 'region' WHERE user_id = ?", args: [members[12]!.id] });
const directorCookie = (await request('', 'POST', '/api/login', { email: members[12]!.email, password: PASSWORD, tenant: slug })).cookie;

// --- records in bulk: INSERT … SELECT FROM json_each, 50k at a time
const ENTITIES = ['lead', 'lead', 'lead', 'opportunity', 'opportunity', 'case', 'case', 'contact', 'account', 'lead'];
const rng = random(7);
const schemaOf = (await request(ownerCookie, 'GET', '/api/config')).json.entities;
let seeded = 0;
async function seedTo(target: number) {
  const t0 = Date.now();
  while (seeded < target) {
    const n = Math.min(50_000, target - seeded);
    const history: { id: string; stage: string; probability: number; entered: number; left: number | null; creator: string }[] = [];
    const rows = Array.from({ length: n }, (_, i) => {
      const entity = ENTITIES[(seeded + i) % ENTITIES.length]!;
      const owner = members[rng.int(0, MEMBERS - 1)]!;
      // One record in ten was created by someone else and assigned to its owner.
      const creator = rng.next() < 0.1 ? members[rng.int(0, MEMBERS - 1)]! : owner;
      const data = sampleData(entity, rng);
      const at = Date.UTC(2024, 0, 1) + (seeded + i) * 60_000;
      // Opportunities spread over the pipeline, each with the stage history of how it got there (a day per stage).
      const end = rng.int(0, STAGES.length - 1);
      const path = end <= 3 ? Array.from({ length: end + 1 }, (_, k) => k) : [...Array.from({ length: rng.int(1, 4) }, (_, k) => k), end];
      if (entity === 'opportunity')
        path.forEach((k, j) =>
          history.push({
            id: '',
            stage: STAGES[k]![0],
            probability: STAGES[k]![1],
            entered: at + j * DAY,
            left: j < path.length - 1 ? at + (j + 1) * DAY : null,
            creator: creator.id,
          }),
        );
      const id = newId();
      for (let h = history.length - 1; h >= 0 && history[h]!.id === ''; h--) history[h]!.id = id;
      return {
        id,
        entity,
        data: JSON.stringify(data),
        owner: owner.id,
        creator: creator.id,
        team: owner.team,
        at,
        state: entity === 'lead' ? 'new' : entity === 'case' ? 'new' : null,
        pipeline: entity === 'opportunity' ? 'sales' : null,
        stage: entity === 'opportunity' ? STAGES[path.at(-1)!]![0] : null,
        ...indexTexts(schemaOf[entity].form.schema, data, { tenantId, entity, ownerId: owner.id, createdBy: creator.id, team: owner.team }),
        // The pipeline report's inputs, as the write path keeps them.
        ...figureColumns(schemaOf[entity].form.schema, data),
      };
    });
    const json = JSON.stringify(rows);
    await db.batch([
      {
        sql: `INSERT INTO records (tenant_id, id, entity, data, amount, close_month, owner_id, created_by, team, pipeline, stage, state, config_version, version, created_at, updated_at)
              SELECT ?, j.value->>'id', j.value->>'entity', j.value->>'data', j.value->>'amount', j.value->>'close_month', j.value->>'owner', j.value->>'creator', j.value->>'team',
                     j.value->>'pipeline', j.value->>'stage', j.value->>'state', 1, 1, j.value->>'at', j.value->>'at' FROM json_each(?) j`,
        args: [tenantId, json],
      },
      {
        sql: `INSERT INTO records_fts (rowid, text) SELECT r.seq, j.value->>'text' FROM json_each(?) j CROSS JOIN records r ON r.tenant_id = ? AND r.id = j.value->>'id'`,
        args: [json, tenantId],
      },
      {
        sql: `INSERT INTO records_words (rowid, text) SELECT r.seq, j.value->>'scoped' FROM json_each(?) j CROSS JOIN records r ON r.tenant_id = ? AND r.id = j.value->>'id'`,
        args: [json, tenantId],
      },
      {
        sql: `INSERT INTO stage_history (tenant_id, entity, record_id, pipeline, stage, probability, entered_at, entered_by, left_at, left_by)
              SELECT ?, 'opportunity', j.value->>'id', 'sales', j.value->>'stage', j.value->>'probability', j.value->>'entered', j.value->>'creator', j.value->>'left',
                     CASE WHEN j.value->>'left' IS NOT NULL THEN j.value->>'creator' END FROM json_each(?) j`,
        args: [tenantId, JSON.stringify(history)],
      },
    ]);
    seeded += n;
  }
  await db.client.execute('ANALYZE');
  return (Date.now() - t0) / 1000;
}

const memberActor = (await loadActor(deps, hashToken(decodeURIComponent(memberCookie.split('=')[1]!))))!;
const ownerActor = (await loadActor(deps, hashToken(decodeURIComponent(ownerCookie.split('=')[1]!))))!;
const directorActor = (await loadActor(deps, hashToken(decodeURIComponent(directorCookie.split('=')[1]!))))!;
const managerActor = (await loadActor(deps, hashToken(decodeURIComponent(managerCookie.split('=')[1]!))))!;
const FILTER = encodeURIComponent(JSON.stringify({ rating: { eq: 'hot' } }));
/** Figures the targets are checked against, by target name; in-process timings also by `<records> <request>`. */
const figures = new Map<string, number>();

async function measureLists(label: string) {
  console.log(`\n== ${label}: ${seeded.toLocaleString('en')} records`);
  console.log('request                          in-process p50/p99 ms   raw SQL p50/p99 ms   ratio(p50)');
  for (const [who, cookie, actor] of [
    ['member', memberCookie, memberActor],
    ['owner', ownerCookie, ownerActor],
    ['manager', managerCookie, managerActor],
    ['director', directorCookie, directorActor],
  ] as const) {
    for (const [name, query] of [
      ['list lead', ''],
      ['list lead + filter', `filter=${FILTER}`],
      ['search lead q=schmidt', 'q=schmidt'],
      [`search lead q=${rareWord}`, `q=${rareWord}`],
    ] as const) {
      const path = `/api/records/lead${query ? '?' + query : ''}`;
      const http = await timeIt(300, () => request(cookie, 'GET', path, undefined, false));
      const params = new URLSearchParams(query);
      const scope = scopeFor(actor, 'read', 'lead');
      const parsed = parseListQuery(params, actor.bundle.entities.lead!, scope);
      // A search first probes how many records match, as the handler does, to choose its plan.
      const probe = needsMatchProbe(parsed) ? matchProbe(scope, parsed) : undefined;
      const many = probe ? Number((await db.client.execute(probe)).rows[0]!.n) > MANY_MATCHES : false;
      const { page } = listStatements(scope, parsed, many);
      const sessionArgs = [hashToken(decodeURIComponent(cookie.split('=')[1]!)), Date.now(), Date.now(), Date.now()];
      const raw = await timeIt(300, async () => {
        await db.client.execute({ sql: SESSION_SQL, args: sessionArgs });
        if (probe) await db.client.execute(probe);
        await db.client.execute(page);
      });
      figures.set(`${label} ${who} ${name.replace(rareWord, 'rare')}`, http.p50);
      console.log(
        `${(who + ' ' + name).padEnd(32)} ${fmt(http.p50)} ${fmt(http.p99)}        ${fmt(raw.p50)} ${fmt(raw.p99)}    ${(http.p50 / raw.p50).toFixed(2)}x`,
      );
      if (label.startsWith('1M') || seeded >= 1_000_000) {
        const plan = (await db.client.execute({ sql: `EXPLAIN QUERY PLAN ${page.sql}`, args: page.args })).rows.map((r) => String(r.detail));
        const scans = plan.filter((d) => /^SCAN r\b/.test(d) || (/SCAN records\b/.test(d) && !/USING/.test(d)));
        console.log(`    plan: ${plan.filter((d) => /records|USING|FTS/i.test(d)).join(' | ')}${scans.length ? '   <-- FULL SCAN' : ''}`);
      }
    }
  }
  const one = (await request(memberCookie, 'GET', '/api/records/lead?limit=1')).json.items[0].id;
  const get = await timeIt(300, () => request(memberCookie, 'GET', `/api/records/lead/${one}`, undefined, false));
  console.log(`member get by id                 ${fmt(get.p50)} ${fmt(get.p99)}`);
  const counted = await timeIt(50, () => request(memberCookie, 'GET', '/api/records/lead?count=true'));
  const ownerCount = await timeIt(20, () => request(ownerCookie, 'GET', '/api/records/lead?count=true'));
  console.log(`member list + count=true         ${fmt(counted.p50)} ${fmt(counted.p99)}`);
  console.log(`owner list + count=true          ${fmt(ownerCount.p50)} ${fmt(ownerCount.p99)}`);
  // The owner's pipeline report covers every opportunity and its stage history: it reads the sums kept at write time.
  figures.set('owner count=true, p50', ownerCount.p50);
  const report = await timeIt(20, () => request(ownerCookie, 'GET', '/api/reports/pipeline'));
  console.log(`owner pipeline report            ${fmt(report.p50)} ${fmt(report.p99)}   (${seeded / 5} opportunities)`);
  const teamReport = await timeIt(20, () => request(managerCookie, 'GET', '/api/reports/pipeline'));
  figures.set('owner pipeline report, p50', report.p50);
  figures.set('manager pipeline report, p50', teamReport.p50);
  console.log(`manager pipeline report          ${fmt(teamReport.p50)} ${fmt(teamReport.p99)}   (a team of ten, over their records)`);
  // After an upgrade or a publish that changes the report's fields or stage order, the first report computes them again.
  await db.client.execute('DELETE FROM report_figured');
  const t0 = process.hrtime.bigint();
  await request(ownerCookie, 'GET', '/api/reports/pipeline');
  console.log(`first report after a change      ${fmt(ms(process.hrtime.bigint() - t0))}            (figures of every opportunity computed again, once)`);
}

/** Workflow timers: `n` seeded cases waiting with due follow-up timers, fired by the scheduler's passes in this process. */
async function measureTimers(n: number) {
  const cases = JSON.stringify(
    (await db.client.execute({ sql: "SELECT id FROM records WHERE tenant_id = ? AND entity = 'case' LIMIT ?", args: [tenantId, n] })).rows.map((r) =>
      String(r.id),
    ),
  );
  await db.batch([
    { sql: "UPDATE records SET state = 'waiting_on_customer' WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))", args: [tenantId, cases] },
    {
      sql: "INSERT INTO workflow_timers (tenant_id, record_id, timer, due_at, created_at) SELECT ?, value, 'xstate.after.P3D.case.waiting_on_customer', 0, 0 FROM json_each(?)",
      args: [tenantId, cases],
    },
  ]);
  const t0 = Date.now();
  let fired = 0;
  for (let pass = await fireDueTimers({ db, now: Date.now }); pass > 0; pass = await fireDueTimers({ db, now: Date.now })) fired += pass;
  const s = (Date.now() - t0) / 1000;
  console.log(
    `timers: ${fired} due follow-ups fired in ${s.toFixed(2)} s (${(fired / s).toFixed(0)}/s; each a transition with its task, timeline and audit rows)`,
  );
}

console.log(`seeded 10,000 in ${(await seedTo(Math.min(10_000, TOTAL))).toFixed(1)} s`);
// A rare word: the last digits of the phone number of one of the member's leads (a few records hold it).
const rareWord = words(String((await request(memberCookie, 'GET', '/api/records/lead?limit=1')).json.items[0].data.phone)).at(-1)!;
await measureLists('10k');
await measureTimers(1000);
console.log(`\nseeded to ${TOTAL.toLocaleString('en')} in ${(await seedTo(TOTAL)).toFixed(1)} s`);
await measureLists('1M');
for (const [target, request] of [
  ['member list', 'member list lead'],
  ['owner list', 'owner list lead'],
  ['member search', 'member search lead q=schmidt'],
]) {
  const ratio = figures.get(`1M ${request}`)! / figures.get(`10k ${request}`)!;
  figures.set(`${target}, 1M ÷ 10k`, ratio);
}
figures.set('member search, common word, p50 in process', figures.get('1M member search lead q=schmidt')!);
figures.set('member search, rare word, p50 in process', figures.get('1M member search lead q=rare')!);
const inProcessRss = process.resourceUsage().maxRSS / 1024;

// --- HTTP throughput from this process against a real server process
db.close();
const server = await startServer(dbUrl, {}, { built: true });
const login = await fetch(`${server.url}/api/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: members[3]!.email, password: PASSWORD, tenant: slug }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
// Reads, as the peer was measured: 10 connections for 10 s after a 3 s warm-up.
console.log(`\n== HTTP from a second process (autocannon, 10 connections, 10 s)`);
for (const [target, who, path] of [
  ['member list over HTTP', memberCookie, '/api/records/lead'],
  ['owner list over HTTP', ownerCookie, '/api/records/lead'],
  ['manager (team) list over HTTP', managerCookie, '/api/records/lead'],
  ['member filtered list over HTTP', memberCookie, `/api/records/lead?filter=${FILTER}`],
  ['member search, common word, over HTTP', memberCookie, '/api/records/lead?q=schmidt'],
] as const) {
  const options = { url: `${server.url}${path}`, connections: 10, headers: { cookie: who } };
  await autocannon({ ...options, duration: 3 });
  const r = await autocannon({ ...options, duration: 10 });
  figures.set(target, r.requests.average);
  console.log(`${target}: ${r.requests.average.toFixed(0)} req/s (p50 ${r.latency.p50} ms; 2xx ${r['2xx']}, non-2xx ${r.non2xx}, errors ${r.errors})`);
}
// One connection, one request after another, from a lean client in a process of its own.
const single = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'one-connection.ts'), `${server.url}/api/records/lead`, '2000'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, BENCH_COOKIE: memberCookie },
    encoding: 'utf8',
    timeout: 120_000,
  }),
) as { p50: number; p99: number };
figures.set('member list, 1 connection, p50', single.p50);
console.log(`member list, 1 connection: p50 ${single.p50.toFixed(3)} ms, p99 ${single.p99.toFixed(3)} ms`);

const lead = JSON.stringify({ data: sampleData('lead', random(1)) });
const create = await autocannon({
  url: `${server.url}/api/records/lead`,
  method: 'POST',
  connections: 10,
  duration: 10,
  headers: { cookie, 'content-type': 'application/json' },
  body: lead,
});
// Updates: each connection cycles over its own records, sending the ETag it last saw.
const mine = (await (await fetch(`${server.url}/api/records/lead?limit=200`, { headers: { cookie } })).json()).items as { id: string; version: number }[];
const versions = new Map(mine.map((r) => [r.id, r.version]));
let turn = 0;
const update = await autocannon({
  url: server.url,
  connections: 10,
  duration: 10,
  requests: [
    {
      setupRequest: (req: any) => {
        const r = mine[turn++ % mine.length]!;
        return {
          ...req,
          method: 'PATCH',
          path: `/api/records/lead/${r.id}`,
          headers: { cookie, 'content-type': 'application/json', 'if-match': `"${versions.get(r.id)}"` },
          body: JSON.stringify({ data: { phone: `+49 ${turn}` } }),
        };
      },
      onResponse: (status: number, body: string) => {
        if (status === 200) {
          const r = JSON.parse(body);
          versions.set(r.id, r.version);
        }
      },
    },
  ],
} as any);
// Workflow events: each connection cycles over the person's cases, sending the event their state allows (wait ↔ reply).
const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const cases: string[] = [];
for (let i = 0; i < 100; i++) {
  const c = await (await post('/api/records/case', { data: { subject: `Bench case ${i}` } })).json();
  await post(`/api/records/case/${c.id}/events`, { type: 'START' });
  cases.push(c.id);
}
const waiting = new Set<string>();
let next = 0;
const events = await autocannon({
  url: server.url,
  connections: 10,
  duration: 10,
  requests: [
    {
      setupRequest: (req: any) => {
        const id = cases[next++ % cases.length]!;
        return {
          ...req,
          method: 'POST',
          path: `/api/records/case/${id}/events`,
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ type: waiting.has(id) ? 'CUSTOMER_REPLIED' : 'WAIT' }),
        };
      },
      onResponse: (status: number, body: string) => {
        if (status !== 200) return;
        const r = JSON.parse(body);
        if (r.state === 'waiting_on_customer') waiting.add(r.id);
        else waiting.delete(r.id);
      },
    },
  ],
} as any);
const serverRss = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
server.child.kill('SIGTERM');
await server.exited;
const code = (r: any) =>
  `${r.requests.average.toFixed(0)} req/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; 2xx ${r['2xx']}, non-2xx ${r.non2xx}, errors ${r.errors})`;
console.log(`create lead: ${code(create)}`);
console.log(`update lead: ${code(update)}   (412s are expected when two connections race on one record)`);
console.log(`case events: ${code(events)}   (409s are expected when two connections race on one case)`);
console.log(`\npeak RSS: bench process (in-process app + seeding) ${inProcessRss.toFixed(0)} MiB; server process ${serverRss.toFixed(0)} MiB`);
figures.set('create over HTTP', create.requests.average);
figures.set('server peak RSS', serverRss);
printTargets(figures);
if (process.env.BENCH_KEEP) console.log(`database kept at ${dbUrl}`);
else rmSync(dir, { recursive: true, force: true });
