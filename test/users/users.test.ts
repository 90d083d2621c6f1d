import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, ensureTeam, linkToken, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const login = (email: string, password: string, tenant?: string) =>
  new Browser(h, `10.40.${++n % 250}.1`).post('/api/login', { email, password, ...(tenant ? { tenant } : {}) });
const paths = (body: { errors?: { path: string }[] }) => body.errors?.map((e) => e.path);

describe('people of a tenant', () => {
  it('lets the owner invite, list, change, deactivate, reactivate and remove members', async () => {
    const { owner, tenant, user } = await signUp(h);
    const unknownTeam = await owner.post('/api/users', { email: 'Rita.Rep@example.com', name: 'Rita Rep', role: 'sales_rep', team: 'north' });
    expect([unknownTeam.status, paths(unknownTeam.body)]).toEqual([422, ['/team']]);
    await ensureTeam(owner, 'north');
    await ensureTeam(owner, 'south');
    const invited = await owner.post('/api/users', { email: 'Rita.Rep@example.com', name: 'Rita Rep', role: 'sales_rep', team: 'north' });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({ email: 'Rita.Rep@example.com', name: 'Rita Rep', role: 'sales_rep', team: 'north', expired: false });
    // Rita chooses her own password through the link.
    const joined = await new Browser(h).post('/api/invitations/link/accept', {
      token: linkToken(invited.body.link),
      account: 'new',
      password: 'Rita-Starts-Here-1',
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ user: { email: 'Rita.Rep@example.com', name: 'Rita Rep' }, tenant: { slug: tenant.slug }, role: 'sales_rep' });
    const rita = joined.body.user.id as string;

    const list = await owner.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: any) => [u.id, u.role, u.team, u.active])).toEqual([
      [user.id, 'owner', null, true],
      [rita, 'sales_rep', 'north', true],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/hash|argon/i);
    expect((await owner.get('/api/users/invitations')).body.items).toEqual([]);

    const changed = await owner.patch(`/api/users/${rita}`, { role: 'manager', team: 'south' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ id: rita, role: 'manager', roles: ['manager'], team: 'south', active: true });
    const ritaLogin = await login('Rita.Rep@example.com', 'Rita-Starts-Here-1');
    expect(ritaLogin.body).toMatchObject({ role: 'manager', tenant: { slug: tenant.slug } });

    expect((await owner.patch(`/api/users/${rita}`, { team: null })).body.team).toBeNull();
    expect((await owner.patch(`/api/users/${rita}`, { active: false })).body.active).toBe(false);
    expect((await login('Rita.Rep@example.com', 'Rita-Starts-Here-1')).status).toBe(403);
    expect((await owner.patch(`/api/users/${rita}`, { active: true })).body.active).toBe(true);
    expect((await login('Rita.Rep@example.com', 'Rita-Starts-Here-1')).status).toBe(200);

    expect((await owner.delete(`/api/users/${rita}`)).status).toBe(204);
    expect((await owner.get('/api/users')).body.items.map((u: any) => u.id)).toEqual([user.id]);
    expect((await owner.delete(`/api/users/${rita}`)).status).toBe(404);
    expect((await owner.patch(`/api/users/${rita}`, { role: 'member' })).status).toBe(404);
    expect((await login('Rita.Rep@example.com', 'Rita-Starts-Here-1')).status).toBe(403);
  });

  it.each([
    ['an unknown role', { role: 'wizard' }, 422, ['/role']],
    ['a password (people choose their own)', { role: 'member', password: PASSWORD }, 400, ['/password']],
    ['an unknown key', { role: 'member', admin: true }, 400, ['/admin']],
  ])('refuses adding with %s', async (_why, extra, status, errorPaths) => {
    const { owner } = await signUp(h);
    const res = await owner.post('/api/users', { email: `refused${++n}@example.com`, name: 'Refused', ...extra });
    expect(res.status).toBe(status);
    expect(paths(res.body)).toEqual(errorPaths);
    expect((await owner.get('/api/users')).body.items).toHaveLength(1);
    expect((await owner.get('/api/users/invitations')).body.items).toEqual([]);
  });

  it('refuses an unknown role on a change too', async () => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    const res = await owner.patch(`/api/users/${m.id}`, { role: 'wizard' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['/role']);
  });

  it('sets a new password for a person of this tenant only, ending their sessions', async () => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    expect((await owner.post(`/api/users/${m.id}/password`, { password: 'short' })).status).toBe(422);
    expect((await m.browser.get('/api/me')).status).toBe(200);
    expect((await owner.post(`/api/users/${m.id}/password`, { password: 'Set-By-Owner-2024x' })).status).toBe(204);
    expect((await m.browser.get('/api/me')).status).toBe(401);
    expect((await login(m.email, PASSWORD)).status).toBe(401);
    expect((await login(m.email, 'Set-By-Owner-2024x')).status).toBe(200);
    expect((await owner.get('/api/me')).status).toBe(200);
    const stranger = await signUp(h);
    expect((await owner.post(`/api/users/${stranger.user.id}/password`, { password: 'Not-Your-Person-1' })).status).toBe(404);
  });
});

