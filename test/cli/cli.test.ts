import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { dumpDb } from '../support/db-dump.ts';
import { signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let env: Record<string, string>;
let a: { owner: Browser; tenant: { slug: string } };
/** A's configuration, exported through the API: what the import tests bring into other companies. */
let bundleFile: string;
const file = (name: string) => join(h.dir, name);
/** A company of the shipped configuration with an opportunity in the stage A's configuration removes. */
const target = async () => {
  const b = await signUp(h);
  expect((await b.owner.post('/api/records/opportunity', { data: { name: 'In prospecting' } })).body.stage).toBe('prospecting');
  return b;
};

beforeAll(async () => {
  h = await startHarness();
  env = { DATABASE_URL: `file:${join(h.dir, 'crm.db')}` };
  a = await signUp(h);
  const draft = await a.owner.get('/api/config/draft');
  draft.body.bundle.entities.lead.label = 'Prospect';
  draft.body.bundle.pipelines.sales.stages = draft.body.bundle.pipelines.sales.stages.filter((s: { key: string }) => s.key !== 'prospecting');
  await a.owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! });
  expect((await a.owner.post('/api/config/publish')).status).toBe(201);
  bundleFile = file('a.json');
  writeFileSync(bundleFile, await (await h.app.request('/api/config/export', { headers: { cookie: a.owner.cookie } })).text());
});
afterAll(() => h.close());

describe('crm-studio on the database', () => {
  it('prints help with the exit codes, and refuses wrong command lines with 1', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect((await cli(['export', '--tenant', 'x', '--bogus'])).code).toBe(1);
    const missing = await cli(['export'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('needs --tenant');
    expect((await cli(['import', 'f.json', '--tenant', 'x', '--map', 'nonsense'], env)).code).toBe(1);
    expect((await cli(['import', 'f.json', '--tenant', 'x', '--dry-run', '--apply'], env)).code).toBe(1);
  });

  it('exports to a file and to standard output, the same canonical text as the API', async () => {
    const out = file('exported.json');
    const run = await cli(['export', '--tenant', a.tenant.slug, '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Exported ${a.tenant.slug} (configuration version 2)`);
    const api = await (await h.app.request('/api/config/export', { headers: { cookie: a.owner.cookie } })).text();
    const strip = (t: string) => t.replace(/"exportedAt": "[^"]*"/, '');
    expect(strip(readFileSync(out, 'utf8'))).toBe(strip(api));
    expect(strip((await cli(['export', '--tenant', a.tenant.slug], env)).stdout)).toBe(strip(api));
  });

  it('dry-runs with a human-readable diff, writes nothing, and exits 2 while mappings are missing', async () => {
    const b = await target();
    const before = await dumpDb(h.db.client);
    const run = await cli(['import', bundleFile, '--tenant', b.tenant.slug], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toContain(`Import into ${b.tenant.slug} (strategy merge)`);
    expect(run.stdout).toContain('~ entities/lead: /label');
    expect(run.stdout).toContain('~ pipelines/sales: /stages');
    expect(run.stdout).toContain('opportunity: 1 record(s) in stage "prospecting", which the import removes');
    expect(run.stdout).toContain('→ --map stages.opportunity.prospecting=<new stage>');
    expect(run.stdout).toContain('Nothing was written');
    expect(await dumpDb(h.db.client)).toEqual(before);
  });

  it('answers --json for machines', async () => {
    const b = await target();
    const run = await cli(['import', bundleFile, '--tenant', b.tenant.slug, '--map', 'stages.opportunity.prospecting=qualification', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ strategy: 'merge', fromVersion: 1, problems: [], removedByReplace: [] });
    expect(report.changes.map((c: { key: string }) => c.key)).toEqual(['lead', 'sales']);
  });

  it('refuses --apply without mappings (2, nothing written), then applies with --map', async () => {
    const b = await target();
    const before = await dumpDb(h.db.client);
    const refused = await cli(['import', bundleFile, '--tenant', b.tenant.slug, '--apply', '--json'], env);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).errors[0].path).toBe('/mappings/stages/opportunity/prospecting');
    expect(await dumpDb(h.db.client)).toEqual(before);
    const applied = await cli(['import', bundleFile, '--tenant', b.tenant.slug, '--apply', '--map', 'stages.opportunity.prospecting=qualification'], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Applied: published as configuration version 2.');
    expect((await b.owner.get('/api/config')).body.entities.lead.label).toBe('Prospect');
    const event = (await b.owner.get('/api/audit?action=config.imported')).body.items[0];
    expect(event.actor).toBeNull();
    const again = await cli(['import', bundleFile, '--tenant', b.tenant.slug, '--apply'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('nothing to import');
  });

  it('exits 2 for hostile files and unknown tenants, 3 for unreadable files and databases', async () => {
    const b = await target();
    writeFileSync(file('dup.json'), '{"bundle": {"format": "crm-studio/config", "format": "x"}}');
    const dup = await cli(['import', file('dup.json'), '--tenant', b.tenant.slug], env);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('/bundle/format: is a duplicate key');
    const unknown = await cli(['export', '--tenant', 'no-such-tenant'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no tenant "no-such-tenant"');
    expect((await cli(['import', file('missing.json'), '--tenant', b.tenant.slug], env)).code).toBe(3);
    const dbDir = await cli(['export', '--tenant', 'x'], { DATABASE_URL: `file:${h.dir}` });
    expect(dbDir.code).toBe(3);
    expect((await cli(['export', '--tenant', a.tenant.slug, '--out', join(h.dir, 'no', 'such', 'dir.json')], env)).code).toBe(3);
  });
});
