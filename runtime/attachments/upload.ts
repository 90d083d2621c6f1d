import type { Client } from '@libsql/client';
import type { Context } from 'hono';
import { attachmentLimitsOf, MEGABYTE, type AttachmentLimits } from '../browser-safe/attachment-limits.ts';
import { readBytes } from '../http/body.ts';
import { Problem } from '../http/problem.ts';
import { KIND_WORDS, safeName, sniff, withExtension, type Sniffed } from './sniff.ts';

/** A file as received: its safe name, what its bytes are, the bytes. */
export interface Received {
  name: string;
  sniffed: Sniffed;
  bytes: Uint8Array;
}

/**
 * Uploads are raw bytes under any Content-Type (which is never used): the two upload routes are exempt from the rule
 * that only JSON changes state. Cross-site requests are still refused by the origin check before them.
 */
export function isUpload(method: string, path: string): boolean {
  return method === 'POST' && (path === '/api/attachments' || /^\/api\/records\/[^/]+\/[^/]+\/attachments$/.test(path));
}

/** The company's limits on files. */
export async function tenantLimits(db: Client, tenantId: string): Promise<AttachmentLimits> {
  const row = (await db.execute({ sql: 'SELECT settings FROM tenants WHERE id = ?', args: [tenantId] })).rows[0];
  return attachmentLimitsOf(row ? JSON.parse(String(row.settings)) : undefined);
}

const list = (words: string[]) => (words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/**
 * Reads an upload within the company's limits: the name from `?name=` made safe (422 when nothing is left of it), the
 * body as a stream of at most the size limit (413, nothing kept), and what the bytes are — 415 naming the kinds accepted
 * for anything else (`accepted` lists them for the page to say in the person's language).
 */
export async function receive(c: Context, limits: AttachmentLimits): Promise<Received> {
  const name = safeName(c.req.query('name') ?? '');
  if (!name) throw new Problem(422, 'Give the file a name.', [{ path: '/name', message: 'must name the file' }]);
  const max = limits.maxMegabytes * MEGABYTE;
  const bytes = await readBytes(c.req.raw, max).catch((e: unknown) => {
    if (e instanceof Problem && e.status === 413)
      throw new Problem(413, `The file is larger than ${limits.maxMegabytes} MB, the most this company accepts.`, undefined, {
        maxMegabytes: limits.maxMegabytes,
      });
    throw e;
  });
  if (bytes.byteLength === 0) throw new Problem(422, 'The file is empty.', [{ path: '', message: 'is empty' }]);
  const sniffed = sniff(bytes, name);
  if (!sniffed || !limits.types.includes(sniffed.kind)) {
    const accepted = list(limits.types.map((k) => KIND_WORDS[k]));
    throw new Problem(415, `This kind of file cannot be attached. Accepted are ${accepted}.`, [{ path: '', message: `must be one of: ${accepted}` }], {
      accepted: limits.types,
    });
  }
  return { name: withExtension(name, sniffed), sniffed, bytes };
}
