import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from './env.ts';
import { Problem } from './problem.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
// Only an API token: Basic or Negotiate credentials a browser may attach by itself are no such proof.
const BEARER = /^Bearer\s/i;

/** Whether an Origin header names this runtime: PUBLIC_URL's origin when set, else any origin on the host the request came to. */
function isOwnOrigin(origin: string, requestUrl: string, publicUrl: string | undefined): boolean {
  if (publicUrl) return origin === publicUrl;
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
}

/**
 * Refuses (403) a state-changing request that a browser says comes from another origin, with a body or without,
 * following Go's http.CrossOriginProtection: Sec-Fetch-Site `same-origin` or `none` passes and any other value
 * (`same-site` too: a sibling subdomain is another origin) fails; without it, an Origin other than ours fails;
 * a request with neither header is not from a browser and passes. Requests with an API token are exempt: no
 * browser attaches one on its own, and cookies are what a cross-site request would borrow.
 */
export function crossOriginProtection(deps: Pick<Deps, 'publicUrl'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || BEARER.test(c.req.header('authorization') ?? '')) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const allowed = site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined || isOwnOrigin(origin, c.req.url, deps.publicUrl);
    if (!allowed) throw new Problem(403, 'This request came from another site, so it was refused. Make the change from crm-studio’s own pages.');
    await next();
  };
}
