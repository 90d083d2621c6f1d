import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, publishChange, signUp, startHarness, type Harness } from '../support/harness.ts';
import { dumpDb } from '../support/db-dump.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function exported(b: Browser) {
  const res = await b.get('/api/config/export');
  expect(res.status).toBe(200);
  return res;
}

const withoutMeta = (text: string) => JSON.stringify({ ...JSON.parse(text), meta: undefined });

/** A company to export from and one to import into, of their own for each test. */
const companies = async () => ({ source: await signUp(h), target: await signUp(h) });

/** The source's change that the import tests carry over: a renamed entity and a new pipeline. */
const publishSourceChange = (source: { owner: Browser }) =>
  publishChange(source.owner, (b) => {
    b.entities.lead.label = 'Prospect';
    b.pipelines.support = {
      label: 'Support',
      stages: [{ key: 'triage', label: 'Triage', probability: 10, kind: 'open', requiredFields: [], color: '#2563eb' }],
    };
  });

describe('export', () => {
  it('downloads the published configuration as canonical JSON, byte-identical apart from meta', async () => {
    const { source } = await companies();
    const first = await exported(source.owner);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="crm-studio-${source.tenant.slug}-v1.json"`);
    expect(first.body.meta).toEqual({ sourceTenant: source.tenant.slug, sourceVersion: 1, exportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    h.clock.now += 1000;
    const raw = async () =>
      (await h.app.request('/api/config/export', { headers: { cookie: source.owner.cookie, 'x-forwarded-for': source.owner.address } })).text();
    const [a, b] = [await raw(), await raw()];
    expect(withoutMeta(a)).toBe(withoutMeta(b));
    expect(a.replace(/"exportedAt": "[^"]*"/, '')).toBe(b.replace(/"exportedAt": "[^"]*"/, ''));
    // Sorted keys at every level: re-serialising with sorted keys gives the same text.
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as any)[k])]),
            )
          : v;
    expect(a).toBe(JSON.stringify(sorted(JSON.parse(a)), null, 2) + '\n');
  });

  it('carries no database ids, user ids or secrets', async () => {
    const { source } = await companies();
    const member = await addMember(h, source.owner, source.tenant.slug);
    await member.browser.post('/api/records/lead', { data: { lastName: 'Secretive' } });
    const text = JSON.stringify((await exported(source.owner)).body);
    const ids: string[] = [];
    for (const sql of [
      'SELECT id FROM users',
      'SELECT id FROM tenants',
      'SELECT id FROM records',
      'SELECT password_hash AS id FROM users',
      'SELECT id_hash AS id FROM sessions',
    ]) {
      ids.push(...(await h.db.client.execute(sql)).rows.map((r) => String(r.id)));
    }
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/@example\.com|argon2|password/i);
  });

  it('is refused without config.export', async () => {
    const { source } = await companies();
    const member = await addMember(h, source.owner, source.tenant.slug);
    expectProblem(await member.browser.get('/api/config/export'), 403);
    expectProblem(await new Browser(h).get('/api/config/export'), 401);
  });

  it('lets a role holding only config.export or config.import read the published versions (for rollback); others get 403', async () => {
    const t = await signUp(h);
    await publishChange(t.owner, (b) => {
      b.roles.porter = { label: 'Porter', entities: {}, tasks: ['config.import'] };
    });
    const porter = await addMember(h, t.owner, t.tenant.slug, 'porter');
    const member = await addMember(h, t.owner, t.tenant.slug, 'member');
    expect((await porter.browser.get('/api/config/versions')).body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await porter.browser.get('/api/config/versions/1')).body.bundle.roles.porter).toBeUndefined();
    expectProblem(await member.browser.get('/api/config/versions'), 403);
    expectProblem(await member.browser.get('/api/config/versions/1'), 403);
    expectProblem(await porter.browser.get('/api/config/draft'), 403);
  });
});

describe('import', () => {
  it('dry-runs an export as-is: diff, impact, nothing written', async () => {
    const { source, target } = await companies();
    await publishSourceChange(source);
    const doc = (await exported(source.owner)).body;
    const before = await dumpDb(h.db.client);
    const dry = await target.owner.post('/api/config/import?mode=dry-run', doc);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ fromVersion: 1, strategy: 'merge', problems: [], removedByReplace: [] });
    expect(dry.body.changes).toEqual([
      { part: 'entities', key: 'lead', change: 'changed', paths: ['/label'] },
      { part: 'pipelines', key: 'support', change: 'added' },
    ]);
    expect(await dumpDb(h.db.client)).toEqual(before);
  });

  it('applies atomically as the next version, updates the draft and audits it; the same import again is a 409', async () => {
    const { source, target } = await companies();
    await publishSourceChange(source);
    const doc = (await exported(source.owner)).body;
    const applied = await target.owner.post('/api/config/import?mode=apply', doc);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.version).toBe(2);
    expect((await target.owner.get('/api/config')).body.entities.lead.label).toBe('Prospect');
    expect((await target.owner.get('/api/config/draft')).body.bundle.pipelines.support.label).toBe('Support');
    const event = (await target.owner.get('/api/audit?action=config.imported')).body.items[0];
    expect(event.changes).toMatchObject({ strategy: 'merge', source: { sourceTenant: source.tenant.slug, sourceVersion: 2 } });
    expectProblem(await target.owner.post('/api/config/import?mode=apply', doc), 409);
  });

  it('merge keeps what the bundle lacks; replace removes it and says so in the dry run', async () => {
    const { source, target } = await companies();
    await publishChange(target.owner, (b) => {
      b.pipelines.renewals = { label: 'Renewals', stages: [{ key: 'due', label: 'Due', probability: 50, kind: 'open', requiredFields: [], color: '#16a34a' }] };
      b.roles.auditor = { label: 'Auditor', entities: {}, tasks: ['audit.view'] };
    });
    const doc = (await exported(source.owner)).body;
    doc.bundle.entities.lead.label = 'Lead again';
    const merge = await target.owner.post('/api/config/import?mode=dry-run&strategy=merge', doc);
    expect(merge.body.changes).toEqual([{ part: 'entities', key: 'lead', change: 'changed', paths: ['/label'] }]);
    const replace = await target.owner.post('/api/config/import?mode=dry-run&strategy=replace', doc);
    expect(replace.body.removedByReplace).toEqual([
      { part: 'pipelines', key: 'renewals' },
      { part: 'roles', key: 'auditor' },
    ]);
    expect(replace.body.changes).toContainEqual({ part: 'roles', key: 'auditor', change: 'removed' });
    const applied = await target.owner.post('/api/config/import?mode=apply&strategy=replace', doc);
    expect(applied.status).toBe(201);
    const draft = (await target.owner.get('/api/config/draft')).body.bundle;
    expect(draft.pipelines.renewals).toBeUndefined();
    expect(draft.roles.auditor).toBeUndefined();
  });

  it('refuses to replace away a role people still hold (422 at the role, nothing written)', async () => {
    const { source, target } = await companies();
    await publishChange(target.owner, (b) => (b.roles.auditor = { label: 'Auditor', entities: {}, tasks: ['audit.view'] }));
    await addMember(h, target.owner, target.tenant.slug, 'auditor');
    const doc = (await exported(source.owner)).body;
    const dry = await target.owner.post('/api/config/import?mode=dry-run&strategy=replace', doc);
    expect(dry.body.problems).toContainEqual({ path: '/bundle/roles/auditor', message: expect.stringContaining('1 person holds this role') });
    const before = await dumpDb(h.db.client);
    const refused = await target.owner.post('/api/config/import?mode=apply&strategy=replace', doc);
    expectProblem(refused, 422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('/bundle/roles/auditor');
    expect(await dumpDb(h.db.client)).toEqual(before);
    // Merge keeps the role, so the same file imports.
    expect((await target.owner.post('/api/config/import?mode=dry-run', doc)).body.problems).toEqual([]);
  });

  it('refuses records in removed stages without mappings (422, nothing written), then applies with them', async () => {
    const { source, target } = await companies();
    const opp = await target.owner.post('/api/records/opportunity', { data: { name: 'Deal' } });
    expect(opp.body.stage).toBe('prospecting');
    const doc = (await exported(source.owner)).body;
    doc.bundle.pipelines.sales.stages = doc.bundle.pipelines.sales.stages.filter((s: { key: string }) => s.key !== 'prospecting');
    const dry = await target.owner.post('/api/config/import?mode=dry-run', doc);
    expect(dry.body.impact.orphanedStages).toEqual({ opportunity: { prospecting: 1 } });
    expect(dry.body.problems.map((p: { path: string }) => p.path)).toEqual(['/mappings/stages/opportunity/prospecting']);
    const before = await dumpDb(h.db.client);
    const refused = await target.owner.post('/api/config/import?mode=apply', doc);
    expectProblem(refused, 422);
    expect(refused.body.errors[0].path).toBe('/mappings/stages/opportunity/prospecting');
    expect(await dumpDb(h.db.client)).toEqual(before);
    const ok = await target.owner.post('/api/config/import?mode=apply', { ...doc, mappings: { stages: { opportunity: { prospecting: 'qualification' } } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await target.owner.get(`/api/records/opportunity/${opp.body.id}`)).body.stage).toBe('qualification');
  });

  it('needs config.import and the privileges of the parts it changes', async () => {
    const { source, target } = await companies();
    const manager = await addMember(h, target.owner, target.tenant.slug, 'manager');
    const doc = (await exported(source.owner)).body;
    expectProblem(await manager.browser.post('/api/config/import?mode=dry-run', doc), 403);
    await publishChange(target.owner, (b) => b.roles.manager.tasks.push('config.import', 'configure.pipelines'));
    doc.bundle.entities.lead.label = 'Changed by a manager';
    const refused = await manager.browser.post('/api/config/import?mode=dry-run', doc);
    expectProblem(refused, 403);
    expect(refused.body.detail).toContain('configure.forms');
  });

  it('refuses bad query values with 400 naming them', async () => {
    const { target } = await companies();
    const res = await target.owner.post('/api/config/import?mode=yes', {});
    expectProblem(res, 400);
    expect(res.body.errors[0].path).toBe('/mode');
    expect((await target.owner.post('/api/config/import?strategy=all', {})).body.errors[0].path).toBe('/strategy');
  });
});
