import { reply, type Browser, type Reply } from './harness.ts';

/** Sends any body (text, form data, a stream) as `b`'s browser, without the JSON encoding Browser applies. */
export async function send(b: Browser, method: string, path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Reply> {
  const init = { method, body, duplex: 'half', headers: { 'x-forwarded-for': b.address, ...(b.cookie ? { cookie: b.cookie } : {}), ...headers } };
  return reply(await b.h.app.request(path, init as RequestInit));
}
