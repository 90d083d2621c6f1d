import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../http/env.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Pages may load scripts, styles and images from this origin only: no inline code, no eval, no frames. */
export const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: 'same-origin',
});

/**
 * Serves the built front ends from `root` (the Vite output): hashed assets cached for a year,
 * `/studio/*` the studio page, every other path the workspace page (client-side routes).
 */
export function pageRoutes(root: string) {
  const app = new Hono<AppEnv>();
  app.get('/assets/:file', async (c) => {
    const name = c.req.param('file');
    const path = normalize(join(root, 'assets', name));
    const body = name.includes('..') ? null : await readOrNull(path);
    if (!body) return c.text('Not found', 404);
    c.header('cache-control', 'public, max-age=31536000, immutable');
    c.header('content-type', TYPES[extname(name)] ?? 'application/octet-stream');
    return c.body(body);
  });
  const page = async (c: Context<AppEnv>, file: string) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    const html = await readOrNull(join(root, file));
    c.header('cache-control', 'no-cache');
    if (!html) return c.text('The front end is not built yet: run "npm run build", then reload.', 503);
    return c.html(html.toString('utf8'));
  };
  app.get('/studio', (c) => page(c, 'studio/index.html'));
  app.get('/studio/*', (c) => page(c, 'studio/index.html'));
  app.get('*', (c) => page(c, 'runtime/web/workspace/index.html'));
  return app;
}

async function readOrNull(path: string) {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}
