import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetStatements, openDb } from '../../runtime/db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'crm-statements-'));
const db = await openDb({ url: `file:${join(dir, 'crm.db')}` });
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('statements kept per connection', () => {
  it('give the same answers run again and again, with other arguments, and after the schema changed', async () => {
    await db.client.execute('CREATE TABLE t (a INTEGER)');
    for (let i = 1; i <= 3; i++) await db.write((tx) => tx.execute({ sql: 'INSERT INTO t (a) VALUES (?)', args: [i] }));
    const select = (min: number) => db.client.execute({ sql: 'SELECT * FROM t WHERE a >= ? ORDER BY a', args: [min] });
    expect((await select(1)).rows.map((r) => r.a)).toEqual([1, 2, 3]);
    expect((await select(3)).rows.map((r) => r.a)).toEqual([3]);
    // Schema changes happen in migrations, which forget the kept statements (a kept `SELECT *` has the old columns).
    await db.client.execute('ALTER TABLE t ADD COLUMN b TEXT');
    forgetStatements();
    await db.write((tx) => tx.execute({ sql: 'UPDATE t SET b = ? WHERE a = ?', args: ['x', 2] }));
    const after = await select(2);
    expect(after.columns).toEqual(['a', 'b']);
    expect(after.rows.map((r) => [r.a, r.b])).toEqual([
      [2, 'x'],
      [3, null],
    ]);
    // A write that fails halfway leaves nothing behind, and the statement still works afterwards.
    await expect(
      db.write(async (tx) => (await tx.execute({ sql: 'INSERT INTO t (a) VALUES (?)', args: [4] }), tx.execute('INSERT INTO nowhere VALUES (1)'))),
    ).rejects.toThrow();
    expect((await select(4)).rows).toEqual([]);
    await db.write((tx) => tx.execute({ sql: 'INSERT INTO t (a) VALUES (?)', args: [4] }));
    expect((await select(4)).rows.map((r) => r.a)).toEqual([4]);
  });
});
