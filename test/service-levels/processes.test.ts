import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { call, startServer, type ServerProcess } from '../support/server.ts';
import { AROUND_THE_CLOCK } from './support.ts';

// Two real runtime processes on one database file handle service level marks: each case's warning and breach run
// their actions exactly once, whichever process claims them.
const dir = mkdtempSync(join(tmpdir(), 'crm-sla-'));
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
const db = createClient({ url, timeout: 5000 });
const count = async (sql: string) => Number((await db.execute(sql)).rows[0]!.n);
const MINUTE = 60_000;
/** As if `minutes` more had passed on every case's first response clock: its next mark is due now. */
const age = (minutes: number) =>
  db.execute({
    sql: "UPDATE sla_clocks SET running_since = running_since - ?, due_at = ? WHERE clock = 'firstResponse'",
    args: [minutes * MINUTE, Date.now() - 1],
  });

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('service level marks with real processes on one database', () => {
  it('two processes run each case’s warning and breach exactly once', async () => {
    const a = await start();
    const b = await start();
    const signup = await call(a.url, '', 'POST', '/api/signup', { tenantName: 'Levels', name: 'Lea Level', email: 'lea@example.com', password: PASSWORD });
    const cookie = signup.cookie!;
    expect((await call(b.url, cookie, 'PATCH', '/api/tenant', { settings: { businessHours: AROUND_THE_CLOCK } })).status).toBe(200);
    const CASES = 60;
    for (let i = 0; i < CASES; i++) {
      expect((await call(i % 2 ? a.url : b.url, cookie, 'POST', '/api/records/case', { data: { subject: `Case ${i}` } })).status).toBe(201);
    }
    const warned = () => count("SELECT count(*) AS n FROM sla_clocks WHERE clock = 'firstResponse' AND warned_at IS NOT NULL AND lease_owner IS NULL");
    const told = (kind: string) => count(`SELECT count(*) AS n FROM notifications WHERE kind = '${kind}'`);

    // 200 of a normal case's 240 minutes: past the warning, short of the breach.
    await age(200);
    await until(async () => (await warned()) === CASES);
    expect(await told('slaWarning')).toBe(CASES);
    expect(await told('slaBreach')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM sla_records WHERE status = 'at_risk'")).toBe(CASES);

    await age(50);
    await until(async () => (await count("SELECT count(*) AS n FROM records WHERE entity = 'case' AND data ->> '$.priority' = 'high'")) === CASES);
    await until(async () => (await count('SELECT count(*) AS n FROM sla_clocks WHERE breached_at IS NOT NULL AND lease_owner IS NULL')) === CASES);
    // Once each: one warning and one breach per case, one raised priority per case (a single timeline entry of it).
    expect(await told('slaWarning')).toBe(CASES);
    expect(await told('slaBreach')).toBe(CASES);
    expect(await count("SELECT count(*) AS n FROM timeline WHERE kind = 'changed' AND actor_id IS NULL")).toBe(CASES);
    // Neither process failed a mark.
    expect(a.output() + b.output()).not.toMatch(/service levels:/);
    for (const s of [a, b]) {
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    }
    expect((await db.execute('PRAGMA integrity_check')).rows[0]![0]).toBe('ok');
  }, 90_000);
});
