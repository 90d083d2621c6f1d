import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A company of its own for each test: its owner, a member, and the owner's draft to read and change. */
async function company() {
  const t = await signUp(h);
  const owner = t.owner;
  const member = (await addMember(h, owner, t.tenant.slug)).browser;
  const draft = async () => {
    const res = await owner.get('/api/config/draft');
    expect(res.status).toBe(200);
    return { bundle: res.body.bundle, etag: res.headers.get('etag')! };
  };
  const save = async (change: (bundle: any) => void, who: Browser = owner) => {
    const { bundle, etag } = await draft();
    change(bundle);
    return who.put('/api/config/draft', bundle, { 'if-match': etag });
  };
  return { owner, member, slug: t.tenant.slug, draft, save };
}

describe('configuration', () => {
  it('starts every tenant at version 1 of the default bundle', async () => {
    const { owner, member } = await company();
    const versions = await owner.get('/api/config/versions');
    expect(versions.body.items).toMatchObject([{ version: 1, current: true }]);
    const config = (await member.get('/api/config')).body;
    expect(config.version).toBe(1);
    expect(Object.keys(config.entities).sort()).toEqual(['account', 'case', 'contact', 'lead', 'opportunity']);
    expect(config.roles).toBeUndefined();
    expect(config.privileges.entities.lead).toEqual({ create: 'all', read: 'own', update: 'own', delete: 'own', assign: 'none' });
  });

  it('saves the draft behind If-Match and refuses a stale one', async () => {
    const { owner, draft } = await company();
    const { bundle, etag } = await draft();
    bundle.entities.lead.label = 'Prospect';
    expect((await owner.put('/api/config/draft', bundle)).status).toBe(428);
    const saved = await owner.put('/api/config/draft', bundle, { 'if-match': etag });
    expect(saved.status).toBe(200);
    expect((await owner.put('/api/config/draft', bundle, { 'if-match': etag })).status).toBe(412);
    const event = (await owner.get('/api/audit?action=config.draft_saved')).body.items[0];
    expect(event.changes.changes).toEqual([{ part: 'entities', key: 'lead', change: 'changed', paths: ['/label'] }]);
  });

  it('refuses an invalid draft with 422 naming each path, and keeps the old one', async () => {
    const { draft, save } = await company();
    const res = await save((b) => {
      b.entities.lead.workflow = 'nope';
      b.entities.lead.form.schema.properties.lastName.type = 'banana';
      delete b.roles.member;
    });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith('/entities/lead/form/schema/properties/lastName'))).toBe(true);
    expect((await draft()).bundle.roles.member).toBeDefined();
  });

  it('reports the diff and impact in a dry run, then publishes a new version that records validate against', async () => {
    const { owner, member, save } = await company();
    const created = await member.post('/api/records/lead', { data: { lastName: 'Keeps' } });
    expect(created.status).toBe(201);
    expect(
      (
        await save((b) => {
          b.entities.lead.form.schema.properties.budget = { type: 'number', 'x-field': 'currency', minimum: 0 };
          b.entities.lead.form.schema.required.push('budget');
        })
      ).status,
    ).toBe(200);
    const dry = await owner.post('/api/config/publish?mode=dry-run');
    expect(dry.status).toBe(200);
    expect(dry.body.changes).toContainEqual(expect.objectContaining({ part: 'entities', key: 'lead', change: 'changed' }));
    expect(dry.body.impact.invalidRecords).toEqual({ lead: 1 });
    expect((await owner.get('/api/config/versions')).body.items).toHaveLength(1);

    const published = await owner.post('/api/config/publish');
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    // The very next request sees version 2.
    const refused = await member.post('/api/records/lead', { data: { lastName: 'No budget' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual({ path: '/data/budget', message: 'is required' });
    const ok = await member.post('/api/records/lead', { data: { lastName: 'Budgeted', budget: 5000 } });
    expect(ok.body.configVersion).toBe(2);
    expect((await member.get(`/api/records/lead/${created.body.id}`)).body.configVersion).toBe(1);
  });

  it('asks where records go when a stage they are in is removed', async () => {
    const { owner, member, save } = await company();
    const opp = await member.post('/api/records/opportunity', { data: { name: 'Deal' } });
    expect(opp.body.stage).toBe('prospecting');
    expect(
      (
        await save((b) => {
          b.pipelines.sales.stages = b.pipelines.sales.stages.filter((s: { key: string }) => s.key !== 'prospecting');
        })
      ).status,
    ).toBe(200);
    const dry = await owner.post('/api/config/publish?mode=dry-run');
    expect(dry.body.impact.orphanedStages).toEqual({ opportunity: { prospecting: 1 } });
    const refused = await owner.post('/api/config/publish', {});
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('/mappings/stages/opportunity/prospecting');
    const bad = await owner.post('/api/config/publish', { mappings: { stages: { opportunity: { prospecting: 'nowhere' } } } });
    expect(bad.status).toBe(422);
    const ok = await owner.post('/api/config/publish', { mappings: { stages: { opportunity: { prospecting: 'qualification' } } } });
    expect(ok.status).toBe(201);
    expect((await member.get(`/api/records/opportunity/${opp.body.id}`)).body.stage).toBe('qualification');
    const [entry] = (await member.get(`/api/records/opportunity/${opp.body.id}/timeline`)).body.items;
    expect(entry).toMatchObject({
      kind: 'remapped',
      part: 'stage',
      from: { key: 'prospecting', label: 'Prospecting' },
      to: { key: 'qualification', label: 'Qualification' },
    });
  });

  it('refuses publishing with nothing changed, and lists versions', async () => {
    const { owner, save } = await company();
    expect((await owner.post('/api/config/publish')).status).toBe(409);
    expect((await save((b) => (b.entities.lead.form.schema.properties.budget = { type: 'number', 'x-field': 'currency' }))).status).toBe(200);
    expect((await owner.post('/api/config/publish')).status).toBe(201);
    expect((await save((b) => (b.entities.lead.label = 'Prospect'))).status).toBe(200);
    expect((await owner.post('/api/config/publish')).status).toBe(201);
    expect((await owner.post('/api/config/publish')).status).toBe(409);
    const versions = (await owner.get('/api/config/versions')).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    // Each says what it changed; the first is where the company started.
    expect(versions.map((v: { changes: unknown[] }) => v.changes)).toEqual([
      [{ part: 'entities', key: 'lead', change: 'changed' }],
      [{ part: 'entities', key: 'lead', change: 'changed' }],
      [],
    ]);
    expect((await owner.get('/api/config/versions/1')).body.bundle.entities.lead.form.schema.properties.budget).toBeUndefined();
  });

  it('lets a role edit only the parts its privileges cover', async () => {
    const { owner, slug, save } = await company();
    const admin = await addMember(h, owner, slug, 'manager', 'Manny Manager');
    expect((await admin.browser.get('/api/config/draft')).status).toBe(403);
    // Give managers configure.pipelines only, then try to change a form with it.
    expect((await save((b) => b.roles.manager.tasks.push('configure.pipelines'))).status).toBe(200);
    expect((await owner.post('/api/config/publish')).status).toBe(201);
    const formChange = await save((b) => (b.entities.lead.label = 'Sneaky'), admin.browser);
    expect(formChange.status).toBe(403);
    const stageChange = await save((b) => (b.pipelines.sales.stages[0].label = 'First look'), admin.browser);
    expect(stageChange.status).toBe(200);
    const grant = await save((b) => b.roles.manager.tasks.push('manage.users'), admin.browser);
    expect(grant.status).toBe(403);
  });

  it('runs form patterns in linear time, and refuses patterns that need backtracking', async () => {
    const { owner, member, save } = await company();
    // Native backtracking would take hours on this input; the test would time out.
    expect((await save((b) => (b.entities.lead.form.schema.properties.company.pattern = '^(a|a)+$'))).status).toBe(200);
    expect((await owner.post('/api/config/publish')).status).toBe(201);
    const slow = await member.post('/api/records/lead', { data: { lastName: 'Regex', company: 'a'.repeat(60) + '!' } });
    expect(slow.status).toBe(422);
    expect(slow.body.errors[0].path).toBe('/data/company');
    expect((await member.post('/api/records/lead', { data: { lastName: 'Regex', company: 'aaaa' } })).status).toBe(201);
    const lookahead = await save((b) => (b.entities.lead.form.schema.properties.company.pattern = '^(?=x).*$'));
    expect(lookahead.status).toBe(422);
    expect(lookahead.body.errors[0].path).toBe('/entities/lead/form/schema');
  });

  it('moves records along when entities gain, lose or switch a workflow or pipeline', async () => {
    const { owner, member, save } = await company();
    const contact = (await member.post('/api/records/contact', { data: { lastName: 'Stateless' } })).body;
    const kase = (await member.post('/api/records/case', { data: { subject: 'Stateful' } })).body;
    const opp = (await member.post('/api/records/opportunity', { data: { name: 'Switcher' } })).body;
    expect(contact.state).toBeUndefined();
    expect(kase.state).toBe('new');
    expect(
      (
        await save((b) => {
          // The case workflow reads case fields (priority), so contacts get a workflow of their own.
          b.workflows.contact = { id: 'contact', initial: 'new', states: { new: { on: { DONE: 'done' } }, done: { type: 'final' } } };
          b.entities.contact.workflow = 'contact';
          delete b.entities.case.workflow;
          // Service levels follow a workflow's states: they go with it.
          delete b.entities.case.serviceLevels;
          b.pipelines.renewals = {
            label: 'Renewals',
            stages: [{ key: 'due', label: 'Due', probability: 50, kind: 'open', requiredFields: [], color: '#2563eb' }],
          };
          b.entities.opportunity.pipeline = 'renewals';
        })
      ).status,
    ).toBe(200);
    const dry = await owner.post('/api/config/publish?mode=dry-run');
    expect(dry.body.impact.orphanedStates).toEqual({});
    const stale = await owner.post('/api/config/publish', {}, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const etag = (await owner.get('/api/config/draft')).headers.get('etag')!;
    const published = await owner.post(
      '/api/config/publish',
      { mappings: { stages: { opportunity: { qualification: 'due', prospecting: 'due' } } } },
      { 'if-match': etag },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect((await member.get(`/api/records/contact/${contact.id}`)).body.state).toBe('new');
    expect((await member.get(`/api/records/case/${kase.id}`)).body.state).toBeUndefined();
    expect((await member.get(`/api/records/opportunity/${opp.id}`)).body).toMatchObject({ pipeline: 'renewals', stage: 'due' });
  });
});
