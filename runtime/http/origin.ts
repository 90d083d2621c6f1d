import type { Context } from 'hono';
import type { Deps } from './env.ts';

/** The origin people reach the runtime at: PUBLIC_URL when set (behind a proxy), else the request's own. */
export function publicOrigin(c: Context, deps: Pick<Deps, 'publicUrl'>): string {
  return deps.publicUrl ?? new URL(c.req.url).origin;
}

/** PUBLIC_URL as an origin (`https://crm.example.com`); throws on anything that is not an http(s) address. */
export function parsePublicUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new Error(`PUBLIC_URL must be an http or https address such as https://crm.example.com (it is "${value}").`);
  return url.origin;
}
