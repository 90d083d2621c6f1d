import type { Server } from 'node:net';

/** How long clients may take and how many connections one address may hold (env settings, see the README). */
export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** 0: no cap (behind a proxy, whose connections all come from one address). */
  maxPerClient: number;
}

function setting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more (it is "${raw}").`);
  return value;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv): ConnectionLimits {
  return {
    headersTimeoutMs: setting(env, 'HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: setting(env, 'REQUEST_TIMEOUT_MS', 60_000),
    keepAliveTimeoutMs: setting(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxPerClient: setting(env, 'MAX_CONNECTIONS_PER_CLIENT', env.TRUST_PROXY === '1' ? 0 : 100),
  };
}

/**
 * Options for node:http's server: a client gets `headersTimeoutMs` for its headers and `requestTimeoutMs` for the
 * whole request, body included, however slowly it trickles them; Node checks every second (its default is 30 s).
 */
export function timeoutOptions(limits: ConnectionLimits) {
  return {
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs || Infinity),
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs || 1000),
  };
}

/** Closes at once every connection beyond `max` open from one client address, so one client cannot hold all sockets. */
export function capConnectionsPerClient(server: Server, max: number): void {
  if (max === 0) return;
  const open = new Map<string, number>();
  server.prependListener('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = open.get(address)! - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