describe('the last active owner', () => {
  it.each([
    ['removed', (b: Browser, id: string) => b.delete(`/api/users/${id}`)],
    ['deactivated', (b: Browser, id: string) => b.patch(`/api/users/${id}`, { active: false })],
    ['demoted', (b: Browser, id: string) => b.patch(`/api/users/${id}`, { role: 'administrator' })],
  ])('cannot be %s, not even by themselves (409)', async (_what, act) => {
    const { owner, user, tenant } = await signUp(h);
    const second = await addMember(h, owner, tenant.slug, 'owner');
    // Two owners: the other one can be changed.
    const works = await act(owner, second.id);
    expect(works.status).toBeLessThan(300);
    const res = await act(owner, user.id);
    expect(res.status).toBe(409);
    expect((await owner.get('/api/users')).status).toBe(200);
    expect((await owner.get('/api/me')).body.role.key).toBe('owner');
  });

  it('an owner can step down while another owner remains', async () => {
    const { owner, user, tenant } = await signUp(h);
    const second = await addMember(h, owner, tenant.slug, 'owner');
    expect((await owner.patch(`/api/users/${user.id}`, { role: 'member' })).status).toBe(200);
    expect((await owner.get('/api/users')).status).toBe(403);
    expect((await second.browser.delete(`/api/users/${second.id}`)).status).toBe(409);
    expect((await second.browser.patch(`/api/users/${second.id}`, { active: false })).status).toBe(409);
  });
});

describe('changes apply on the very next request', () => {
  it('promotion and demotion change what an open session may do', async () => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    expect((await m.browser.get('/api/users')).status).toBe(403);
    expect((await owner.patch(`/api/users/${m.id}`, { role: 'owner' })).status).toBe(200);
    expect((await m.browser.get('/api/users')).status).toBe(200);
    expect((await m.browser.get('/api/me')).body.role.key).toBe('owner');
    expect((await owner.patch(`/api/users/${m.id}`, { role: 'member' })).status).toBe(200);
    expect((await m.browser.get('/api/users')).status).toBe(403);
  });

  it.each([
    ['deactivation', (b: Browser, id: string) => b.patch(`/api/users/${id}`, { active: false })],
    ['removal', (b: Browser, id: string) => b.delete(`/api/users/${id}`)],
  ])('%s ends an open session', async (_what, act) => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    const cookie = m.browser.cookie;
    expect((await m.browser.get('/api/records/lead')).status).toBe(200);
    expect((await act(owner, m.id)).status).toBeLessThan(300);
    m.browser.cookie = cookie;
    expect((await m.browser.get('/api/records/lead')).status).toBe(401);
    expect((await m.browser.get('/api/me')).status).toBe(401);
  });
});

describe('an administrator (manage.users without being owner)', () => {
  it('manages members but never the owner role, nor their own role', async () => {
    const { owner, user: ownerUser, tenant } = await signUp(h);
    const admin = await addMember(h, owner, tenant.slug, 'administrator');
    const a = admin.browser;
    const created = await a.post('/api/users', { email: `by-admin${++n}@example.com`, name: 'By Admin', role: 'member' });
    expect(created.status).toBe(201);
    const joined = await new Browser(h).post('/api/invitations/link/accept', { token: linkToken(created.body.link), account: 'new', password: PASSWORD });
    const person = { id: joined.body.user.id as string };
    await ensureTeam(owner, 'east');
    expect((await a.patch(`/api/users/${person.id}`, { role: 'sales_rep', team: 'east' })).status).toBe(200);

    const refusals: [string, () => Promise<{ status: number }>][] = [
      ['add an owner', () => a.post('/api/users', { email: `owner-by-admin${++n}@example.com`, name: 'X', role: 'owner' })],
      ['promote to owner', () => a.patch(`/api/users/${person.id}`, { role: 'owner' })],
      ['demote an owner', () => a.patch(`/api/users/${ownerUser.id}`, { role: 'member' })],
      ['change an owner’s team', () => a.patch(`/api/users/${ownerUser.id}`, { team: 'east' })],
      ['deactivate an owner', () => a.patch(`/api/users/${ownerUser.id}`, { active: false })],
      ['remove an owner', () => a.delete(`/api/users/${ownerUser.id}`)],
      ['set an owner’s password', () => a.post(`/api/users/${ownerUser.id}/password`, { password: 'Admin-Takes-Over-1' })],
      ['change their own role', () => a.patch(`/api/users/${admin.id}`, { role: 'manager' })],
      ['make themselves owner', () => a.patch(`/api/users/${admin.id}`, { role: 'owner' })],
    ];
    for (const [what, attempt] of refusals) expect((await attempt()).status, what).toBe(403);
    const people = (await owner.get('/api/users')).body.items;
    expect(people.find((p: any) => p.id === ownerUser.id)).toMatchObject({ role: 'owner', team: null, active: true });
    expect(people.find((p: any) => p.id === admin.id).role).toBe('administrator');
    expect(people).toHaveLength(3);
    expect((await owner.get('/api/me')).status).toBe(200);
  });

  it('roles without manage.users get 403 on every /api/users call', async () => {
    const { owner, tenant, user } = await signUp(h);
    for (const role of ['member', 'manager', 'sales_rep', 'service_rep']) {
      const b = (await addMember(h, owner, tenant.slug, role)).browser;
      const calls = [
        b.get('/api/users'),
        b.post('/api/users', { email: `x${++n}@example.com`, name: 'X', role: 'member' }),
        b.get('/api/users/invitations'),
        b.patch(`/api/users/${user.id}`, { team: 'x' }),
        b.delete(`/api/users/${user.id}`),
      ];
      for (const res of await Promise.all(calls)) expect(res.status, role).toBe(403);
    }
  });
});
