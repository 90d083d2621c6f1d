import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);
type Encoding = 'br' | 'gzip';
const encode: Record<Encoding, (body: Buffer) => Buffer> = {
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (body) => gzipSync(body, { level: 9 }),
};
/** The best encoding the browser accepts, brotli before gzip. */
const accepted = (header: string | undefined): Encoding | null => (/\bbr\b/.test(header ?? '') ? 'br' : /\bgzip\b/.test(header ?? '') ? 'gzip' : null);

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
 * Serves the built front ends from `root` (the Vite output): hashed assets cached for a year and compressed,
 * `/studio/*` the studio page, every other path the workspace page (client-side routes).
 */
export function pageRoutes(root: string) {
  const app = new Hono<AppEnv>();
  // Assets never change under their hashed names: each is compressed once per encoding, on first request.
  const packed = new Map<string, Uint8Array<ArrayBuffer>>();
  app.get('/assets/:file', async (c) => {
    const name = c.req.param('file');
    const path = normalize(join(root, 'assets', name));
    const body = name.includes('..') ? null : await readOrNull(path);
    if (!body) return c.text('Not found', 404);
    c.header('cache-control', 'public, max-age=31536000, immutable');
    c.header('content-type', TYPES[extname(name)] ?? 'application/octet-stream');
    const encoding = COMPRESSIBLE.has(extname(name)) ? accepted(c.req.header('accept-encoding')) : null;
    if (!encoding) return c.body(body);
    const key = `${encoding}:${name}`;
    if (!packed.has(key)) packed.set(key, new Uint8Array(encode[encoding](body)));
    c.header('content-encoding', encoding);
    c.header('vary', 'accept-encoding');
    return c.body(packed.get(key)!);
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
