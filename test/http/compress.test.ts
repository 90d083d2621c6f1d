import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;

beforeAll(async () => {
  h = await startHarness();
  owner = (await signUp(h)).owner;
  for (let i = 0; i < 30; i++)
    expect((await owner.post('/api/records/lead', { data: { lastName: `Compressed ${i}`, company: 'Gzip Harbor' } })).status).toBe(201);
});
afterAll(() => h.close());

const raw = (path: string, headers: Record<string, string> = {}) => h.app.request(path, { headers: { cookie: owner.cookie, ...headers } });

describe('API answers', () => {
  it('travel gzip-compressed to a browser that accepts it, and plain to one that does not', async () => {
    const zipped = await raw('/api/records/lead', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const plain = await raw('/api/records/lead');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    expect(bytes.length).toBeLessThan(text.length / 3);
  });

  it('keep their strong ETag uncompressed, so If-Match still compares it', async () => {
    const id = (await owner.get('/api/records/lead?limit=1')).body.items[0].id;
    const res = await raw(`/api/records/lead/${id}`, { 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('etag')).toMatch(/^"\d+"$/);
  });
});
