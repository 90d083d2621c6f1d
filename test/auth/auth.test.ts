import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
/** A fresh email and a browser on its own address, so throttling by address never mixes tests. */
const fresh = () => ({ email: `auth${++n}@example.com`, browser: new Browser(h, `10.20.${n}.1`) });

async function signup(browser: Browser, email: string, tenantName = `Auth Tenant ${n}`, password = PASSWORD, name = 'Ada Auth') {
  return browser.post('/api/signup', { tenantName, name, email, password });
}

describe('signup', () => {
  it('creates a tenant whose owner is the caller, with an HttpOnly SameSite=Lax session cookie', async () => {
    const { email, browser } = fresh();
    const res = await signup(browser, email, 'Signup Works');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ user: { email, name: 'Ada Auth' }, tenant: { slug: 'signup-works', name: 'Signup Works' }, role: 'owner' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sid=[\w-]{20,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i); // plain http here; behind https it is Secure (next test)
    const me = await browser.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: res.body.user.id, email }, tenant: { id: res.body.tenant.id }, role: { key: 'owner' } });
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const { email, browser } = fresh();
    const res = await browser.post('/api/signup', { tenantName: 'Secure Co', name: 'S', email, password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('gives tenants with equal names different slugs', async () => {
    const slugs = [];
    for (let i = 0; i < 3; i++) {
      const { email, browser } = fresh();
      const res = await signup(browser, email, 'Müller & Söhne GmbH');
      expect(res.status).toBe(201);
      expect(res.body.tenant.name).toBe('Müller & Söhne GmbH');
      slugs.push(res.body.tenant.slug);
    }
    expect(slugs[0]).toBe('muller-sohne-gmbh');
    expect(new Set(slugs).size).toBe(3);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9-]+$/);
  });

  it.each([
    ['too short', 'Ab1-xyz'],
    ['a common password', 'password123'],
    ['a common password in other case', 'QwertyUiop'],
    ['the email itself', 'EMAIL-LOCAL'],
    ['too long', 'x'.repeat(129)],
  ])('refuses a password that is %s with 422 naming /password, and creates nothing', async (_why, password) => {
    const { browser } = fresh();
    const email = `email-local@weak${++n}.example`;
    const res = await signup(browser, email, 'Weak Co', password);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['/password']);
    expect(res.headers.get('set-cookie')).toBeNull();
    // The email is still free: signing up with a good password creates a new person.
    expect((await signup(browser, email, 'Weak Co', PASSWORD)).status).toBe(201);
  });

  it('lets an existing person create a second tenant with their own password, which stays theirs', async () => {
    const { email, browser } = fresh();
    const first = await signup(browser, email, 'First Home', PASSWORD, 'Original Name');
    const second = await signup(new Browser(h, '10.21.0.1'), email, 'Second Home', PASSWORD, 'Another Name');
    expect(second.status).toBe(201);
    expect(second.body.user).toEqual(first.body.user);
    expect(second.body.role).toBe('owner');
    const login = await new Browser(h, '10.21.0.2').post('/api/login', { email, password: PASSWORD, tenant: second.body.tenant.slug });
    expect(login.status).toBe(200);
    expect(login.body.user.name).toBe('Original Name');
  });

  it('refuses an existing email with a wrong password: 401, no tenant, no session', async () => {
    const { email, browser } = fresh();
    await signup(browser, email, 'Only Home');
    const intruder = new Browser(h, '10.22.0.1');
    const res = await signup(intruder, email, 'Hijack Attempt', 'Some-Other-Password-7');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await intruder.get('/api/me')).status).toBe(401);
    // Still one tenant: a login without `tenant` goes straight in, and the slug was never taken.
    const login = await new Browser(h, '10.22.0.2').post('/api/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.tenant.name).toBe('Only Home');
    expect((await signup(fresh().browser, fresh().email, 'Hijack Attempt')).body.tenant.slug).toBe('hijack-attempt');
  });
});

