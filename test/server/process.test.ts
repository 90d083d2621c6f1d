import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { call, startServer, type Answer, type ServerProcess } from '../support/server.ts';

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh database file in its own temp folder. */
function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'crm-proc-'));
  dirs.push(dir);
  const file = join(dir, 'crm.db');
  return { file, url: `file:${file}` };
}

async function start(url: string): Promise<ServerProcess> {
  const s = await startServer(url);
  running.push(s);
  return s;
}

let tenants = 0;
/** Signs a new tenant up on `base`; returns the owner's session cookie. */
async function signUp(base: string): Promise<string> {
  const n = ++tenants;
  const res = await call(base, '', 'POST', '/api/signup', {
    tenantName: `Proc ${n}`,
    name: 'Pat Process',
    email: `proc${n}.${Date.now()}@example.com`,
    password: PASSWORD,
  });
  expect(res.status).toBe(201);
  return res.cookie!;
}

const lead = (i: number) => ({ data: { lastName: `Writer ${i}`, company: `Firm ${i}` } });
const BUSY = /SQLITE_BUSY|database is locked/i;

/** No 5xx, and no busy error in any response or in the server output. */
function expectHealthy(answers: Answer[], servers: ServerProcess[]) {
  expect(answers.filter((a) => a.status >= 500).map((a) => a.text)).toEqual([]);
  expect(answers.filter((a) => BUSY.test(a.text))).toEqual([]);
  for (const s of servers) expect(s.output()).not.toMatch(BUSY);
}

/**
 * A POST whose body comes later: `started` resolves once the server has read its headers (it answers `Expect:
 * 100-continue` right then), `finish` sends the body, `answer` is the response.
 */
