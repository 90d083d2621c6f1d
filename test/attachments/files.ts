import { crc32, deflateSync } from 'node:zlib';
import { reply, type Browser, type Harness, type Reply } from '../support/harness.ts';

/** Files as people send them, made in the test: a real PNG, a PDF, and things that must be refused. */

/** A real PNG of one colour. */
export function png(width: number, height: number, rgb: [number, number, number] = [30, 120, 200]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A PDF of about `size` bytes. */
export function pdf(size = 200): Buffer {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n';
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.from(head + '%'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
}

/** A Windows program's first bytes. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(120)]);
export const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
/** An (empty) ZIP archive: the container of Word, Excel and PowerPoint files too. */
export const ZIP = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
export const OLE = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

/** Sends `bytes` as the body of an upload (`query` with the file's name), as the person `who`. */
export async function upload(h: Harness, who: Browser, path: string, bytes: Uint8Array, query: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await h.app.request(`${path}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'x-forwarded-for': who.address, cookie: who.cookie, 'content-type': 'application/octet-stream', ...headers },
    body: new Uint8Array(bytes),
  });
  return reply(res);
}

/** Downloads a file as `who`: the reply, with the bytes when it is one. */
export async function download(h: Harness, who: Browser, id: string): Promise<Reply & { bytes: Buffer }> {
  const res = await h.app.request(`/api/attachments/${id}`, { headers: { 'x-forwarded-for': who.address, cookie: who.cookie } });
  const bytes = Buffer.from(await res.clone().arrayBuffer());
  return { ...(await reply(res)), bytes };
}

/** How many files and parts of files the database holds. */
export async function stored(h: Harness): Promise<{ files: number; parts: number }> {
  const files = Number((await h.db.client.execute('SELECT count(*) AS n FROM attachments')).rows[0]!.n);
  const parts = Number((await h.db.client.execute('SELECT count(*) AS n FROM attachment_contents')).rows[0]!.n);
  return { files, parts };
}
