import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * SECRET_KEY from the environment; with a local database file, a key generated once into `secret.key`
 * beside it. A remote database requires SECRET_KEY: every process must share it, and it must not live in the database.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv, databaseUrl: string): string {
  if (env.SECRET_KEY) return env.SECRET_KEY;
  if (!databaseUrl.startsWith('file:'))
    throw new Error('SECRET_KEY is required with a remote database: every process must share it, and it must not live in the database.');
  const file = resolve(dirname(databaseUrl.slice('file:'.length)), 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
