import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, ensureTeam, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** Teams as things of their own: a tree with members and managers, and records shared with people and teams. */
let h: Harness;
let owner: Browser;
let slug = '';

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  slug = company.tenant.slug;
}, 60_000);
afterAll(() => h.close());

const paths = (body: { errors?: { path: string }[] }) => body.errors?.map((e) => e.path);
const team = async (key: string) => ((await owner.get('/api/teams')).body.items as { key: string }[]).find((t) => t.key === key) as Record<string, unknown>;

describe('teams', () => {
  it('take a former member’s records out when deleted, so a new team under the same key does not inherit them', async () => {
    await ensureTeam(owner, 'gone');
    const leaver = await addMember(h, owner, slug, 'member', 'Lea Leaver', 'gone');
    const lead = (await leaver.browser.post('/api/records/lead', { data: { lastName: 'Left behind' } })).body;
    expect((await owner.patch(`/api/users/${leaver.id}`, { active: false })).status).toBe(200);
    expect((await owner.delete('/api/teams/gone')).status).toBe(204);
    await ensureTeam(owner, 'gone');
    const newcomer = await addMember(h, owner, slug, 'manager', 'Nia Newcomer', 'gone');
    expectProblem(await newcomer.browser.get(`/api/records/lead/${lead.id}`), 404);
    expect((await newcomer.browser.get('/api/records/lead?q=behind&count=true')).body.total).toBe(0);
  });

  it('are created, renamed, nested and listed with their members and managers', async () => {
    const sales = await owner.post('/api/teams', { name: 'Sales' });
    expect(sales.status).toBe(201);
    const key = sales.body.key as string;
    expect((await owner.post('/api/teams', { key: 'dach', name: 'DACH', parent: key })).status).toBe(201);
    const ann = await addMember(h, owner, slug, 'sales_rep', 'Ann Rep', 'dach');
    const max = await addMember(h, owner, slug, 'manager', 'Max Manager');
    expect((await owner.put(`/api/teams/${key}/managers/${max.id}`)).status).toBe(204);
    expect((await owner.patch('/api/teams/dach', { name: 'Germany, Austria, Switzerland' })).status).toBe(200);
    expect(await team('dach')).toEqual({
      key: 'dach',
      name: 'Germany, Austria, Switzerland',
      parent: key,
      members: [{ id: ann.id, name: 'Ann Rep' }],
      managers: [],
    });
    expect(await team(key)).toMatchObject({ name: 'Sales', parent: null, members: [], managers: [{ id: max.id, name: 'Max Manager' }] });
    // Everyone signed in reads the teams (pickers for sharing need them).
    expect((await ann.browser.get('/api/teams')).status).toBe(200);
    const actions = ((await owner.get('/api/audit?limit=50')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['team.created', 'team.updated', 'team.manager_added']));
  });

  it('refuses a taken name, an unknown parent, a cycle, and deleting a team that still has people or teams below', async () => {
    await ensureTeam(owner, 'top');
    await ensureTeam(owner, 'mid', 'top');
    await ensureTeam(owner, 'leaf', 'mid');
    const taken = await owner.post('/api/teams', { name: 'TOP' });
    expectProblem(taken, 409);
    expect(paths(taken.body)).toEqual(['/name']);
    expect(paths((await owner.post('/api/teams', { name: 'Orphan', parent: 'nowhere' })).body)).toEqual(['/parent']);
    const cycle = await owner.patch('/api/teams/top', { parent: 'leaf' });
    expectProblem(cycle, 422);
    expect(paths(cycle.body)).toEqual(['/parent']);
    expectProblem(await owner.delete('/api/teams/mid'), 409);
    const leafMember = await addMember(h, owner, slug, 'member', 'Lee Leaf', 'leaf');
    expectProblem(await owner.delete('/api/teams/leaf'), 409);
    expect((await owner.patch(`/api/users/${leafMember.id}`, { team: null })).status).toBe(200);
    expect((await owner.delete('/api/teams/leaf')).status).toBe(204);
    expectProblem(await owner.delete('/api/teams/leaf'), 404);
    expect(paths((await owner.patch(`/api/users/${leafMember.id}`, { team: 'leaf' })).body)).toEqual(['/team']);
  });

  it('never let someone who is not an owner widen their own reach', async () => {
    await ensureTeam(owner, 'ops');
    await ensureTeam(owner, 'field');
    const admin = await addMember(h, owner, slug, 'administrator', 'Ada Admin', 'ops');
    expectProblem(await admin.browser.put(`/api/teams/field/managers/${admin.id}`), 403);
    expectProblem(await admin.browser.patch('/api/teams/field', { parent: 'ops' }), 403);
    expectProblem(await admin.browser.post('/api/teams', { name: 'Under ops', parent: 'ops' }), 403);
    const rep = await addMember(h, owner, slug, 'sales_rep', 'Rob Rep');
    expectProblem(await rep.browser.post('/api/teams', { name: 'Mine' }), 403);
  });
});

