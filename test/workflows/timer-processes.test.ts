import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { call, startServer, type ServerProcess } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'crm-timers-'));
const url = `file:${join(dir, 'crm.db')}`;
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const start = async () => {
  const s = await startServer(url, { TIMER_INTERVAL_MS: '100' });
  running.push(s);
  return s;
};
const stop = async (s: ServerProcess) => {
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
};
const db = createClient({ url, timeout: 5000 });
/** Lets every waiting timer come due now, as if three days had passed. */
const makeDue = () => db.execute({ sql: 'UPDATE workflow_timers SET due_at = ?', args: [Date.now() - 1] });
const count = async (sql: string) => Number((await db.execute(sql)).rows[0]!.n);

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('durable timers with real processes on one database', () => {
  it('two processes fire each due timer exactly once; a restarted one fires what came due while it was down', async () => {
    const a = await start();
    const b = await start();
    const signup = await call(a.url, '', 'POST', '/api/signup', { tenantName: 'Timers', name: 'Tia Timer', email: 'tia@example.com', password: PASSWORD });
    const cookie = signup.cookie!;
    const CASES = 30;
    for (let i = 0; i < CASES; i++) {
      const c = await call(i % 2 ? a.url : b.url, cookie, 'POST', '/api/records/case', { data: { subject: `Case ${i}` } });
      for (const type of ['START', 'WAIT']) expect((await call(a.url, cookie, 'POST', `/api/records/case/${c.body.id}/events`, { type })).status).toBe(200);
    }
    expect(await count('SELECT count(*) AS n FROM workflow_timers')).toBe(CASES);
    await makeDue();
    await until(async () => (await count('SELECT count(*) AS n FROM workflow_timers')) === 0);
    // Exactly once: one automatic transition and one follow-up per case, nothing twice.
    expect(await count("SELECT count(*) AS n FROM timeline WHERE kind = 'transition' AND actor_id IS NULL")).toBe(CASES);
    expect(await count('SELECT count(*) AS n FROM tasks')).toBe(CASES);
    expect(await count("SELECT count(*) AS n FROM records WHERE entity = 'case' AND state = 'in_progress'")).toBe(CASES);

    // Both processes stop; cases wait again; their timers come due while nothing runs.
    const waiting = (await db.execute("SELECT id FROM records WHERE entity = 'case' LIMIT 5")).rows.map((r) => String(r.id));
    for (const id of waiting) expect((await call(b.url, cookie, 'POST', `/api/records/case/${id}/events`, { type: 'WAIT' })).status).toBe(200);
    await stop(a);
    await stop(b);
    await makeDue();
    expect(await count('SELECT count(*) AS n FROM workflow_timers')).toBe(5);
    await start();
    await until(async () => (await count('SELECT count(*) AS n FROM workflow_timers')) === 0);
    expect(await count('SELECT count(*) AS n FROM tasks')).toBe(CASES + 5);
    expect((await db.execute('PRAGMA integrity_check')).rows[0]![0]).toBe('ok');
  }, 90_000);
});
