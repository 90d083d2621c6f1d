import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** Saved list views: personal, shared with a team or the company, a default per role; a view never widens what its reader sees. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string };
let ben: { browser: Browser; id: string };
let sam: { browser: Browser; id: string };

const hot = {
  q: '',
  match: 'all',
  conditions: [{ field: 'name', op: 'contains', value: 'Hot' }],
  sort: '-updatedAt',
  columns: [{ key: 'name' }, { key: '$owner' }],
};
const views = async (who: Browser, entity = 'opportunity') => {
  const res = await who.get(`/api/views?entity=${entity}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { id: string; name: string; mine: boolean; mayChange: boolean; team: { key: string } | null }[]; defaultView: string | null };
};
const names = async (who: Browser) => (await views(who)).items.map((v) => v.name);

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia North', 'north');
  ben = await addMember(h, owner, company.tenant.slug, 'member', 'Ben North', 'north');
  sam = await addMember(h, owner, company.tenant.slug, 'member', 'Sam South', 'south');
  await mia.browser.post('/api/records/opportunity', { data: { name: 'Hot lead of Mia' } });
  await ben.browser.post('/api/records/opportunity', { data: { name: 'Hot lead of Ben' } });
});
afterAll(() => h.close());

describe('saved views', () => {
  let personal = '';
  let team = '';

  it('keeps a personal view to its author, and a team view to that team', async () => {
    const made = await mia.browser.post('/api/views', { entity: 'opportunity', name: 'My hot deals', visibility: 'personal', view: hot });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: 'My hot deals', visibility: 'personal', mine: true, mayChange: true, createdBy: { name: 'Mia North' }, view: hot });
    personal = made.body.id;
    const shared = await mia.browser.post('/api/views', { entity: 'opportunity', name: 'North hot deals', visibility: 'team', team: 'north', view: hot });
    expect(shared.status).toBe(201);
    team = shared.body.id;

    expect(await names(mia.browser)).toEqual(['My hot deals', 'North hot deals']);
    expect(await names(ben.browser)).toEqual(['North hot deals']);
    expect(await names(sam.browser)).toEqual([]);
    // Not even the owner reads another person's personal view.
    expect(await names(owner)).toEqual([]);
    expect(await names(mia.browser)).toEqual(['My hot deals', 'North hot deals']);
    expect((await views(mia.browser, 'case')).items).toEqual([]);
  });

  it('lets only the author change or delete a view, and hides it from others entirely', async () => {
    expectProblem(await ben.browser.patch(`/api/views/${team}`, { name: 'Mine now' }), 403);
    expectProblem(await ben.browser.delete(`/api/views/${team}`), 403);
    expectProblem(await sam.browser.patch(`/api/views/${team}`, { name: 'Mine now' }), 404);
    expectProblem(await ben.browser.patch(`/api/views/${personal}`, { name: 'Mine now' }), 404);
    const renamed = await mia.browser.patch(`/api/views/${team}`, { name: 'North: hot deals' });
    expect(renamed.status).toBe(200);
    expect(await names(ben.browser)).toEqual(['North: hot deals']);
  });

  it('refuses sharing wider than the author may, and fields the list does not have', async () => {
    expectProblem(await mia.browser.post('/api/views', { entity: 'opportunity', name: 'South', visibility: 'team', team: 'south', view: hot }), 422);
    expectProblem(await mia.browser.post('/api/views', { entity: 'opportunity', name: 'All', visibility: 'company', view: hot }), 403);
    const unknown = await mia.browser.post('/api/views', {
      entity: 'opportunity',
      name: 'Odd',
      visibility: 'personal',
      view: { ...hot, conditions: [{ field: 'salary', op: 'eq', value: '1' }], columns: [{ key: 'secret' }] },
    });
    expectProblem(unknown, 422);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['/view/conditions/0/field', '/view/columns/0/key']);
    expectProblem(await mia.browser.post('/api/views', { entity: 'opportunity', name: 'X', visibility: 'personal', view: hot, extra: 1 }), 400);
    expectProblem(await mia.browser.post('/api/views', { entity: 'opportunity', name: '   ', visibility: 'personal', view: hot }), 400);
    expectProblem(await mia.browser.post('/api/views', { entity: 'nope', name: 'X', visibility: 'personal', view: hot }), 404);
    // A field the author's role hides cannot go into a view.
    await publishChange(owner, (b) => {
      b.roles.member.entities.opportunity.fields = { ...b.roles.member.entities.opportunity.fields, amount: 'hidden' };
    });
    const hidden = await mia.browser.post('/api/views', {
      entity: 'opportunity',
      name: 'Big',
      visibility: 'personal',
      view: { ...hot, columns: [{ key: 'amount' }] },
    });
    expectProblem(hidden, 422);
    await publishChange(owner, (b) => {
      delete b.roles.member.entities.opportunity.fields.amount;
    });
  });

  it('opens a role’s list with the company view the owner chose for it', async () => {
    const company = await owner.post('/api/views', { entity: 'opportunity', name: 'Company hot deals', visibility: 'company', view: hot });
    expect(company.status).toBe(201);
    expectProblem(await owner.put('/api/views/defaults/opportunity/member', { viewId: team }), 422);
    expectProblem(await owner.put('/api/views/defaults/opportunity/nobody', { viewId: company.body.id }), 422);
    expectProblem(await mia.browser.put('/api/views/defaults/opportunity/member', { viewId: company.body.id }), 403);
    expect((await owner.put('/api/views/defaults/opportunity/member', { viewId: company.body.id })).status).toBe(204);
    expect((await views(sam.browser)).defaultView).toBe(company.body.id);
    expect((await views(owner)).defaultView).toBeNull();
    expect((await owner.get('/api/views/defaults?entity=opportunity')).body).toEqual({ member: company.body.id });
    // The view holds a query only: each reader sees their own records through it.
    const filter = encodeURIComponent(JSON.stringify({ name: { contains: 'Hot' } }));
    const seen = async (who: Browser) =>
      (await who.get(`/api/records/opportunity?filter=${filter}`)).body.items.map((r: { data: { name: string } }) => r.data.name);
    expect(await seen(ben.browser)).toEqual(['Hot lead of Ben']);
    expect(await seen(sam.browser)).toEqual([]);
    // Deleting the view ends it being a default.
    expect((await owner.delete(`/api/views/${company.body.id}`)).status).toBe(204);
    expect((await views(sam.browser)).defaultView).toBeNull();
    const actions = (await owner.get('/api/audit?action=view')).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['view.created', 'view.updated', 'view.default', 'view.deleted']));
  });
});
