import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { PROOF_BITS } from '../../runtime/browser-safe/public-forms.ts';
import { publishChange, reply, type Browser, type Harness, type Reply } from '../support/harness.ts';

/** A web visitor of public forms over HTTP: no session, their own address, a browser's form posts. */

/** A lead form as an owner would set one up; `change` adjusts it. */
export function leadForm(change: (form: any) => void = () => undefined) {
  const form = {
    entity: 'lead',
    fields: ['firstName', 'lastName', 'company', 'email', 'phone', 'estimatedValue', 'description'],
    labels: { description: { en: 'How can we help?', de: 'Wie können wir helfen?' } },
    title: { en: 'Talk to sales', de: 'Sprechen Sie mit dem Vertrieb', fr: 'Parlez aux ventes', es: 'Hable con ventas' },
    intro: { en: 'We answer within a day.', de: 'Wir antworten innerhalb eines Tages.', fr: 'Nous répondons sous un jour.', es: 'Respondemos en un día.' },
    thankYou: { en: 'Thank you, we will call you.', de: 'Danke, wir rufen Sie an.', fr: 'Merci, nous vous appellerons.', es: 'Gracias, le llamaremos.' },
    allowedSites: ['https://www.example.com'],
    active: true,
  };
  change(form);
  return form;
}

/** Adds (or replaces) public form `key` in the draft and publishes it, as an owner would in the studio. */
export const publishForm = (owner: Browser, key: string, form: unknown) => publishChange(owner, (b) => ((b.publicForms ??= {})[key] = form));

/** A response of a public page: status, headers and the HTML as text. */
export async function fetchPage(h: Harness, path: string, init: RequestInit = {}): Promise<Reply & { html: string }> {
  const res = reply(await h.app.request(path, init));
  const r = await res;
  return { ...r, html: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
}

/** The token a form page carries. */
export function tokenOf(html: string): string {
  const m = /name="_token" value="([^"]+)"/.exec(html);
  expect(m, 'the page carries a token').not.toBeNull();
  return m![1]!;
}

/** A nonce such that SHA-256(token + nonce) starts with PROOF_BITS zero bits, found as the page's script finds it. */
export function proofFor(token: string, bits = PROOF_BITS): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    const hash = createHash('sha256')
      .update(token + nonce)
      .digest();
    if (hash.readUInt32BE(0) >>> (32 - bits) === 0) return nonce;
  }
}

export interface Visit {
  address?: string;
  /** Sent as the browser sends a plain HTML form (default), or as JSON. */
  json?: boolean;
  headers?: Record<string, string>;
}

/** Sends values to a public form, URL-encoded as a browser does (several values of one name for multi-selects). */
export async function send(h: Harness, path: string, values: Record<string, string | string[]>, visit: Visit = {}) {
  const body = visit.json
    ? JSON.stringify(values)
    : new URLSearchParams(Object.entries(values).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x]))).toString();
  return fetchPage(h, path, {
    method: 'POST',
    body,
    headers: {
      'content-type': visit.json ? 'application/json' : 'application/x-www-form-urlencoded',
      'x-forwarded-for': visit.address ?? '203.0.113.10',
      ...visit.headers,
    },
  });
}

/** Opens a form page as a visitor, waits as a person would (the harness clock moves 5 s) and sends `values` with its token. */
export async function fillIn(h: Harness, path: string, values: Record<string, string | string[]>, visit: Visit & { proof?: boolean } = {}) {
  const page = await fetchPage(h, path, { headers: { 'x-forwarded-for': visit.address ?? '203.0.113.10' } });
  expect(page.status).toBe(200);
  const token = tokenOf(page.html);
  h.clock.now += 5000;
  return send(h, path, { _token: token, ...(visit.proof ? { _proof: proofFor(token) } : {}), ...values }, visit);
}

/** How many records of a kind the owner sees. */
export const countOf = async (owner: Browser, entity = 'lead') => (await owner.get(`/api/records/${entity}?count=true&limit=1`)).body.total as number;

/** The counts of one form over the stats route, summed over days. */
export async function statsOf(owner: Browser, form: string) {
  const res = await owner.get('/api/public-forms/stats');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const days = (res.body.items as { form: string; accepted: number; refused: Record<string, number> }[]).filter((d) => d.form === form);
  const refused: Record<string, number> = {};
  for (const d of days) for (const [k, n] of Object.entries(d.refused)) if (n) refused[k] = (refused[k] ?? 0) + n;
  return { accepted: days.reduce((s, d) => s + d.accepted, 0), refused };
}
