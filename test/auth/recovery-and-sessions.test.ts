import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

describe('recovery codes', () => {
  it('come ten at once with the second factor, stored hashed, each good for one sign-in without the app', async () => {
    const { owner, tenant } = await signUp(h);
    const person = await addMember(h, owner, tenant.slug);
    const start = await person.browser.post('/api/me/totp', { password: PASSWORD });
    const confirmed = await person.browser.post('/api/me/totp/confirm', { code: codeAt(start.body.secret, h.clock.now) });
    expect(confirmed.status).toBe(200);
    const codes = confirmed.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(JSON.stringify((await h.db.client.execute('SELECT * FROM recovery_codes')).rows)).not.toContain(codes[0]);
    expect((await person.browser.get('/api/me/totp')).body).toEqual({ enabled: true, recoveryCodesLeft: 10 });

    // In place of the app's code, typed in capitals and without the dash; then never again.
    const phone = new Browser(h, '198.51.100.20');
    const typed = codes[0]!.toUpperCase().replace('-', '');
    expect((await phone.post('/api/login', { email: person.email, password: PASSWORD, totp: typed })).status).toBe(200);
    const again = await new Browser(h, '198.51.100.21').post('/api/login', { email: person.email, password: PASSWORD, totp: codes[0] });
    expectProblem(again, 401);
    expect(again.body.errors[0].message).toBe('is not an unused recovery code');
    expect((await person.browser.get('/api/me/totp')).body.recoveryCodesLeft).toBe(9);
    expect((await owner.get('/api/audit?action=totp.recovery_used')).body.items).toHaveLength(1);

    // New ones with the password: the old ones stop working.
    expectProblem(await person.browser.post('/api/me/totp/recovery-codes', { password: 'wrong-password-1234' }), 401);
    const renewed = (await person.browser.post('/api/me/totp/recovery-codes', { password: PASSWORD })).body.recoveryCodes as string[];
    expect(renewed).toHaveLength(10);
    expectProblem(await new Browser(h, '198.51.100.22').post('/api/login', { email: person.email, password: PASSWORD, totp: codes[1] }), 401);
    expect((await new Browser(h, '198.51.100.23').post('/api/login', { email: person.email, password: PASSWORD, totp: renewed[1] })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('are listed for their person with device and address, and end one by one or all others at once', async () => {
    const { owner, tenant } = await signUp(h);
    const person = await addMember(h, owner, tenant.slug);
    // Joining through the invitation started sessions already: the one `person.browser` holds is marked current for it.
    const before = (await person.browser.get('/api/me/sessions')).body.items;
    const other = before.find((s: { current: boolean }) => s.current);
    const laptop = new Browser(h, '203.0.113.5');
    h.clock.now += 60_000;
    await laptop.call('POST', '/api/login', { email: person.email, password: PASSWORD }, { 'user-agent': 'Laptop Browser 1.0' });
    const list = (await laptop.get('/api/me/sessions')).body.items;
    expect(list).toHaveLength(before.length + 1);
    const here = list.find((s: { current: boolean }) => s.current);
    expect(here).toMatchObject({ device: 'Laptop Browser 1.0', address: '203.0.113.5', company: expect.any(String) });
    // The most recently active first.
    expect(list[0].id).toBe(here.id);

    // Another person cannot end it (their own list does not hold it: 404).
    expectProblem(await owner.delete(`/api/me/sessions/${other.id}`), 404);
    expect((await laptop.delete(`/api/me/sessions/${other.id}`)).status).toBe(204);
    expectProblem(await person.browser.get('/api/me'), 401);
    // Sign in again elsewhere, then end all but this one.
    const phone = new Browser(h, '203.0.113.6');
    await phone.post('/api/login', { email: person.email, password: PASSWORD });
    expect((await laptop.post('/api/me/sessions/end-others')).body).toEqual({ ended: before.length });
    expectProblem(await phone.get('/api/me'), 401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await laptop.get('/api/me/sessions')).body.items.map((s: { id: string }) => s.id)).toEqual([here.id]);
    const actions = (await owner.get('/api/audit?action=session')).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['session.ended_others', 'session.ended']);
  });

  it('of a person are ended by an owner of their company, not by anyone else', async () => {
    const { owner, tenant } = await signUp(h);
    const person = await addMember(h, owner, tenant.slug, 'administrator');
    const colleague = await addMember(h, owner, tenant.slug, 'administrator');
    expectProblem(await colleague.browser.post(`/api/users/${person.id}/sessions/end`), 403);
    expect((await person.browser.get('/api/me')).status).toBe(200);
    const theirs = (await person.browser.get('/api/me/sessions')).body.items.length;
    expect((await owner.post(`/api/users/${person.id}/sessions/end`)).body).toEqual({ ended: theirs });
    expectProblem(await person.browser.get('/api/me'), 401);
    const stranger = (await signUp(h)).owner;
    expectProblem(await stranger.post(`/api/users/${person.id}/sessions/end`), 404);
  });
});
