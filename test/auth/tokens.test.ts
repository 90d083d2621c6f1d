import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, reply, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
let owner: Browser;
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
});
afterAll(() => h.close());

/** A request with only a bearer token: no cookie, as a script sends it. */
async function bearer(token: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return reply(await h.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

describe('API tokens', () => {
  it('are shown once, stored only as a SHA-256 hash, and listed without secrets', async () => {
    // A company of its own: its one token is the one made here.
    const { owner } = await signUp(h);
    const created = await owner.post('/api/tokens', { name: 'CI export' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'CI export',
      access: 'full',
      token: expect.stringMatching(/^crm_[\w-]{43}$/),
      createdAt: expect.any(String),
      expiresAt: null,
    });
    const rows = (await h.db.client.execute('SELECT * FROM api_tokens')).rows;
    expect(JSON.stringify(rows)).not.toContain(created.body.token);
    const row = rows.find((r) => r.id === created.body.id)!;
    expect(row.token_hash).toBe(createHash('sha256').update(created.body.token).digest('base64url'));
    const list = await owner.get('/api/tokens');
    expect(list.body.items).toEqual([
      {
        id: created.body.id,
        name: 'CI export',
        access: 'full',
        createdBy: { id: expect.any(String), name: 'Olive Owner' },
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const event = (await owner.get('/api/audit?action=token.created')).body.items[0];
    expect(event.target).toMatchObject({ type: 'token', id: created.body.id });
  });

  it('act as their creator; revoking makes the next request a 401', async () => {
    const { token, id } = (await owner.post('/api/tokens', { name: 'Revoke me' })).body;
    const me = await bearer(token, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.role.key).toBe('owner');
    expect((await bearer(token, 'GET', '/api/config/export')).status).toBe(200);
    expect((await owner.get('/api/tokens')).body.items.find((t: { id: string }) => t.id === id).lastUsedAt).toEqual(expect.any(String));
    // State-changing requests with a bearer token still need JSON.
    const form = await h.app.request('/api/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(form.status).toBe(415);
    expect((await owner.delete(`/api/tokens/${id}`)).status).toBe(204);
    expectProblem(await bearer(token, 'GET', '/api/me'), 401);
    expect((await owner.get('/api/tokens')).body.items.find((t: { id: string }) => t.id === id).revokedAt).toEqual(expect.any(String));
    expect((await owner.get('/api/audit?action=token.revoked')).body.items[0].target.id).toBe(id);
  });

  it('end at their expiry: the request after it is a 401 saying so', async () => {
    const expiresAt = new Date(h.clock.now + 3_600_000).toISOString();
    const { token, id } = (await owner.post('/api/tokens', { name: 'For an hour', expiresAt })).body;
    expect((await owner.get('/api/tokens')).body.items.find((t: { id: string }) => t.id === id).expiresAt).toBe(expiresAt);
    expect((await bearer(token, 'GET', '/api/me')).status).toBe(200);
    h.clock.now += 3_600_000;
    const expired = await bearer(token, 'GET', '/api/me');
    expectProblem(expired, 401);
    expect(expired.body.detail).toBe('This API token has expired.');
  });

  it('narrowed to reading, read and refuse every change with 403', async () => {
    const { token } = (await owner.post('/api/tokens', { name: 'Dashboard', access: 'read' })).body;
    expect((await bearer(token, 'GET', '/api/records/lead')).status).toBe(200);
    expect((await bearer(token, 'GET', '/api/config/export')).status).toBe(200);
    const refused = await bearer(token, 'POST', '/api/records/lead', { data: { lastName: 'Never', company: 'Written' } });
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe('This API token may only read.');
    expectProblem(await bearer(token, 'POST', '/api/tokens', { name: 'A wider one' }), 403);
    expect((await owner.get('/api/records/lead?q=Never')).body.items).toEqual([]);
  });

  it('narrowed to the configuration, export and import it and reach nothing else', async () => {
    const { token } = (await owner.post('/api/tokens', { name: 'Command line', access: 'config' })).body;
    expect((await bearer(token, 'GET', '/api/me')).status).toBe(200);
    const exported = await bearer(token, 'GET', '/api/config/export');
    expect(exported.status).toBe(200);
    expect((await bearer(token, 'POST', '/api/config/import?dryRun=true', exported.body)).status).toBe(200);
    const refused = await bearer(token, 'GET', '/api/records/lead');
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe('This API token may only export and import the configuration.');
    expectProblem(await bearer(token, 'GET', '/api/tokens'), 403);
  });

  it('refuse a limit that makes no sense, naming the field, and create nothing', async () => {
    const before = (await owner.get('/api/tokens')).body.items.length;
    for (const [body, path, status] of [
      [{ name: 'Past', expiresAt: new Date(h.clock.now - 1000).toISOString() }, '/expiresAt', 422],
      [{ name: 'Not a date', expiresAt: 'next week' }, '/expiresAt', 400],
      [{ name: 'Admin', access: 'admin' }, '/access', 400],
    ] as const) {
      const res = await owner.post('/api/tokens', body);
      expectProblem(res, status);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await owner.get('/api/tokens')).body.items.length).toBe(before);
  });

  it('refuse unknown tokens and malformed headers with 401', async () => {
    expectProblem(await bearer('crm_nope', 'GET', '/api/me'), 401);
    const basic = await h.app.request('/api/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('follow their creator’s current role: demoted → 403 on the next request, deactivated → 401', async () => {
    const second = await addMember(h, owner, slug, 'owner', 'Second Owner');
    const { token } = (await second.browser.post('/api/tokens', { name: 'Second' })).body;
    expect((await bearer(token, 'GET', '/api/config/export')).status).toBe(200);
    expect((await owner.patch(`/api/users/${second.id}`, { role: 'member' })).status).toBe(200);
    expectProblem(await bearer(token, 'GET', '/api/config/export'), 403);
    expectProblem(await bearer(token, 'POST', '/api/tokens', { name: 'more' }), 403);
    expect((await owner.patch(`/api/users/${second.id}`, { active: false })).status).toBe(200);
    expectProblem(await bearer(token, 'GET', '/api/me'), 401);
  });

  it('are managed by owners and manage.users only; only owners revoke other people’s', async () => {
    const member = await addMember(h, owner, slug);
    expectProblem(await member.browser.post('/api/tokens', { name: 'x' }), 403);
    expectProblem(await member.browser.get('/api/tokens'), 403);
    const admin = await addMember(h, owner, slug, 'administrator');
    const mine = await admin.browser.post('/api/tokens', { name: 'Admin token' });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const ownersToken = (await owner.post('/api/tokens', { name: 'Owner token' })).body;
    expectProblem(await admin.browser.delete(`/api/tokens/${ownersToken.id}`), 403);
    expect((await admin.browser.delete(`/api/tokens/${mine.body.id}`)).status).toBe(204);
    expectProblem(await owner.delete('/api/tokens/doesnotexist0000'), 404);
    expectProblem(await owner.post('/api/tokens', { name: '  ' }), 400);
  });

  it('are tenant-bound: a token never reaches another tenant of its creator', async () => {
    const other = await signUp(h);
    const { token } = (await owner.post('/api/tokens', { name: 'Tenant bound' })).body;
    const me = await bearer(token, 'GET', '/api/me');
    expect(me.body.tenant.slug).toBe(slug);
    expect(me.body.tenant.slug).not.toBe(other.tenant.slug);
    expectProblem(await bearer(token, 'GET', `/api/tokens/../../tenant`), 404);
  });
});
