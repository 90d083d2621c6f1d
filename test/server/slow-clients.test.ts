import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server.ts';

// Short limits so the test sees them work; the defaults (README) are 10 s, 60 s and 5 s.
const HEADERS_MS = 1000;
const REQUEST_MS = 2000;
const KEEP_ALIVE_MS = 1000;
const CAP = 40;
/** Node checks its timeouts once a second; the rest is room for a loaded machine. Node's own defaults are 60 s and 300 s. */
const SLACK_MS = 6000;

let dir: string;
let server: ServerProcess;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-slow-'));
  server = await startServer(`file:${join(dir, 'crm.db')}`, {
    HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
    MAX_CONNECTIONS_PER_CLIENT: String(CAP),
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
});

interface Client {
  socket: Socket;
  openedAt: number;
  /** Resolves with when the server closed the connection. */
  closed: Promise<number>;
  received: () => string;
}

/** A raw connection from `from` (another loopback address is another client); `trickle` sends a byte every 100 ms until closed. */
function open(from: string, first: string, trickle?: string): Promise<Client> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: from });
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    const closed = new Promise<number>((done) => socket.on('close', () => (clearInterval(timer), done(Date.now()))));
    socket.on('data', (d) => (received += d));
    socket.on('error', () => undefined); // a reset is one way of being closed
    const openedAt = Date.now();
    socket.once('connect', () => {
      socket.write(first);
      if (trickle) timer = setInterval(() => socket.writable && socket.write(trickle), 100);
      resolve({ socket, openedAt, closed, received: () => received });
    });
    // Refused before it was even connected (over the cap on a loaded machine): it is closed, unanswered.
    socket.once('close', () => resolve({ socket, openedAt, closed, received: () => received }));
  });
}

/** Times plain requests from the ordinary client while `until` is pending; returns each one's duration. */
async function keepAsking(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const durations: number[] = [];
  while (!done || durations.length < 5) {
    const start = Date.now();
    const res = await fetch(`${server.url}/api/me`);
    expect(res.status).toBe(401);
    await res.text();
    durations.push(Date.now() - start);
  }
  return durations;
}

describe('slow and idle clients are cut off while others are served', () => {
  it('closes connections that trickle their headers or their body, within the timeouts', async () => {
    const slowHeaders = await Promise.all(Array.from({ length: 30 }, () => open('127.0.0.2', 'GET /api/me HTTP/1.1\r\nHost: x\r\nX-Slow: ', 'a')));
    const body = '{"email":"x@example.com","password":"';
    const slowBodies = await Promise.all(
      Array.from({ length: 30 }, () =>
        open('127.0.0.3', `POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n${body}`, 'b'),
      ),
    );
    const silent = await Promise.all(Array.from({ length: 20 }, () => open('127.0.0.5', '')));
    const all = [...slowHeaders, ...slowBodies, ...silent];

    const durations = await keepAsking(Promise.all(all.map((c) => c.closed)));
    const lifetimes = (clients: Client[]) => Promise.all(clients.map(async (c) => (await c.closed) - c.openedAt));
    for (const t of await lifetimes(slowHeaders)) expect(t).toBeLessThan(HEADERS_MS + SLACK_MS);
    for (const t of await lifetimes(silent)) expect(t).toBeLessThan(HEADERS_MS + SLACK_MS);
    for (const t of await lifetimes(slowBodies)) expect(t).toBeLessThan(REQUEST_MS + SLACK_MS);
    // Every ordinary request was answered while the slow ones were held, none of them stuck behind them.
    expect(durations.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...durations)).toBeLessThan(2000);
    expect(slowHeaders[0]!.received()).toMatch(/^HTTP\/1\.1 408/);
    // A client that went away is not a fault of the server: nothing is logged as one.
    expect(server.output()).not.toMatch(/Error|\n\s+at /);
  });

  it('closes idle keep-alive connections', async () => {
    const idle = await Promise.all(Array.from({ length: 5 }, () => open('127.0.0.6', 'GET /api/me HTTP/1.1\r\nHost: x\r\n\r\n')));
    for (const c of idle) {
      const closedAt = await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 401/);
      expect(closedAt - c.openedAt).toBeLessThan(KEEP_ALIVE_MS + SLACK_MS);
    }
  });

  it('caps the connections one client address may hold, and serves everyone else', async () => {
    const flood = await Promise.all(Array.from({ length: CAP + 20 }, () => open('127.0.0.4', 'GET /api/me HTTP/1.1\r\n')));
    const res = await fetch(`${server.url}/api/me`);
    expect(res.status).toBe(401);
    await Promise.all(flood.map((c) => c.closed));
    // Those within the cap waited for the headers timeout and got its 408; those beyond it were closed at once, unanswered.
    expect(flood.filter((c) => /^HTTP\/1\.1 408/.test(c.received()))).toHaveLength(CAP);
    expect(flood.filter((c) => c.received() === '')).toHaveLength(20);
    // Once the server has let them go too, the address may connect again.
    let answer = '';
    for (let tries = 0; !answer && tries < 100; tries++) {
      const again = await open('127.0.0.4', 'GET /api/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await again.closed;
      answer = again.received();
      if (!answer) await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
  });
});
