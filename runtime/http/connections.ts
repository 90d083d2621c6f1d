import { isIPv6 } from 'node:net';
import type { Server } from 'node:net';

/** How long clients may take and how many connections they may hold (env settings, see the README). */
export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Per client address (an IPv6 client: per /64); 0: no cap (behind a proxy, whose connections all come from one address). */
  maxPerClient: number;
  maxConnections: number;
}

/** A whole-number env setting of at least `min`, or `fallback` when unset; anything else stops the start with a message. */
export function setting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of ${min} or more (it is "${raw}").`);
  return value;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv): ConnectionLimits {
  return {
    // At least 1: to Node, 0 means "never".
    headersTimeoutMs: setting(env, 'HEADERS_TIMEOUT_MS', 10_000, 1),
    requestTimeoutMs: setting(env, 'REQUEST_TIMEOUT_MS', 60_000, 1),
    keepAliveTimeoutMs: setting(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 1),
    maxPerClient: setting(env, 'MAX_CONNECTIONS_PER_CLIENT', env.TRUST_PROXY === '1' ? 0 : 100, 0),
    maxConnections: setting(env, 'MAX_CONNECTIONS', 10_000, 1),
  };
}

/**
 * Options for node:http's server: a client gets `headersTimeoutMs` for its headers and `requestTimeoutMs` for the
 * whole request, body included, however slowly it trickles them; Node checks every second (its default is 30 s).
 */
export function timeoutOptions(limits: ConnectionLimits) {
  return {
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}

/** Who counts as one client: an IPv4 address, or an IPv6 /64 (one subscriber's network, where addresses cost nothing). */
export function clientKey(address: string): string {
  return isIPv6(address) && !address.startsWith('::ffff:') ? expandIPv6(address).slice(0, 4).join(':') : address;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.map((g) => g.toLowerCase().padStart(4, '0'));
}

/**
 * Guards the server's sockets: at most `maxConnections` in all and `maxPerClient` from one client (those beyond are
 * closed at once), and a connection on which nothing moves for `requestTimeoutMs` (a client that stopped reading
 * its response) is closed.
 */
export function guardConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  (server as Server & { timeout: number }).timeout = limits.requestTimeoutMs;
  if (limits.maxPerClient === 0) return;
  const open = new Map<string, number>();
  server.prependListener('connection', (socket) => {
    const key = clientKey(socket.remoteAddress ?? '');
    const count = (open.get(key) ?? 0) + 1;
    if (count > limits.maxPerClient) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = open.get(key)! - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