function slowPost(base: string, cookie: string, body: string) {
  const { hostname, port } = new URL(base);
  const req = request({
    hostname,
    port,
    method: 'POST',
    path: '/api/records/lead',
    agent: false,
    headers: { cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const started = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text, body: undefined }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { started, finish: () => req.end(body), answer };
}

/** Answers once a TCP connection to `url` is refused. */
function connectionRefused(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.on('connect', () => (socket.destroy(), resolve('connected')));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

async function stop(s: ServerProcess) {
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
}

describe('a real server process under concurrent writes', () => {
  it('takes 50 concurrent creates plus parallel PATCHes without 5xx or SQLITE_BUSY, and keeps every write', async () => {
    const db = freshDb();
    const s = await start(db.url);
    const cookie = await signUp(s.url);
    const existing = await Promise.all(Array.from({ length: 10 }, (_, i) => call(s.url, cookie, 'POST', '/api/records/lead', lead(100 + i))));
    const raced = existing[0]!.body.id as string;

    const creates = Array.from({ length: 50 }, (_, i) => call(s.url, cookie, 'POST', '/api/records/lead', lead(i)));
    const patches = existing.map((r, i) =>
      call(s.url, cookie, 'PATCH', `/api/records/lead/${r.body.id}`, { data: { company: `Patched ${i}` } }, { 'if-match': '"1"' }),
    );
    // Three more writers race for the same version of one record: one wins, the others get 412.
    const racers = ['A', 'B', 'C'].map((x) => call(s.url, cookie, 'PATCH', `/api/records/lead/${raced}`, { data: { title: x } }, { 'if-match': '"2"' }));
    const [created, patched] = await Promise.all([Promise.all(creates), Promise.all(patches)]);
    const raceResults = await Promise.all(racers);

    expectHealthy([...created, ...patched, ...raceResults], [s]);
    expect(created.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(patched.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (const a of raceResults) expect([200, 412]).toContain(a.status);
    expect(raceResults.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);

    expect((await call(s.url, cookie, 'GET', '/api/records/lead?count=true&limit=1')).body.total).toBe(60);
    const reads = await Promise.all(created.map((a) => call(s.url, cookie, 'GET', `/api/records/lead/${a.body.id}`)));
    expect(reads.map((r) => r.body.data.lastName)).toEqual(created.map((a) => a.body.data.lastName));
    for (const [i, r] of existing.entries())
      expect((await call(s.url, cookie, 'GET', `/api/records/lead/${r.body.id}`)).body.data.company).toBe(`Patched ${i}`);
    await stop(s);
  });

  it('two processes on one database file start together and both take writes, keeping every one', async () => {
    const db = freshDb();
    // Started at the same moment: both migrate the same fresh file.
    const [a, b] = await Promise.all([start(db.url), start(db.url)]);
    const cookie = await signUp(a.url);
    const writes = Array.from({ length: 40 }, (_, i) => call(i % 2 ? b.url : a.url, cookie, 'POST', '/api/records/lead', lead(i)));
    const done = await Promise.all(writes);
    const edits = await Promise.all(
      done
        .slice(0, 10)
        .map((r, i) => call(i % 2 ? a.url : b.url, cookie, 'PATCH', `/api/records/lead/${r.body.id}`, { data: { title: 'Edited' } }, { 'if-match': '"1"' })),
    );

    expectHealthy([...done, ...edits], [a, b]);
    expect(done.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(edits.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const base of [a.url, b.url]) expect((await call(base, cookie, 'GET', '/api/records/lead?count=true&limit=1')).body.total).toBe(40);
    const seenByA = await Promise.all(done.map((r) => call(a.url, cookie, 'GET', `/api/records/lead/${r.body.id}`)));
    expect(seenByA.map((r) => r.status)).toEqual(Array(40).fill(200));
    await Promise.all([stop(a), stop(b)]);
  });
});

describe('nothing a later request needs lives in one process', () => {
  it('a form preview posted to one process is served by another', async () => {
    const db = freshDb();
    const [a, b] = await Promise.all([start(db.url), start(db.url)]);
    const cookie = await signUp(a.url);
    const form = {
      schema: { type: 'object', properties: { budget: { type: 'number', 'x-field': 'currency', minimum: 0 } }, required: ['budget'] },
      uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/budget' }] },
    };
    const made = await call(a.url, cookie, 'POST', '/api/forms/preview', form);
    expect(made.status).toBe(200);
    const module = await call(b.url, cookie, 'GET', made.body.url);
    expect(module.status).toBe(200);
    expect(module.text).toContain('budget');
    await Promise.all([stop(a), stop(b)]);
  });
});

describe('shutdown and crash', () => {
  it('on SIGTERM finishes in-flight requests, refuses new connections, exits 0, and keeps every acknowledged write', async () => {
    const db = freshDb();
    const s = await start(db.url);
    const cookie = await signUp(s.url);
    const before = await Promise.all(Array.from({ length: 5 }, (_, i) => call(s.url, cookie, 'POST', '/api/records/lead', lead(i))));

    // Requests whose bodies are still to come, each once the server has read its headers: certainly in flight at the signal.
    const slow = Array.from({ length: 8 }, (_, i) => slowPost(s.url, cookie, `{"data":{"lastName":"Slow ${i}","company":"Late"}}`));
    await Promise.all(slow.map((x) => x.started));
    s.child.kill('SIGTERM');
    // The listening socket closes at once; the process stays for the requests in flight.
    await expect.poll(() => connectionRefused(s.url), { timeout: 20_000, interval: 50 }).toBe('ECONNREFUSED');
    expect(s.child.exitCode).toBeNull();

    for (const x of slow) x.finish();
    const answers = (await Promise.all(slow.map((x) => x.answer))).map((a) => ({ ...a, body: JSON.parse(a.text) }));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    // Idle keep-alive connections (the first writes' ones) stay open for as long as the server allows — ten minutes here —
    // unless it closes them itself: a clean exit, without the watchdog's, shows it did.
    expect(await s.exited).toBe(0);
    expect(s.output()).not.toContain('shutdown took too long');
    expect(s.output()).toContain('SIGTERM');
    expectHealthy([...before, ...answers], [s]);

    const again = await start(db.url);
    for (const a of [...before, ...answers]) {
      const got = await call(again.url, cookie, 'GET', `/api/records/lead/${a.body.id}`);
      expect(got.status).toBe(200);
      expect(got.body.data).toEqual(a.body.data);
    }
    await stop(again);
  });

  it('after SIGKILL mid-burst the file passes integrity_check and every acknowledged write is there', async () => {
    const db = freshDb();
    const s = await start(db.url);
    const cookie = await signUp(s.url);
    const acked: { id: string; lastName: string }[] = [];
    let killed = false;
    const burst = Array.from({ length: 60 }, (_, i) =>
      call(s.url, cookie, 'POST', '/api/records/lead', lead(i)).then(
        (r) => {
          if (r.status === 201) acked.push({ id: r.body.id, lastName: r.body.data.lastName });
          if (acked.length >= 15 && !killed) {
            killed = true;
            s.child.kill('SIGKILL');
          }
        },
        () => undefined, // cut off by the kill
      ),
    );
    await Promise.all(burst);
    await s.exited;
    expect(s.child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(15);

    const file = createClient({ url: db.url });
    try {
      expect((await file.execute('PRAGMA integrity_check')).rows.map((r) => r[0])).toEqual(['ok']);
      const stored = new Set((await file.execute("SELECT id FROM records WHERE entity = 'lead'")).rows.map((r) => String(r.id)));
      expect(acked.filter((a) => !stored.has(a.id))).toEqual([]);
    } finally {
      file.close();
    }

    const again = await start(db.url);
    for (const a of acked) expect((await call(again.url, cookie, 'GET', `/api/records/lead/${a.id}`)).body.data.lastName).toBe(a.lastName);
    await stop(again);
  });
});
