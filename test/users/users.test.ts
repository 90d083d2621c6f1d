import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';

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
  it('lets the owner add, list, change, deactivate, reactivate and remove members', async () => {
    const { owner, tenant, user } = await signUp(h);
    const added = await owner.post('/api/users', { email: 'Rita.Rep@example.com', name: 'Rita Rep', role: 'sales_rep', password: 'Rita-Starts-Here-1', team: 'north' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'Rita.Rep@example.com', name: 'Rita Rep', role: 'sales_rep', team: 'north', active: true });
    const rita = added.body.id as string;

    const list = await owner.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: any) => [u.id, u.role, u.team, u.active])).toEqual([
      [user.id, 'owner', null, true],
      [rita, 'sales_rep', 'north', true],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/hash|argon/i);

    const changed = await owner.patch(`/api/users/${rita}`, { role: 'manager', team: 'south' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ id: rita, role: 'manager', team: 'south', active: true });
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
    ['an unknown role', { role: 'wizard', password: PASSWORD }, 422, ['/role']],
    ['a weak password', { role: 'member', password: 'password1' }, 422, ['/password']],
    ['no password for a new person', { role: 'member' }, 422, ['/password']],
    ['an unknown key', { role: 'member', password: PASSWORD, admin: true }, 400, undefined],
  ])('refuses adding with %s', async (_why, extra, status, errorPaths) => {
    const { owner } = await signUp(h);
    const res = await owner.post('/api/users', { email: `refused${++n}@example.com`, name: 'Refused', ...extra });
    expect(res.status).toBe(status);
    if (errorPaths) expect(paths(res.body)).toEqual(errorPaths);
    expect((await owner.get('/api/users')).body.items).toHaveLength(1);
  });

  it('refuses an unknown role on a change too', async () => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    const res = await owner.patch(`/api/users/${m.id}`, { role: 'wizard' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['/role']);
  });

  it('links an existing account without touching its password or name, and refuses a duplicate', async () => {
    const home = await signUp(h, 'Home Of Pat', 'pat@example.com');
    const { owner, tenant } = await signUp(h);
    const linked = await owner.post('/api/users', { email: 'pat@example.com', name: 'Renamed Pat', role: 'member', password: 'Ignored-Password-55' });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ id: home.user.id, name: 'Olive Owner', role: 'member' });
    expect((await login('pat@example.com', PASSWORD, tenant.slug)).status).toBe(200);
    expect((await login('pat@example.com', PASSWORD, home.tenant.slug)).status).toBe(200);
    expect((await login('pat@example.com', 'Ignored-Password-55', tenant.slug)).status).toBe(401);

    const again = await owner.post('/api/users', { email: 'pat@example.com', name: 'Pat', role: 'member', password: PASSWORD });
    expect(again.status).toBe(409);
    expect(paths(again.body)).toEqual(['/email']);
    // Only Pat can change a password that opens another tenant as well.
    const reset = await owner.post(`/api/users/${home.user.id}/password`, { password: 'Reset-By-Other-Owner-3' });
    expect(reset.status).toBe(409);
    expect((await login('pat@example.com', PASSWORD, tenant.slug)).status).toBe(200);
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
    const created = await a.post('/api/users', { email: `by-admin${++n}@example.com`, name: 'By Admin', role: 'member', password: PASSWORD });
    expect(created.status).toBe(201);
    expect((await a.patch(`/api/users/${created.body.id}`, { role: 'sales_rep', team: 'east' })).status).toBe(200);

    const refusals: [string, () => Promise<{ status: number }>][] = [
      ['add an owner', () => a.post('/api/users', { email: `owner-by-admin${++n}@example.com`, name: 'X', role: 'owner', password: PASSWORD })],
      ['promote to owner', () => a.patch(`/api/users/${created.body.id}`, { role: 'owner' })],
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
      const calls = [b.get('/api/users'), b.post('/api/users', { email: `x${++n}@example.com`, name: 'X', role: 'member', password: PASSWORD }), b.patch(`/api/users/${user.id}`, { team: 'x' }), b.delete(`/api/users/${user.id}`)];
      for (const res of await Promise.all(calls)) expect(res.status, role).toBe(403);
    }
  });
});
