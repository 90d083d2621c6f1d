import { createClient, type Client, type InStatement, type Transaction } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export async function openDb({ url, authToken }: DbOptions): Promise<Db> {
  if (url.startsWith('file:')) {
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
