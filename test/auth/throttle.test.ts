import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';

const WINDOW_S = 15 * 60;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const login = (address: string, email: string, password: string, tenant?: string) =>
  new Browser(h, address).post('/api/login', { email, password, ...(tenant ? { tenant } : {}) });

/** A tenant whose owner has a known email; returns the owner's browser too. */
async function person() {
  const email = `throttle${++n}@example.com`;
  const t = await signUp(h, `Throttle ${n}`, email);
  return { ...t, email };
}

describe('login throttling per account', () => {
  it('refuses the 6th try within 15 minutes with 429 and Retry-After, even with the right password, from any address', async () => {
    const { email } = await person();
    for (let i = 1; i <= 5; i++) {
      const res = await login(`10.30.${n}.${i}`, email, `Wrong-Guess-${i}x`);
      expect(res.status, `failure ${i}`).toBe(401);
    }
    const sixth = await login(`10.30.${n}.100`, email, PASSWORD);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retry = Number(sixth.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(WINDOW_S);
    expect(sixth.headers.get('set-cookie')).toBeNull();
    // A throttled account is refused before its password is looked at: signup with it is refused too.
    const signup = await new Browser(h, `10.30.${n}.101`).post('/api/signup', { tenantName: 'Sneak', name: 'x', email, password: PASSWORD });
    expect(signup.status).toBe(429);

    // Another account from the same addresses is not affected.
    const other = await person();
    expect((await login(`10.30.${n - 1}.100`, other.email, PASSWORD)).status).toBe(200);

    h.clock.now += retry * 1000 - 2000;
    expect((await login(`10.30.${n}.102`, email, PASSWORD)).status).toBe(429);
    h.clock.now += WINDOW_S * 1000;
    expect((await login(`10.30.${n}.103`, email, PASSWORD)).status).toBe(200);
  });

  it('forgives an account its failures after a successful login', async () => {
    const { email } = await person();
    for (let i = 1; i <= 4; i++) expect((await login('10.31.0.1', email, `Wrong-Guess-${i}x`)).status).toBe(401);
    expect((await login('10.31.0.2', email, PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 4; i++) expect((await login('10.31.0.3', email, `Wrong-Guess-${i}y`)).status).toBe(401);
    expect((await login('10.31.0.4', email, PASSWORD)).status).toBe(200);
  });

  it('counts wrong current passwords on the password change against the account', async () => {
    const { email, owner } = await person();
    for (let i = 1; i <= 5; i++)
      expect((await owner.post('/api/me/password', { current: `Wrong-Guess-${i}z`, next: 'Fresh-Secret-Value-9' })).status).toBe(401);
    const blocked = await owner.post('/api/me/password', { current: PASSWORD, next: 'Fresh-Secret-Value-9' });
    expect(blocked.status).toBe(429);
    expect((await login('10.32.0.1', email, PASSWORD)).status).toBe(429);
  });
});

describe('login throttling per address', () => {
  it('refuses an address after 30 failures spread over many accounts, and only that address', async () => {
    const address = '192.0.2.77';
    const victim = await person();
    for (let i = 0; i < 30; i++) {
      // Never more than 2 tries per account: only the address can be what throttles.
      const res = await login(address, `spray${Math.floor(i / 2)}@example.com`, 'Spray-Guess-123');
      expect(res.status, `failure ${i + 1}`).toBe(401);
    }
    const blocked = await login(address, victim.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('192.0.2.78', victim.email, PASSWORD)).status).toBe(200);
    // The address is the hop the trusted proxy appended last: a client inventing earlier hops does not escape.
    const viaProxy = await new Browser(h, `10.9.9.9, ${address}`).post('/api/login', { email: victim.email, password: PASSWORD });
    expect(viaProxy.status).toBe(429);
    // A success elsewhere does not forgive the address.
    expect((await login(address, victim.email, PASSWORD)).status).toBe(429);
    h.clock.now += (WINDOW_S + 1) * 1000;
    expect((await login(address, victim.email, PASSWORD)).status).toBe(200);
  });
});

describe('audit of logins', () => {
  it('records failed and successful logins with the address, for the owner to read', async () => {
    const { email, owner, user } = await person();
    expect((await login('198.51.100.7', email, 'Wrong-Guess-Audit-1')).status).toBe(401);
    expect((await login('198.51.100.8', email, PASSWORD)).status).toBe(200);
    const trail = await owner.get('/api/audit?action=login');
    expect(trail.status).toBe(200);
    const events = trail.body.items.map((e: any) => ({ action: e.action, address: e.address, actor: e.actor?.id }));
    expect(events.slice(0, 2)).toEqual([
      { action: 'login.succeeded', address: '198.51.100.8', actor: user.id },
      { action: 'login.failed', address: '198.51.100.7', actor: user.id },
    ]);
    // Another tenant's owner does not see these.
    const other = await person();
    const theirs = (await other.owner.get('/api/audit?action=login')).body.items;
    expect(theirs.filter((e: any) => e.actor?.id === user.id)).toEqual([]);
  });
});

describe('parallel guesses', () => {
  it('cannot slip more than the limit past the account throttle at once', async () => {
    const victim = await person();
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`203.0.113.${i + 1}`, victim.email, `Parallel-Guess-${i}`)));
    const answered = guesses.map((g) => g.status);
    expect(answered.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(answered.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    h.clock.now += (WINDOW_S + 1) * 1000;
  });
});
