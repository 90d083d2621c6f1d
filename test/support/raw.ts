import type { Browser, Reply } from './harness.ts';

/** Sends any body (text, form data, a stream) as `b`'s browser, without the JSON encoding Browser applies. */
export async function send(b: Browser, method: string, path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Reply> {
  const init = { method, body, duplex: 'half', headers: { 'x-forwarded-for': b.address, ...(b.cookie ? { cookie: b.cookie } : {}), ...headers } };
  const res = await b.h.app.request(path, init as RequestInit);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
