import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { dumpDb } from '../support/db-dump.ts';
import { expectProblem } from '../support/problem.ts';
import { send } from '../support/raw.ts';
import type { Reply } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let exportText: string;
let other: { userId: string; recordId: string };

beforeAll(async () => {
  h = await startHarness();
  owner = (await signUp(h)).owner;
  exportText = await (await h.app.request('/api/config/export', { headers: { cookie: owner.cookie } })).text();
  // Another tenant with a person and a record: their ids must never be accepted in a bundle.
  const foreign = await signUp(h);
  const rep = await addMember(h, foreign.owner, foreign.tenant.slug);
  other = { userId: rep.id, recordId: (await rep.browser.post('/api/records/lead', { data: { lastName: 'Foreign' } })).body.id };
});
afterAll(() => h.close());

const doc = () => JSON.parse(exportText);
const IMPORT = '/api/config/import?mode=apply';

/** Sends `body` to the import (as given: text stays text), and checks the status, the first path and that nothing was written. */
async function refused(body: unknown, status: number, path?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const before = await dumpDb(h.db.client);
  const res =
    typeof body === 'string' || body instanceof ReadableStream
      ? await send(owner, 'POST', IMPORT, body as BodyInit, { 'content-type': 'application/json', ...headers })
      : await owner.post(IMPORT, body, headers);
  expectProblem(res, status);
  if (path !== undefined) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  expect(await dumpDb(h.db.client)).toEqual(before);
  return res;
}

describe('hostile and broken bundles: refused, with the path, and nothing written', () => {
  it('invalid JSON', async () => {
    const res = await refused('{"bundle": {"format": "crm-studio/config", "formatVersion": 1,, }}', 400, '/bundle');
    expect(res.body.errors[0].message).toMatch(/unexpected "," at character \d+/);
    await refused('{"bundle": {"format": tru', 400, '/bundle/format');
  });

  it('unknown and newer format versions', async () => {
    const newer = doc();
    newer.bundle.formatVersion = 7;
    const res = await refused(newer, 422, '/bundle/formatVersion');
    expect(res.body.detail).toContain('newer than this crm-studio understands');
    const older = doc();
    older.bundle.formatVersion = 0;
    await refused(older, 422, '/bundle/formatVersion');
    const foreign = doc();
    foreign.bundle.format = 'someone-else/config';
    await refused(foreign, 422, '/bundle/format');
  });

  it('duplicate object keys, detected while parsing', async () => {
    const text = exportText.replace('"entities": {', '"entities": {\n"lead": {"label": "Shadowed"},');
    const res = await refused(text, 400, '/bundle/entities/lead');
    expect(res.body.errors[0].message).toBe('is a duplicate key');
  });

  it('duplicate stable keys: two stages with one key', async () => {
    const d = doc();
    d.bundle.pipelines.sales.stages[1].key = d.bundle.pipelines.sales.stages[0].key;
    await refused(d, 422, '/bundle/pipelines/sales/stages/1/key');
  });

  it('dangling references', async () => {
    const d = doc();
    d.bundle.entities.lead.workflow = 'nowhere';
    d.bundle.roles.member.entities.ghost = { create: 'all', read: 'all', update: 'all', delete: 'all', assign: 'none' };
    const res = await refused(d, 422, '/bundle/entities/lead/workflow');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('/bundle/roles/member/entities/ghost');
  });

  it('oversized bodies, with Content-Length and chunked without it', async () => {
    const big = JSON.stringify({ bundle: doc().bundle, pad: 'x'.repeat(5 * 1024 * 1024) });
    await refused(big, 413, undefined, { 'content-length': String(Buffer.byteLength(big)) });
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"bundle": "'));
        // Far beyond the limit: the server must stop reading, not buffer all of it.
        if (sent++ > 2000) return controller.close();
        controller.enqueue(chunk);
      },
    });
    await refused(stream, 413);
    expect(sent).toBeLessThan(200);
  });

  it('deep nesting', async () => {
    const text = `{"bundle": {"format": "crm-studio/config", "x": ${'['.repeat(100)}${']'.repeat(100)}}}`;
    const res = await refused(text, 400);
    expect(res.body.errors[0].path).toMatch(/^\/bundle\/x(\/0)+$/);
    expect(res.body.errors[0].message).toContain('deeper than 64');
  });

  it('__proto__, constructor and prototype keys anywhere', async () => {
    await refused(exportText.replace('"entities": {', '"entities": {"__proto__": {"polluted": true},'), 400, '/bundle/entities/__proto__');
    await refused(exportText.replace('"roles": {', '"roles": {"x": {"constructor": {}},'), 400, '/bundle/roles/x/constructor');
    await refused('{"bundle": {}, "mappings": {"prototype": {}}}', 400, '/mappings/prototype');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('database or user ids of another tenant', async () => {
    const d = doc();
    d.bundle.entities.lead.label = other.userId;
    d.bundle.entities.lead.form.schema.properties.company.default = other.recordId;
    const res = await refused(d, 422, '/bundle/entities/lead/label');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      '/bundle/entities/lead/form/schema/properties/company/default',
      '/bundle/entities/lead/label',
    ]);
  });

  it('regular expressions with catastrophic backtracking in form patterns', async () => {
    const d = doc();
    d.bundle.entities.lead.form.schema.properties.company.pattern = '(a+)+$';
    await refused(d, 422, '/bundle/entities/lead/form/schema/properties/company/pattern');
  });

  it('unknown keys in the body and bodies that are not JSON', async () => {
    await refused({ ...doc(), extra: true }, 400, '/extra');
    const before = await dumpDb(h.db.client);
    expectProblem(await send(owner, 'POST', IMPORT, exportText, { 'content-type': 'text/plain' }), 415);
    expect(await dumpDb(h.db.client)).toEqual(before);
  });
});

describe('labels carrying HTML or script', () => {
  it('are stored and served as text: unchanged through import and export, always as JSON', async () => {
    const html = '<img src=x onerror="alert(1)"><script>alert("x")</script> & <b>Lead</b>';
    const d = doc();
    d.bundle.entities.lead.label = html;
    d.bundle.pipelines.sales.stages[0].label = `</script>${html}`;
    d.bundle.entities.lead.i18n.de['entity.label'] = html;
    const applied = await owner.post(IMPORT, d);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const config = await owner.get('/api/config');
    expect(config.headers.get('content-type')).toMatch(/^application\/json/);
    expect(config.body.entities.lead.label).toBe(html);
    const exported = await owner.get('/api/config/export');
    expect(exported.headers.get('content-type')).toMatch(/^application\/json/);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(exported.headers.get('x-content-type-options')).toBe('nosniff');
    expect(exported.body.bundle.entities.lead.label).toBe(html);
    expect(exported.body.bundle.pipelines.sales.stages[0].label).toBe(`</script>${html}`);
    expect(exported.body.bundle.entities.lead.i18n.de['entity.label']).toBe(html);
  });
});
