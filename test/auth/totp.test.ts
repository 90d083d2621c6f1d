import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

/** A member with a confirmed second factor; returns the secret their app holds. */
async function enrolled() {
  const { owner, tenant } = await signUp(h);
  const person = await addMember(h, owner, tenant.slug);
  const start = await person.browser.post('/api/me/totp', { password: PASSWORD });
  expect(start.status).toBe(201);
  expect(start.body.uri).toMatch(/^otpauth:\/\/totp\//);
  expect((await person.browser.post('/api/me/totp/confirm', { code: '000000' })).status).toBe(422);
  expect((await person.browser.post('/api/me/totp/confirm', { code: codeAt(start.body.secret, h.clock.now) })).status).toBe(200);
  expect((await person.browser.get('/api/me')).body.totp).toBe(true);
  return { owner, tenant, person, secret: start.body.secret as string };
}

describe('second factor (TOTP)', () => {
  it('asks for the code after a right password, refuses a wrong one, accepts the current one once', async () => {
    const { person, secret } = await enrolled();
    const fresh = new Browser(h, '198.51.100.9');
    const asked = await fresh.post('/api/login', { email: person.email, password: PASSWORD });
    expect(asked.status).toBe(401);
    expect(asked.body).toMatchObject({ totpRequired: true, errors: [{ path: '/totp', message: 'is required' }] });
    expect(fresh.cookie).toBe('');
    expect((await fresh.post('/api/login', { email: person.email, password: PASSWORD, totp: '123456' })).body.errors[0].message).toBe(
      'is not the current code',
    );
    h.clock.now += 30_000;
    const code = codeAt(secret, h.clock.now);
    expect((await fresh.post('/api/login', { email: person.email, password: PASSWORD, totp: code })).status).toBe(200);
    // The same code again (someone who saw it) is refused.
    expect((await new Browser(h, '198.51.100.10').post('/api/login', { email: person.email, password: PASSWORD, totp: code })).status).toBe(401);
    // A wrong password still answers like an unknown email, code or not.
    const wrong = await fresh.post('/api/login', { email: person.email, password: 'not the password', totp: code });
    expect(wrong.body.totpRequired).toBeUndefined();
  });

  it('spends a code only on a login that starts a session, not on the company choice before it', async () => {
    const { person, secret, tenant } = await enrolled();
    const other = await signUp(h);
    expect((await other.owner.post('/api/users', { email: person.email, name: 'Linked', role: 'member' })).status).toBe(201);
    const [invitation] = (await person.browser.get('/api/invitations')).body.items;
    expect((await person.browser.post(`/api/invitations/${invitation.id}/accept`)).status).toBe(200);
    h.clock.now += 30_000;
    const code = codeAt(secret, h.clock.now);
    const fresh = new Browser(h, '198.51.100.20');
    const choice = await fresh.post('/api/login', { email: person.email, password: PASSWORD, totp: code });
    expect(choice.status).toBe(409);
    expect(choice.body.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual([tenant.slug, other.tenant.slug].sort());
    expect(fresh.cookie).toBe('');
    expect((await fresh.post('/api/login', { email: person.email, password: PASSWORD, totp: code, tenant: tenant.slug })).status).toBe(200);
    // Once a session used it, the code is spent, whichever company is asked for.
    const again = await new Browser(h, '198.51.100.21').post('/api/login', { email: person.email, password: PASSWORD, totp: code, tenant: other.tenant.slug });
    expect(again.status).toBe(401);
    expect(again.body.errors).toEqual([{ path: '/totp', message: 'is not the current code' }]);
  });

  it('counts wrong codes against the account like wrong passwords', async () => {
    const { person } = await enrolled();
    const attacker = new Browser(h, '203.0.113.5');
    for (let i = 0; i < 5; i++)
      expect((await attacker.post('/api/login', { email: person.email, password: PASSWORD, totp: String(100000 + i) })).status).toBe(401);
    expect((await attacker.post('/api/login', { email: person.email, password: PASSWORD, totp: '999999' })).status).toBe(429);
    h.clock.now += 16 * 60_000;
  });

  it('ends other sessions when turned on, turns off with the password, and an owner’s reset clears it', async () => {
    const { owner, person, secret } = await enrolled();
    expect((await person.browser.get('/api/me')).status).toBe(200);
    expect((await person.browser.post('/api/me/totp', { password: PASSWORD })).status).toBe(409);
    expect((await person.browser.post('/api/me/totp/disable', { password: 'wrong password!' })).status).toBe(401);
    expect((await person.browser.post('/api/me/totp/disable', { password: PASSWORD })).status).toBe(204);
    expect((await new Browser(h, '198.51.100.20').post('/api/login', { email: person.email, password: PASSWORD })).status).toBe(200);

    const elsewhere = new Browser(h, '198.51.100.22');
    expect((await elsewhere.post('/api/login', { email: person.email, password: PASSWORD })).status).toBe(200);
    h.clock.now += 60_000;
    const again = await person.browser.post('/api/me/totp', { password: PASSWORD });
    expect((await person.browser.post('/api/me/totp/confirm', { code: codeAt(again.body.secret, h.clock.now) })).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await person.browser.get('/api/me')).status).toBe(200);
    expect(again.body.secret).not.toBe(secret);
    const id = (await person.browser.get('/api/me')).body.user.id;
    expect((await owner.post(`/api/users/${id}/password`, { password: 'Fresh-Harbor-Lantern-77' })).status).toBe(204);
    expect((await new Browser(h, '198.51.100.21').post('/api/login', { email: person.email, password: 'Fresh-Harbor-Lantern-77' })).status).toBe(200);
    const actions = (await owner.get(`/api/audit?actor=${id}`)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['totp.enabled', 'totp.disabled']));
  });

  it('stores the secret sealed, never as the code’s base32', async () => {
    const { person, secret } = await enrolled();
    const row = (await h.db.client.execute({ sql: 'SELECT totp_secret FROM users WHERE email = ?', args: [person.email] })).rows[0]!;
    expect(String(row.totp_secret)).not.toContain(secret);
    expect(String(row.totp_secret).length).toBeGreaterThan(40);
  });
});
