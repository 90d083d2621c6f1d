import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts the server as its own process and waits until it listens: `runtime/server.ts` through tsx, or with `built` the
 * bundle `npm run build` makes (dist/server.js), as `npm start` runs it.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, { built = false, cwd = ROOT } = {}): Promise<ServerProcess> {
  const bundle = join(ROOT, 'dist', 'server.js');
  if (built && !existsSync(bundle)) throw new Error('Build the server first: npm run build');
  const entry = built ? [bundle] : ['--import', 'tsx', join(ROOT, 'runtime', 'server.ts')];
  const child = spawn(process.execPath, entry, {
    cwd,
    // Port 0: the system picks a free one as the server binds (no window for another process to take it).
    // Keep-alive longer than any test: no idle connection is closed under a request a client is about to send on it.
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      KEEP_ALIVE_TIMEOUT_MS: '600000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}: ${out}`);
    const url = /is running at (http:\/\/\S+)/.exec(out)?.[1];
    if (url) return { url, child, output: () => out, exited };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Answer {
  status: number;
  text: string;
  body: any;
}

/** One HTTP call to a server process with a session cookie. */
export async function call(
  base: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer & { cookie?: string }> {
  const res = await fetch(base + path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, text, body: parsed, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
}
