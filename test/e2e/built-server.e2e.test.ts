import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, startServer } from '../support/server.ts';

// The server as `npm start` runs it: the bundle dist/server.js (needs `npm run build` first), under plain Node.
describe('the built server', () => {
  it('finds everything it reads at run time: migrations, the starting configuration, the password list, the schemas, the pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-built-'));
    // Started from another folder: what it reads is found from where it lies, not from where it was started.
    const server = await startServer(`file:${join(dir, 'built.db')}`, {}, { built: true, cwd: dir });
    try {
      const company = { tenantName: 'Built Harbor', name: 'Olive Owner', email: 'olive@built.example' };
      const common = await call(server.url, '', 'POST', '/api/signup', { ...company, password: '123456qwerty' });
      expect(common.status).toBe(422);
      expect(common.body.errors).toEqual([{ path: '/password', message: 'is one of the most common passwords; choose another' }]);

      const signup = await call(server.url, '', 'POST', '/api/signup', { ...company, password: 'Bench-Password-Lantern-7' });
      expect(signup.status, signup.text).toBe(201);
      const cookie = signup.cookie!;
      expect(Object.keys((await call(server.url, cookie, 'GET', '/api/config')).body.entities)).toContain('lead');

      // Saving the draft as it is validates it against the configuration schemas.
      const draft = await fetch(`${server.url}/api/config/draft`, { headers: { cookie } });
      const { bundle } = (await draft.json()) as { bundle: unknown };
      const saved = await call(server.url, cookie, 'PUT', '/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! });
      expect(saved.status, saved.text).toBe(200);

      const page = await call(server.url, cookie, 'GET', '/records/lead');
      expect(page.status).toBe(200);
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
      expect(script, page.text).toBeDefined();
      expect((await call(server.url, cookie, 'GET', script!)).status).toBe(200);
      expect((await call(server.url, cookie, 'GET', '/api/docs')).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
