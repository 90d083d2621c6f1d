import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../runtime/db/client.ts';

let dir: string;
let url: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-group-commit-'));
  url = `file:${join(dir, 'crm.db')}`;
  db = await openDb({ url });
  await db.write((tx) => tx.execute('CREATE TABLE items (name TEXT PRIMARY KEY)').then(() => undefined));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = async () => (await db.client.execute('SELECT name FROM items ORDER BY name')).rows.map((r) => String(r.name));
const insert = (name: string) => db.write((tx) => tx.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: [name] }).then(() => name));

describe('group commit', () => {
  it('writes that wait together share one transaction; one that fails is undone alone and only its caller hears of it', async () => {
    const other = createClient({ url });
    let cSeenByOthers: unknown;
    const results = await Promise.allSettled([
      insert('a'),
      db.write(async (tx) => {
        await tx.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['b'] });
        throw new Error('b changed its mind');
      }),
      insert('a'), // a duplicate: its statement fails
      insert('c'),
      db.write(async (tx) => {
        // c was written before this, in the same transaction: no other connection sees it yet.
        cSeenByOthers = (await other.execute("SELECT count(*) FROM items WHERE name = 'c'")).rows[0]![0];
        await tx.execute("INSERT INTO items (name) VALUES ('d')");
      }),
      db.batch([{ sql: 'INSERT INTO items (name) VALUES (?)', args: ['e'] }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('b changed its mind');
    expect(Number(cSeenByOthers)).toBe(0);
    expect(await names()).toEqual(['a', 'c', 'd', 'e']);
    other.close();
  });

  it('answers each write after its group is durable, in the order the writes came', async () => {
    const order: string[] = [];
    await Promise.all(
      ['f', 'g', 'h'].map((name) =>
        db
          .write((tx) => tx.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: [name] }))
          .then(async () => {
            // Another connection already sees it: committed, not merely written.
            const other = createClient({ url });
            order.push(`${name}:${(await other.execute({ sql: 'SELECT count(*) FROM items WHERE name = ?', args: [name] })).rows[0]![0]}`);
            other.close();
          }),
      ),
    );
    expect(order).toEqual(['f:1', 'g:1', 'h:1']);
  });
});
