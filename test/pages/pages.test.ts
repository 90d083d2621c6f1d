import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../runtime/app.ts';
import { TEST_HASH_COST, startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await startHarness();
  const root = mkdtempSync(join(tmpdir(), 'crm-pages-'));
  for (const [file, text] of [
    ['runtime/web/workspace/index.html', '<html>workspace</html>'],
    ['studio/index.html', '<html>studio</html>'],
    ['assets/workspace-abc.js', 'console.log(1)'],
  ] as const) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  app = createApp({ db: h.db, hashCost: TEST_HASH_COST, now: Date.now, secretKey: randomBytes(32).toString('base64url'), trustProxy: false, webRoot: root });
});
afterAll(() => h.close());

describe('the front ends', () => {
  it.each([
    ['/', 'workspace'],
    ['/records/lead/abc', 'workspace'],
    ['/login?next=%2F', 'workspace'],
    ['/studio', 'studio'],
    ['/studio/forms/lead', 'studio'],
  ])('%s is the %s page, under a strict Content-Security-Policy', async (path, page) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(page);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets for a year, and a missing one as 404, not as a page', async () => {
    const found = await app.request('/assets/workspace-abc.js');
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(found.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/gone-123.js')).status).toBe(404);
    expect((await app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('leaves unknown API addresses to the API: problem details, not a page', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
