import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { startServer, type ServerProcess } from '../support/server.ts';
import { PASSWORD } from '../support/harness.ts';

let dir: string;
let server: ServerProcess;
let token: string;
let slug: string;

/** Signs a tenant up on the server process; returns its slug and the owner's session cookie. */
async function signUp(n: number) {
  const res = await fetch(`${server.url}/api/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantName: `Remote ${n}`, name: 'Rita Remote', email: `remote${n}@example.com`, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return { slug: (await res.json()).tenant.slug as string, cookie: res.headers.getSetCookie()[0]!.split(';')[0]! };
}

/** Signs tenant n up and has its owner make an API token; returns its slug and the token. */
async function tenantWithToken(n: number) {
  const owner = await signUp(n);
  const created = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: { cookie: owner.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'cli' }),
  });
  expect(created.status).toBe(201);
  return { slug: owner.slug, token: (await created.json()).token as string };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-cli-remote-'));
  server = await startServer(`file:${join(dir, 'crm.db')}`);
  ({ slug, token } = await tenantWithToken(1));
}, 30_000);
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crm-studio against a running runtime', () => {
  it('exports with --url and --token', async () => {
    const out = join(dir, 'export.json');
    const run = await cli(['export', '--url', server.url, '--token', token, '--tenant', slug, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.meta).toMatchObject({ sourceTenant: slug, sourceVersion: 1 });
  });

  it('dry-runs and applies an import with the token from CRM_STUDIO_TOKEN', async () => {
    // A tenant of its own, exported here: applying moves it to version 2, and the export test expects the shared one at 1.
    const own = await tenantWithToken(2);
    const exported = await fetch(`${server.url}/api/config/export`, { headers: { authorization: `Bearer ${own.token}` } });
    expect(exported.status).toBe(200);
    const doc = await exported.json();
    doc.bundle.entities.case.label = 'Ticket';
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(doc));
    const dry = await cli(['import', join(dir, 'changed.json'), '--url', server.url], { CRM_STUDIO_TOKEN: own.token });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('~ entities/case: /label');
    const applied = await cli(['import', join(dir, 'changed.json'), '--url', server.url, '--apply', '--json'], { CRM_STUDIO_TOKEN: own.token });
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ version: 2, changes: [{ part: 'entities', key: 'case', change: 'changed' }] });
  });

  it('refuses an oversized import sent chunked, without Content-Length, over real HTTP (413)', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 400) return controller.close();
        controller.enqueue(new TextEncoder().encode(sent === 1 ? '{"bundle": "' : 'x'.repeat(64 * 1024)));
      },
    });
    const res = await fetch(`${server.url}/api/config/import?mode=apply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${server.url}/api/config/export`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('exits 2 when the runtime refuses (bad token, other tenant), 3 when it cannot be reached', async () => {
    const bad = await cli(['export', '--url', server.url, '--token', 'crm_wrong']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown or revoked');
    const other = await cli(['export', '--url', server.url, '--token', token, '--tenant', 'someone-else']);
    expect(other.code).toBe(2);
    // Port 1 (tcpmux) is closed on any machine that runs this.
    const closed = await cli(['export', '--url', 'http://127.0.0.1:1', '--token', token]);
    expect(closed.code).toBe(3);
    expect(closed.stderr).toContain('cannot reach');
    expect((await cli(['export', '--url', server.url])).code).toBe(1);
  });
});
