import type { Context } from 'hono';
import type { Deps } from './env.ts';

/** The origin people reach the runtime at: PUBLIC_URL's when set (behind a proxy), else the request's own. */
export function publicOrigin(c: Context, deps: Pick<Deps, 'publicUrl'>): string {
  return deps.publicUrl ? new URL(deps.publicUrl).origin : new URL(c.req.url).origin;
}
