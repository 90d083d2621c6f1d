import { createClient, type Client, type InStatement, type Transaction } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';

/**
 * The database: reads go straight to libSQL; every write goes through one in-process queue,
 * because libSQL's native calls block the event loop while another write transaction holds the lock.
 */
export interface Db {
  client: Client;
  /** Runs `fn` in an IMMEDIATE write transaction, after every earlier write of this process. */
  write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs statements as one atomic write batch, queued like `write`. */
  batch(stmts: InStatement[]): Promise<void>;
  close(): void;
}

export interface DbOptions {
  url: string;
  authToken?: string;
}

/** Statements kept per connection; enough for every statement the runtime writes, bounded for SQL built per request. */
const STATEMENTS_PER_CONNECTION = 1000;
let reusing = false;
let kept = new WeakMap<object, Map<string, unknown>>();

/**
 * Drops every kept statement. A statement keeps the columns it had when it was prepared, so after a schema change
 * (migrations, the only place the runtime changes it) statements are prepared afresh.
 */
export function forgetStatements(): void {
  kept = new WeakMap();
}

/**
 * Local files: `@libsql/client` prepares every statement anew (20 % of a list request's CPU went to compiling the same
 * SQL). Its driver, `libsql`, can keep a prepared statement and run it again: each connection keeps the statements it
 * prepared, by their text. Statements are reset by every run, and a connection's go with it when it closes.
 */
function reuseStatements() {
  if (reusing) return;
  reusing = true;
  type Prepare = (this: object, sql: string) => unknown;
  const proto = Database.prototype as unknown as { prepare: Prepare };
  const prepare = proto.prepare;
  proto.prepare = function (sql: string) {
    let statements = kept.get(this);
    if (!statements) kept.set(this, (statements = new Map()));
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare.call(this, sql);
      if (statements.size >= STATEMENTS_PER_CONNECTION) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return statement;
  };
}

export async function openDb({ url, authToken }: DbOptions): Promise<Db> {
  if (url.startsWith('file:')) {
    reuseStatements();
    const path = url.slice('file:'.length);
    if (path && path !== ':memory:') mkdirSync(dirname(path.startsWith('//') ? fileURLToPath(url) : path), { recursive: true });
  }
  const client = createClient({ url, authToken, timeout: 5000 });
  if (url.startsWith('file:')) {
    // WAL lets readers run beside the writer; FULL makes every commit survive power loss.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = FULL');
  }
  await client.execute('PRAGMA foreign_keys = ON');

  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    client,
    write: (fn) =>
      enqueue(async () => {
        const tx = await client.transaction('write');
        try {
          const result = await fn(tx);
          await tx.commit();
          return result;
        } finally {
          tx.close();
        }
      }),
    batch: (stmts) => enqueue(async () => void (await client.batch(stmts, 'write'))),
    close: () => client.close(),
  };
}
