import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../runtime/http/openapi.ts';
import { addMember, Browser, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
let doc: any;
let owner: Browser;
let member: Browser;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  member = (await addMember(h, owner, t.tenant.slug)).browser;
  token = (await owner.post('/api/tokens', { name: 'Contract' })).body.token;
  doc = (await new Browser(h).get('/api/openapi.json')).body;
});
afterAll(() => h.close());

/** Every operation of the document: method, path and its operation object. */
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]: [string, any]) => Object.entries(ops).map(([method, op]) => ({ method, path, op: op as any })));
/** A path with a made-up value in each parameter (ids that exist nowhere, so nothing is touched). */
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name) => (name === 'entity' ? 'lead' : name === 'file' ? 'lead.js' : name === 'version' ? '1' : 'zzzzzzzzzzzzzzzz'));

describe('the API document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
  });

  it('documents every route the runtime answers under /api', () => {
    const documented = new Set(operations().map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const routes = new Set(h.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect([...routes].filter((r) => !documented.has(r))).toEqual([]);
    expect(routes.size).toBeGreaterThan(60);
  });

  it('says for each route who may call it, in words and as security', () => {
    for (const { method, path, op } of operations()) {
      expect(op.summary, `${method} ${path}`).toMatch(/\S/);
      expect(op.description, `${method} ${path}`).toMatch(/Anyone may call this|Needs a signed-in person|Needs the task privilege|Owners only/);
      expect(op.security, `${method} ${path}`).toBeDefined();
      expect(op.responses['4XX'], `${method} ${path}`).toBeDefined();
    }
  });
});

describe('every route enforces what the document says it needs', () => {
  const call = (b: Browser, method: string, path: string, headers: Record<string, string> = {}) =>
    b.call(method.toUpperCase(), concrete(path), ['get', 'delete'].includes(method) ? undefined : {}, headers);

  it('refuses a caller without a session (401) wherever it is not public', async () => {
    for (const { method, path, op } of operations()) {
      if (op.security.length === 0) continue;
      expectProblem(await call(new Browser(h), method, path), 401);
    }
  });

  it('refuses a member without the task privilege (403) wherever one is needed', async () => {
    for (const { method, path, op } of operations()) {
      if (!op['x-privileges']) continue;
      const res = await call(member, method, path);
      expectProblem(res, 403);
    }
  });

  it('refuses an API token (403) wherever a session is needed', async () => {
    for (const { method, path, op } of operations()) {
      if (op.security.length !== 1 || !op.security[0].session) continue;
      expectProblem(await call(new Browser(h), method, path, { authorization: `Bearer ${token}` }), 403);
    }
  });
});

describe('the API reference page', () => {
  it('is served under the pages’ strict policy, with its scripts from this origin', async () => {
    const page = await new Browser(h).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.body).toContain('/api/docs/assets/init.js');
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js', 'docs.css']) {
      const res = await new Browser(h).get(`/api/docs/assets/${file}`);
      expect(res.status, file).toBe(200);
    }
    expectProblem(await new Browser(h).get('/api/docs/assets/..%2Fpackage.json'), 404);
  });
});