describe('team scopes', () => {
  it('reach a manager’s own team, the teams they manage, and with "team and below" every team under those', async () => {
    const { owner, tenant } = await signUp(h);
    await publishChange(owner, (b) => {
      b.roles.director = {
        label: 'Director',
        entities: { opportunity: { create: 'all', read: 'teamAndBelow', update: 'teamAndBelow', delete: 'none', assign: 'teamAndBelow' } },
        tasks: [],
      };
    });
    await ensureTeam(owner, 'emea');
    await ensureTeam(owner, 'france', 'emea');
    await ensureTeam(owner, 'paris', 'france');
    await ensureTeam(owner, 'apac');
    const dir = await addMember(h, owner, tenant.slug, 'director', 'Dee Director', 'emea');
    const mgr = await addMember(h, owner, tenant.slug, 'manager', 'Mo Manager');
    const paris = await addMember(h, owner, tenant.slug, 'sales_rep', 'Pia Paris', 'paris');
    const apac = await addMember(h, owner, tenant.slug, 'sales_rep', 'Ash Apac', 'apac');
    // Opportunities stay with whoever creates them (leads would go round robin).
    const deal = (await paris.browser.post('/api/records/opportunity', { data: { name: 'Parisian deal' } })).body.id;
    const far = (await apac.browser.post('/api/records/opportunity', { data: { name: 'Faraway deal' } })).body.id;
    expect((await dir.browser.get(`/api/records/opportunity/${deal}`)).status).toBe(200);
    expect((await dir.browser.get(`/api/records/opportunity/${far}`)).status).toBe(404);
    // The manager's role reaches their team's records: managing "paris" brings its records in, on the next request.
    expect((await mgr.browser.get(`/api/records/opportunity/${deal}`)).status).toBe(404);
    expect((await owner.put(`/api/teams/paris/managers/${mgr.id}`)).status).toBe(204);
    expect((await mgr.browser.get(`/api/records/opportunity/${deal}`)).status).toBe(200);
    expect((await mgr.browser.get('/api/records/opportunity?q=parisian')).body.items).toHaveLength(1);
    // Assigning within "team and below" reaches people below; beyond it, not.
    expect((await dir.browser.post(`/api/records/opportunity/${deal}/assign`, { ownerId: dir.id })).status).toBe(200);
    expect((await dir.browser.post(`/api/records/opportunity/${deal}/assign`, { ownerId: paris.id })).status).toBe(200);
    expect(paths((await dir.browser.post(`/api/records/opportunity/${deal}/assign`, { ownerId: apac.id })).body)).toEqual(['/ownerId']);
    // Moving a team away takes its records out of reach at once.
    expect((await owner.patch('/api/teams/france', { parent: null })).status).toBe(200);
    expect((await dir.browser.get(`/api/records/opportunity/${deal}`)).status).toBe(404);
    const why = await owner.get(`/api/access/explain?person=${dir.id}&entity=opportunity&id=${deal}`);
    expect(why.body.actions[0]).toMatchObject({ action: 'read', allowed: false, reason: 'outside' });
    expect((await owner.patch('/api/teams/france', { parent: 'emea' })).status).toBe(200);
    const again = await owner.get(`/api/access/explain?person=${dir.id}&entity=opportunity&id=${deal}`);
    expect(again.body.recordTeam).toBe('paris');
    expect(again.body.actions[0]).toMatchObject({ action: 'read', allowed: true, reason: 'teamBelow' });
  });
});