describe('login', () => {
  it('starts a new session id at every login, and each works on its own', async () => {
    const { email, browser } = fresh();
    await signup(browser, email);
    const cookies = [browser.cookie];
    for (let i = 0; i < 2; i++) {
      const res = await browser.post('/api/login', { email, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user: { email }, role: 'owner' });
      cookies.push(browser.cookie);
    }
    expect(new Set(cookies).size).toBe(3);
    for (const cookie of cookies.slice(1)) {
      const b = new Browser(h);
      b.cookie = cookie;
      expect((await b.get('/api/me')).status).toBe(200);
    }
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const { email, browser } = fresh();
    await signup(browser, email);
    const wrong = await new Browser(h, '10.23.0.1').post('/api/login', { email, password: 'Not-The-Password-1' });
    const unknown = await new Browser(h, '10.23.0.2').post('/api/login', { email: `nobody${n}@example.com`, password: 'Not-The-Password-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('asks which tenant (409, no session) when a person has several, and takes the slug given', async () => {
    const { email, browser } = fresh();
    const a = await signup(browser, email, 'Alpha Consulting');
    const b = await signup(browser, email, 'Beta Consulting');
    const fresh1 = new Browser(h, '10.24.0.1');
    const ask = await fresh1.post('/api/login', { email, password: PASSWORD });
    expect(ask.status).toBe(409);
    expect(ask.body.tenants).toEqual([
      { slug: a.body.tenant.slug, name: 'Alpha Consulting' },
      { slug: b.body.tenant.slug, name: 'Beta Consulting' },
    ]);
    expect(ask.headers.get('set-cookie')).toBeNull();
    expect((await fresh1.get('/api/me')).status).toBe(401);

    const wrongPassword = await fresh1.post('/api/login', { email, password: 'Not-The-Password-1' });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.tenants).toBeUndefined(); // tenants are named only once the password checks out

    for (const t of [a, b]) {
      const res = await fresh1.post('/api/login', { email, password: PASSWORD, tenant: t.body.tenant.slug });
      expect(res.status).toBe(200);
      expect(res.body.tenant.id).toBe(t.body.tenant.id);
      expect((await fresh1.get('/api/me')).body.tenant.id).toBe(t.body.tenant.id);
    }
    const other = await signUp(h, 'Not Theirs');
    const notMine = await new Browser(h, '10.24.0.2').post('/api/login', { email, password: PASSWORD, tenant: other.tenant.slug });
    expect(notMine.status).toBe(409);
    expect(notMine.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a deactivated member', async () => {
    const { owner, tenant } = await signUp(h);
    const member = await addMember(h, owner, tenant.slug);
    expect((await owner.patch(`/api/users/${member.id}`, { active: false })).status).toBe(200);
    const res = await new Browser(h, '10.25.0.1').post('/api/login', { email: member.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const withSlug = await new Browser(h, '10.25.0.2').post('/api/login', { email: member.email, password: PASSWORD, tenant: tenant.slug });
    expect(withSlug.status).not.toBe(200);
    expect(withSlug.headers.get('set-cookie')).toBeNull();
  });
});

describe('session', () => {
  it('logout ends the session on the server, not just the cookie', async () => {
    const { owner } = await signUp(h);
    const cookie = owner.cookie;
    const out = await owner.post('/api/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^sid=;/);
    expect((await owner.get('/api/me')).status).toBe(401);
    owner.cookie = cookie; // replaying the old cookie does not work either
    const replay = await owner.get('/api/me');
    expect(replay.status).toBe(401);
    expect((await owner.post('/api/logout')).status).toBe(401);
  });

  it('answers /api/me with the person, tenant, role and privileges', async () => {
    const { owner, tenant, user } = await signUp(h, 'Me Tenant');
    const mine = await owner.get('/api/me');
    expect(mine.body).toMatchObject({
      user: { id: user.id, name: 'Olive Owner' },
      tenant: { id: tenant.id, slug: tenant.slug, name: 'Me Tenant' },
      role: { key: 'owner', label: 'Owner' },
    });
    expect(mine.body.privileges.tasks).toContain('manage.users');
    const member = await addMember(h, owner, tenant.slug, 'member', 'Mo Member');
    const theirs = await member.browser.get('/api/me');
    expect(theirs.body).toMatchObject({ user: { id: member.id, name: 'Mo Member' }, role: { key: 'member' }, privileges: { tasks: [] } });
    expect(theirs.body.privileges.entities.lead).toEqual({ create: 'all', read: 'own', update: 'own', delete: 'own', assign: 'none' });
    expect((await new Browser(h).get('/api/me')).status).toBe(401);
  });

  it('switches a consultant to another of their tenants, and only to theirs', async () => {
    const { email, browser } = fresh();
    const a = await signup(browser, email, 'Switch A');
    const b = await signup(browser, email, 'Switch B'); // the session is now in B
    const inB = await browser.post('/api/records/lead', { data: { lastName: 'Only-In-B' } });
    expect(inB.status).toBe(201);
    expect((await browser.post('/api/session/tenant', { tenant: a.body.tenant.slug })).status).toBe(200);
    expect((await browser.get('/api/records/lead')).body.items).toEqual([]);
    expect((await browser.get(`/api/records/lead/${inB.body.id}`)).status).toBe(404);

    const before = browser.cookie;
    const switched = await browser.post('/api/session/tenant', { tenant: b.body.tenant.slug });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ tenant: { id: b.body.tenant.id }, role: 'owner' });
    expect(browser.cookie).not.toBe(before);
    expect((await browser.get('/api/me')).body.tenant.id).toBe(b.body.tenant.id);
    expect((await browser.get('/api/records/lead')).body.items.map((r: { id: string }) => r.id)).toEqual([inB.body.id]);
    const stale = new Browser(h);
    stale.cookie = before;
    expect((await stale.get('/api/me')).status).toBe(401);

    const other = await signUp(h, 'Switch Other');
    const refused = await browser.post('/api/session/tenant', { tenant: other.tenant.slug });
    expect(refused.status).toBe(404);
    expect((await browser.get('/api/me')).body.tenant.id).toBe(b.body.tenant.id);
    expect((await new Browser(h).post('/api/session/tenant', { tenant: a.body.tenant.slug })).status).toBe(401);
  });
});

describe('own password', () => {
  it('needs the current password and a strong new one; ends the other sessions only', async () => {
    const { email, browser } = fresh();
    await signup(browser, email);
    const laptop = new Browser(h, '10.26.0.1');
    expect((await laptop.post('/api/login', { email, password: PASSWORD })).status).toBe(200);

    const wrong = await browser.post('/api/me/password', { current: 'Not-The-Password-1', next: 'Brand-New-Secret-77' });
    expect(wrong.status).toBe(401);
    const weak = await browser.post('/api/me/password', { current: PASSWORD, next: 'password1' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toEqual(['/next']);
    expect((await laptop.get('/api/me')).status).toBe(200); // nothing changed yet

    const ok = await browser.post('/api/me/password', { current: PASSWORD, next: 'Brand-New-Secret-77' });
    expect(ok.status).toBe(204);
    expect((await browser.get('/api/me')).status).toBe(200);
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await new Browser(h, '10.26.0.2').post('/api/login', { email, password: PASSWORD })).status).toBe(401);
    expect((await new Browser(h, '10.26.0.3').post('/api/login', { email, password: 'Brand-New-Secret-77' })).status).toBe(200);
  });
});

describe('sign-up races', () => {
  it('answers 409, not an error, when two sign-ups claim one new email at once', async () => {
    const h2 = await startHarness();
    try {
      const body = { tenantName: 'Race', name: 'Racer', email: 'race@example.com', password: PASSWORD };
      const results = await Promise.all([new Browser(h2).post('/api/signup', body), new Browser(h2).post('/api/signup', body)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    } finally {
      h2.close();
    }
  });
});
