import { createClient } from '@libsql/client';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'crm-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run seed:demo', () => {
  it('makes a team and records already moving through their workflows and the pipeline, and prints the logins', async () => {
    const url = `file:${join(dir, 'crm.db')}`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'runtime', 'demo', 'seed.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, ARGON2_MEMORY_KIB: '1024', ARGON2_ITERATIONS: '1' },
    });
    const logins = stdout
      .split('\n')
      .filter((l) => /@demo\.example/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(logins).toEqual(['owner', 'manager', 'sales_rep', 'sales_rep', 'service_rep']);
    const db = createClient({ url });
    const count = async (sql: string) => Number((await db.execute(sql)).rows[0]!.n);
    expect(await count("SELECT count(*) AS n FROM records WHERE entity = 'lead' AND state = 'converted'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM records WHERE entity = 'opportunity' AND stage = 'closed_won'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM records WHERE entity = 'case' AND state = 'waiting_on_customer'")).toBe(
      await count('SELECT count(*) AS n FROM workflow_timers'),
    );
    // Escalations notify the manager, who can read the team's cases.
    expect(await count("SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.name = 'Marco Manager'")).toBeGreaterThan(0);
    // Leads went round robin to the two sales representatives.
    expect(
      await count(
        "SELECT count(DISTINCT r.owner_id) AS n FROM records r JOIN memberships m ON m.user_id = r.owner_id AND m.role = 'sales_rep' WHERE r.entity = 'lead'",
      ),
    ).toBe(2);
    db.close();
  }, 120_000);
});
