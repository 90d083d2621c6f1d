import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Deps } from './env.ts';

/** The client's address: the socket peer, or the hop our trusted proxy added last to X-Forwarded-For (earlier hops are the client's to invent). */
export function clientAddress(c: Context, deps: Deps): string {
  if (deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
