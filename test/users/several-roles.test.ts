import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** A person holding several roles: privileges are the union, on the very next request, everywhere a role is asked about. */
let h: Harness;
let owner: Browser;
let slug = '';

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  slug = company.tenant.slug;
  await publishChange(owner, (b) => {
    // Reads every lead but not their email; a second role reads the email but only of their own leads.
    b.roles.lead_reader = {
      label: 'Lead reader',
      entities: { lead: { create: 'none', read: 'all', update: 'none', delete: 'none', assign: 'none', fields: { email: 'hidden', phone: 'hidden' } } },
      tasks: ['reports.view'],
    };
    b.roles.lead_keeper = {
      label: 'Lead keeper',
      entities: { lead: { create: 'all', read: 'own', update: 'own', delete: 'none', assign: 'none', fields: { phone: 'readonly' } } },
      tasks: [],
    };
    b.roles.people_admin = {
      label: 'People admin',
      entities: { lead: { create: 'none', read: 'own', update: 'none', delete: 'none', assign: 'none' } },
      tasks: ['manage.users'],
    };
  });
}, 60_000);
afterAll(() => h.close());

const paths = (body: { errors?: { path: string }[] }) => body.errors?.map((e) => e.path);

describe('several roles per person', () => {
  it('grant the widest scope of each, every task, and the mildest field rule among those that read', async () => {
    const ivy = await addMember(h, owner, slug, 'lead_reader', 'Ivy Two');
    const lead = (await owner.post('/api/records/lead', { data: { lastName: 'Someone', company: 'Else', email: 'someone@else.test', phone: '123' } })).body;
    const before = await ivy.browser.get(`/api/records/lead/${lead.id}`);
    expect(before.body.data).toEqual({ lastName: 'Someone', company: 'Else' });
    expectProblem(await ivy.browser.post('/api/records/lead', { data: { lastName: 'Mine', company: 'Own' } }), 403);

    const changed = await owner.patch(`/api/users/${ivy.id}`, { roles: ['lead_reader', 'lead_keeper'] });
    expect(changed.body).toMatchObject({ role: 'lead_reader', roles: ['lead_reader', 'lead_keeper'] });
    // Next request: reading all (the reader's scope) shows the email (the keeper shows it) and the phone read-only.
    const after = await ivy.browser.get(`/api/records/lead/${lead.id}`);
    expect(after.body.data).toEqual({ lastName: 'Someone', company: 'Else', email: 'someone@else.test', phone: '123' });
    expect((await ivy.browser.post('/api/records/lead', { data: { lastName: 'Mine', company: 'Own' } })).status).toBe(201);
    const me = (await ivy.browser.get('/api/me')).body;
    expect(me.privileges.tasks).toEqual(['reports.view']);
    expect(me.privileges.entities.lead).toMatchObject({ create: 'all', read: 'all', update: 'own' });
    const listed = ((await owner.get('/api/users')).body.items as { id: string; roles: string[] }[]).find((u) => u.id === ivy.id);
    expect(listed!.roles).toEqual(['lead_reader', 'lead_keeper']);
    const why = await owner.get(`/api/access/explain?person=${ivy.id}&entity=lead&id=${lead.id}`);
    expect(why.body).toMatchObject({ person: { roles: ['lead_reader', 'lead_keeper'] }, hidden: [], readonly: ['phone'] });

    // Taking the second role away narrows again at once.
    expect((await owner.patch(`/api/users/${ivy.id}`, { role: 'lead_reader', roles: ['lead_reader'] })).status).toBe(200);
    expect((await ivy.browser.get(`/api/records/lead/${lead.id}`)).body.data).toEqual({ lastName: 'Someone', company: 'Else' });
  });

  it('count for round robin, workflow guards, stage rules and the second-factor policy', async () => {
    const rep = await addMember(h, owner, slug, 'service_rep', 'Rae Both');
    expect((await owner.patch(`/api/users/${rep.id}`, { roles: ['service_rep', 'sales_rep'] })).status).toBe(200);
    // The only holder of sales_rep holds it as a second role: new leads go to them.
    const lead = await owner.post('/api/records/lead', { data: { lastName: 'Round', company: 'Robin' } });
    expect(lead.body.owner.id).toBe(rep.id);
    expect((await owner.patch('/api/tenant', { settings: { secondFactorRoles: ['sales_rep'] } })).status).toBe(200);
    const refused = await rep.browser.get('/api/records/lead');
    expectProblem(refused, 403);
    expect(refused.body.secondFactorRequired).toBe(true);
    expect((await owner.patch('/api/tenant', { settings: { secondFactorRoles: [] } })).status).toBe(200);
  });

  it('refuses unknown roles, the owner role beside others, and roles beyond the one who grants them', async () => {
    const person = await addMember(h, owner, slug, 'member', 'Pat Plain');
    const unknown = await owner.patch(`/api/users/${person.id}`, { roles: ['member', 'wizard'] });
    expectProblem(unknown, 422);
    expect(paths(unknown.body)).toEqual(['/roles/1']);
    expect(paths((await owner.patch(`/api/users/${person.id}`, { roles: ['member', 'owner'] })).body)).toEqual(['/roles']);
    expectProblem(await owner.patch(`/api/users/${person.id}`, { roles: [] }), 400);
    expectProblem(await owner.patch(`/api/users/${person.id}`, { roles: ['member', 'member'] }), 400);
    const manager = await addMember(h, owner, slug, 'manager', 'Max Manager');
    const admin = await addMember(h, owner, slug, 'people_admin', 'Ada Admin');
    // Someone who manages people reads only their own leads: a second role reading all of them is not theirs to give, nor may they change their own.
    const peer = await addMember(h, owner, slug, 'people_admin', 'Pia Peer');
    expect((await admin.browser.patch(`/api/users/${peer.id}`, { roles: ['people_admin'], active: true })).status).toBe(200);
    expectProblem(await admin.browser.patch(`/api/users/${peer.id}`, { roles: ['people_admin', 'lead_reader'] }), 403);
    expectProblem(await admin.browser.patch(`/api/users/${admin.id}`, { roles: ['people_admin', 'lead_reader'] }), 403);
    expect((await owner.get('/api/users')).body.items.find((u: { id: string }) => u.id === manager.id).roles).toEqual(['manager']);
    // A role still held as someone's second role cannot be removed from the configuration.
    const draft = await owner.get('/api/config/draft');
    delete draft.body.bundle.roles.lead_keeper;
    expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    expect((await owner.patch(`/api/users/${person.id}`, { roles: ['member', 'lead_keeper'] })).status).toBe(200);
    const publish = await owner.post('/api/config/publish');
    expectProblem(publish, 422);
    expect(paths(publish.body)).toContain('/roles/lead_keeper');
  });
});
