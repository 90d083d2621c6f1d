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
  /**
   * Runs `fn` in an IMMEDIATE write transaction, after every earlier write of this process: all or nothing of what `fn`
   * writes, durable when the promise resolves. Writes waiting together share one transaction and one commit.
   */
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

const RETURNS_NO_ROWS = new Error('This statement returns no rows.');

/**
 * Local files: `@libsql/client` prepares every statement anew (20 % of a list request's CPU went to compiling the same
 * SQL). Its driver, `libsql`, can keep a prepared statement and run it again: each connection keeps the statements it
 * prepared, by their text. Statements are reset by every run, and a connection's go with it when it closes.
 */
function reuseStatements() {
  if (reusing) return;
  reusing = true;
  type Prepare = (this: object, sql: string) => { columns(): unknown; raw(on?: boolean): unknown; readonly reader: boolean };
  const proto = Database.prototype as unknown as { prepare: Prepare };
  const prepare = proto.prepare;
  proto.prepare = function (sql: string) {
    let statements = kept.get(this);
    if (!statements) kept.set(this, (statements = new Map()));
    let statement = statements.get(sql) as ReturnType<Prepare> | undefined;
    if (statement === undefined) {
      statement = prepare.call(this, sql);
      // `@libsql/client` asks a statement for its columns twice on every run; they are those it was prepared with.
      const columns = statement.columns();
      statement.columns = () => columns;
      // …and switches it to rows as arrays, which a write refuses with an error it then ignores: an error made once.
      if (!statement.reader)
        statement.raw = () => {
          throw RETURNS_NO_ROWS;
        };
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

  const commits = groupCommit(client);
  return {
    client,
    write: commits.write,
    batch: (stmts) => commits.write(async (tx) => void (await tx.batch(stmts))),
    close: () => client.close(),
  };
}

/** Writes waiting for the next group, at most this many in one transaction. */
const GROUP_LIMIT = 64;

interface Job {
  fn: (tx: Transaction) => Promise<unknown>;
  settle: (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
}

/**
 * Group commit: the writes that arrive while a transaction is being written go together into the next one, each in its
 * own savepoint (one that fails is rolled back alone, and only its caller sees the error), and one commit — one fsync —
 * makes them all durable. Every caller is answered only after that commit, in the order the writes came.
 */
function groupCommit(client: Client) {
  const waiting: Job[] = [];
  let writing = false;

  async function writeGroup(group: Job[]) {
    const outcomes: Parameters<Job['settle']>[0][] = [];
    try {
      const tx = await client.transaction('write');
      try {
        for (const job of group) {
          await tx.execute('SAVEPOINT item');
          try {
            outcomes.push({ ok: true, value: await job.fn(tx) });
            await tx.execute('RELEASE item');
          } catch (error) {
            outcomes.push({ ok: false, error });
            await tx.execute('ROLLBACK TO item');
            await tx.execute('RELEASE item');
          }
        }
        await tx.commit();
      } finally {
        tx.close();
      }
    } catch (error) {
      // The transaction itself failed (it could not start or commit): nothing of the group was kept.
      group.forEach((job) => job.settle({ ok: false, error }));
      return;
    }
    group.forEach((job, i) => job.settle(outcomes[i]!));
  }

  async function drain() {
    if (writing) return;
    writing = true;
    // libSQL's calls hold the event loop: writes of requests that arrived meanwhile join the next group once this turn
    // of the loop has read them all.
    await new Promise((resolve) => setImmediate(resolve));
    while (waiting.length) {
      await writeGroup(waiting.splice(0, GROUP_LIMIT));
      await new Promise((resolve) => setImmediate(resolve));
    }
    writing = false;
  }

  return {
    write: <T>(fn: (tx: Transaction) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        waiting.push({ fn, settle: (o) => (o.ok ? resolve(o.value as T) : reject(o.error)) });
        void drain();
      }),
  };
}