describe('sharing a record', () => {
  it('lets its owner share it with a person or a team, to read or to update, until a moment; revoking ends it at once', async () => {
    const { owner, tenant } = await signUp(h);
    await ensureTeam(owner, 'support');
    const ann = await addMember(h, owner, tenant.slug, 'sales_rep', 'Ann Owner');
    const ben = await addMember(h, owner, tenant.slug, 'sales_rep', 'Ben Helper');
    const cat = await addMember(h, owner, tenant.slug, 'sales_rep', 'Cat Support', 'support');
    const sam = await addMember(h, owner, tenant.slug, 'service_rep', 'Sam Service');
    // Sales representatives may not see the amount of a deal: a share does not show it to them either.
    await publishChange(owner, (b) => {
      b.roles.sales_rep.entities.opportunity.fields = { ...b.roles.sales_rep.entities.opportunity.fields, amount: 'hidden' };
    });
    const deal = (await owner.post('/api/records/opportunity', { data: { name: 'Shared deal', amount: 5000 } })).body.id;
    expect((await owner.post(`/api/records/opportunity/${deal}/assign`, { ownerId: ann.id })).status).toBe(200);
    const url = `/api/records/opportunity/${deal}`;
    expect((await ben.browser.get(url)).status).toBe(404);

    // Only the owner (or who may assign it) shares; a share never exceeds the grantee's role.
    expectProblem(await ben.browser.post(`${url}/shares`, { person: ben.id, access: 'read' }), 404);
    const noRole = await ann.browser.post(`${url}/shares`, { person: sam.id, access: 'read' });
    expectProblem(noRole, 422);
    expect(paths(noRole.body)).toEqual(['/access']);
    expect(paths((await ann.browser.post(`${url}/shares`, { person: ben.id, team: 'support', access: 'read' })).body)).toEqual(['/person']);
    expect(paths((await ann.browser.post(`${url}/shares`, { person: ben.id, access: 'read', until: '2000-01-01T00:00:00Z' })).body)).toEqual(['/until']);

    const toBen = await ann.browser.post(`${url}/shares`, { person: ben.id, access: 'read' });
    expect(toBen.status).toBe(201);
    expect(toBen.body).toMatchObject({ person: { id: ben.id, name: 'Ben Helper' }, team: null, access: 'read', until: null, expired: false });
    const seen = await ben.browser.get(url);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toEqual({ name: 'Shared deal' });
    expect(seen.body.may).toEqual({ update: false, delete: false, assign: false });
    expectProblem(await ben.browser.patch(url, { data: { nextStep: 'Call' } }, { 'if-match': seen.headers.get('etag')! }), 403);
    expect((await ben.browser.get('/api/records/opportunity?q=shared')).body.items.map((r: { id: string }) => r.id)).toEqual([deal]);
    expectProblem(await ben.browser.post(`${url}/shares`, { person: cat.id, access: 'read' }), 403);

    // Sharing again replaces: now Ben may update too, and Cat's team reads it for an hour.
    expect((await ann.browser.post(`${url}/shares`, { person: ben.id, access: 'update' })).status).toBe(201);
    const seenAgain = await ben.browser.get(url);
    expect((await ben.browser.patch(url, { data: { nextStep: 'Call' } }, { 'if-match': seenAgain.headers.get('etag')! })).status).toBe(200);
    const until = new Date(h.clock.now + 3_600_000).toISOString();
    expect((await ann.browser.post(`${url}/shares`, { team: 'support', access: 'read', until })).status).toBe(201);
    expect((await cat.browser.get(url)).status).toBe(200);
    const shares = (await ann.browser.get(`${url}/shares`)).body.items as { id: string; person: unknown; team: unknown }[];
    expect(shares).toHaveLength(2);
    const why = await owner.get(`/api/access/explain?person=${cat.id}&entity=opportunity&id=${deal}`);
    expect(why.body.actions.slice(0, 2)).toMatchObject([
      { action: 'read', allowed: true, reason: 'shared' },
      { action: 'update', allowed: false, reason: 'outside' },
    ]);
    h.clock.now += 3_600_001;
    expect((await cat.browser.get(url)).status).toBe(404);
    expect((await ann.browser.get(`${url}/shares`)).body.items.find((s: { team: unknown }) => s.team)).toMatchObject({ expired: true });

    const benShare = shares.find((s) => s.person)!;
    expect((await ann.browser.delete(`${url}/shares/${benShare.id}`)).status).toBe(204);
    expect((await ben.browser.get(url)).status).toBe(404);
    expect((await ben.browser.get('/api/records/opportunity?q=shared')).body.items).toEqual([]);
    const actions = ((await owner.get('/api/audit?limit=50')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'record.shared')).toHaveLength(3);
    expect(actions).toContain('record.unshared');
  });
});
