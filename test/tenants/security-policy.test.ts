import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** A company's sign-in rules: password length, session lifetimes, a second factor required of chosen roles. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const HOUR = 3_600_000;
const setPolicy = async (owner: Browser, settings: Record<string, unknown>) => {
  const res = await owner.patch('/api/tenant', { settings });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

describe('password policy', () => {
  it('asks 12 characters by default, as many as the strictest company of the person asks, and names the field', async () => {
    const short = await new Browser(h).post('/api/signup', { tenantName: 'Short Co', name: 'Sam', email: 'sam@short.test', password: 'Harbor-17ab' });
    expectProblem(short, 422);
    expect(short.body.errors).toEqual([{ path: '/password', message: 'must have at least 12 characters' }]);

    const { owner, tenant } = await signUp(h);
    const person = await addMember(h, owner, tenant.slug);
    await setPolicy(owner, { passwordMinLength: 20 });
    expect((await owner.get('/api/tenant')).body.settings.passwordMinLength).toBe(20);
    const change = await person.browser.post('/api/me/password', { current: PASSWORD, next: 'Lantern-Harbor-91x' });
    expectProblem(change, 422);
    expect(change.body.errors).toEqual([{ path: '/next', message: 'must have at least 20 characters' }]);
    // The same person in a second, laxer company: the stricter one still decides.
    const other = await signUp(h);
    await other.owner.post('/api/users', { email: person.email, name: 'Again', role: 'member' });
    expect((await person.browser.post('/api/me/password', { current: PASSWORD, next: 'Lantern-Harbor-91x-Quay' })).status).toBe(204);
    expectProblem(await owner.patch('/api/tenant', { settings: { passwordMinLength: 7 } }), 400);
  });
});

describe('session lifetimes', () => {
  it('end a session unused longer than the company allows, and any session after its lifetime', async () => {
    const { owner, tenant } = await signUp(h);
    await setPolicy(owner, { sessionIdleHours: 1, sessionLifetimeDays: 1 });
    const idle = await addMember(h, owner, tenant.slug);
    const busy = await addMember(h, owner, tenant.slug);
    const started = h.clock.now;
    const use = (who: Browser) => who.get('/api/me');
    h.clock.now += 30 * 60_000;
    expect((await use(idle.browser)).status).toBe(200);
    expect((await use(busy.browser)).status).toBe(200);
    h.clock.now += 50 * 60_000;
    expect((await use(busy.browser)).status).toBe(200);
    // Idle for 70 minutes: ended; the other, used 20 minutes ago, goes on.
    h.clock.now += 20 * 60_000;
    expectProblem(await use(idle.browser), 401);
    expect((await use(busy.browser)).status).toBe(200);
    // Used every 50 minutes, a session still ends a day after it started.
    while (h.clock.now + 50 * 60_000 < started + 24 * HOUR) {
      h.clock.now += 50 * 60_000;
      expect((await use(busy.browser)).status).toBe(200);
    }
    h.clock.now = started + 24 * HOUR + 60_000;
    expectProblem(await use(busy.browser), 401);
  });

  it('end sessions older than a shortened lifetime at once, not only new ones', async () => {
    const { owner, tenant } = await signUp(h);
    const person = await addMember(h, owner, tenant.slug);
    // Started under the default week; two days later the company allows one day.
    for (let i = 0; i < 4; i++) {
      h.clock.now += 11 * HOUR;
      expect((await person.browser.get('/api/me')).status).toBe(200);
      expect((await owner.get('/api/me')).status).toBe(200);
    }
    await setPolicy(owner, { sessionLifetimeDays: 1 });
    expectProblem(await person.browser.get('/api/me'), 401);
  });
});

describe('second factor required', () => {
  it('leaves a holder of a chosen role without one only setting it up, then lets them work', async () => {
    const { owner, tenant } = await signUp(h);
    const person = await addMember(h, owner, tenant.slug, 'sales_rep');
    expectProblem(await owner.patch('/api/tenant', { settings: { secondFactorRoles: ['wizard'] } }), 422);
    await setPolicy(owner, { secondFactorRoles: ['sales_rep'] });

    const refused = await person.browser.get('/api/records/lead');
    expectProblem(refused, 403);
    expect(refused.body.secondFactorRequired).toBe(true);
    expect((await person.browser.get('/api/me')).body).toMatchObject({ totp: false, secondFactorRequired: true });
    // The owner, whose role is not chosen, works as before.
    expect((await owner.get('/api/records/lead')).status).toBe(200);

    const start = await person.browser.post('/api/me/totp', { password: PASSWORD });
    const code = new TOTP({ secret: Secret.fromBase32(start.body.secret) }).generate({ timestamp: h.clock.now });
    expect((await person.browser.post('/api/me/totp/confirm', { code })).status).toBe(200);
    expect((await person.browser.get('/api/me')).body.secondFactorRequired).toBe(false);
    expect((await person.browser.get('/api/records/lead')).status).toBe(200);
  });
});
