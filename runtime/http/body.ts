import type { Context } from 'hono';
import { Problem } from './problem.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads the raw body as bytes, refusing more than `limit` bytes (413, with `tooLarge` as its detail) whether or not
 * Content-Length was sent: a declared length over the limit is refused before a byte is read.
 */
export async function readBytes(req: Request, limit: number, tooLarge = `The body is larger than ${limit} bytes.`): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new Problem(413, tooLarge);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away or was cut off (REQUEST_TIMEOUT_MS) mid-body.
      throw new Problem(400, 'The body was cut off before it was complete.');
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Problem(413, tooLarge);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads the raw body as text, refusing more than `limit` bytes whether or not Content-Length was sent. */
export async function readLimited(req: Request, limit: number): Promise<string> {
  const bytes = await readBytes(req, limit);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function checkShape(value: unknown, path: string, depth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) throw new Problem(400, `The body is nested deeper than ${MAX_DEPTH} levels.`, [{ path, message: 'too deep' }]);
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (FORBIDDEN_KEYS.has(key)) throw new Problem(400, `The key "${key}" is not allowed.`, [{ path: childPath, message: 'forbidden key' }]);
    checkShape(child, childPath, depth + 1);
  }
}

/** True when the request declares a JSON body (`application/json`, any charset). */
export function isJson(c: Context): boolean {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Parses the JSON body of a state-changing request: only `application/json` (415 otherwise, so
 * cross-site form posts never reach a handler), at most `limit` bytes (413), well-formed (400),
 * no deeper than 32 levels and without `__proto__`/`constructor`/`prototype` keys (400).
 */
export async function readJson(c: Context, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  if (!isJson(c)) throw new Problem(415, 'Send the body as application/json.');
  const text = await readLimited(c.req.raw, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Problem(400, 'The body is not valid JSON.');
  }
  checkShape(value, '', 0);
  return value;
}
