import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, linkToken, PASSWORD, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const fresh = () => new Browser(h, `10.60.${++n % 250}.1`);
const login = (email: string, password: string, tenant?: string) => fresh().post('/api/login', { email, password, ...(tenant ? { tenant } : {}) });

/** A person who belongs to two companies by their own choice (invited by the second, accepted). */
async function personOfTwo() {
  const home = await signUp(h);
  const person = await addMember(h, home.owner, home.tenant.slug, 'sales_rep');
  // Joined later: a minute passes.
  h.clock.now += 60_000;
  const other = await signUp(h);
  const invited = await other.owner.post('/api/users', { email: person.email, name: 'Them', role: 'member' });
  expect((await person.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`)).status).toBe(200);
  return { home, other, person };
}

describe('an owner’s reset for a person of several companies is a one-time link', () => {
  it('sets no password the owner would know; the person chooses one through the link', async () => {
    const { home, other, person } = await personOfTwo();
    expectProblem(await home.owner.post(`/api/users/${person.id}/password`, { password: 'Owner-Knows-This-1' }), 409);
    const issued = await home.owner.post(`/api/users/${person.id}/password-reset`);
    expect(issued.status).toBe(201);
    expect(issued.body.link).toMatch(/^http:\/\/localhost\/reset-password#[\w-]{43}$/);
    const token = linkToken(issued.body.link);
    expect((await fresh().post('/api/password-reset/check', { token })).body).toEqual({ email: person.email, totpRequired: false });
    // Nothing changed yet: the old password still opens both companies.
    expect((await login(person.email, PASSWORD, other.tenant.slug)).status).toBe(200);

    const weak = await fresh().post('/api/password-reset', { token, password: 'password1' });
    expectProblem(weak, 422);
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toEqual(['/password']);
    expect((await fresh().post('/api/password-reset', { token, password: 'Chosen-By-Them-42' })).status).toBe(204);
    // Spent, sessions ended everywhere, the new password opens both companies.
    expectProblem(await fresh().post('/api/password-reset', { token, password: 'Second-Use-Of-It-5' }), 404);
    expectProblem(await person.browser.get('/api/me'), 401);
    expect((await login(person.email, PASSWORD, home.tenant.slug)).status).toBe(401);
    expect((await login(person.email, 'Chosen-By-Them-42', home.tenant.slug)).status).toBe(200);
    expect((await login(person.email, 'Chosen-By-Them-42', other.tenant.slug)).status).toBe(200);
    // Both companies' audit trails say the password was reset.
    for (const owner of [home.owner, other.owner])
      expect((await owner.get('/api/audit?action=password.reset')).body.items[0]).toMatchObject({ actor: { id: person.id } });
    expect((await home.owner.get('/api/audit?action=user.password_reset_link')).body.items).toHaveLength(1);
  });

  it('keeps a second factor on and asks for its code, so the link alone opens nothing', async () => {
    const { home, person } = await personOfTwo();
    const enrol = await person.browser.post('/api/me/totp', { password: PASSWORD });
    const code = (at: number) => new TOTP({ secret: Secret.fromBase32(enrol.body.secret) }).generate({ timestamp: at });
    expect((await person.browser.post('/api/me/totp/confirm', { code: code(h.clock.now) })).status).toBe(200);
    const token = linkToken((await home.owner.post(`/api/users/${person.id}/password-reset`)).body.link);
    expect((await fresh().post('/api/password-reset/check', { token })).body.totpRequired).toBe(true);
    h.clock.now += 30_000;
    const asked = await fresh().post('/api/password-reset', { token, password: 'With-A-Code-Now-8' });
    expectProblem(asked, 401);
    expect(asked.body).toMatchObject({ totpRequired: true, errors: [{ path: '/totp', message: 'is required' }] });
    expectProblem(await fresh().post('/api/password-reset', { token, password: 'With-A-Code-Now-8', totp: '000000' }), 401);
    expect((await fresh().post('/api/password-reset', { token, password: 'With-A-Code-Now-8', totp: code(h.clock.now) })).status).toBe(204);
    const again = await login(person.email, 'With-A-Code-Now-8', home.tenant.slug);
    expect(again.body.totpRequired).toBe(true);
  });

  it('is for people of the caller’s company whose role the caller may manage', async () => {
    const { owner, tenant, user } = await signUp(h);
    const admin = await addMember(h, owner, tenant.slug, 'administrator');
    const stranger = await signUp(h);
    expectProblem(await owner.post(`/api/users/${stranger.user.id}/password-reset`), 404);
    expectProblem(await admin.browser.post(`/api/users/${user.id}/password-reset`), 403);
    const member = await addMember(h, owner, tenant.slug);
    expectProblem(await member.browser.post(`/api/users/${admin.id}/password-reset`), 403);
    expect((await admin.browser.post(`/api/users/${member.id}/password-reset`)).status).toBe(201);
  });

  it('only an owner of the company the person joined first may issue one: no company joined later can take the account over', async () => {
    const { home, other, person } = await personOfTwo();
    const refused = await other.owner.post(`/api/users/${person.id}/password-reset`);
    expectProblem(refused, 409);
    expect(refused.body.detail).toContain('company they joined first');
    const homeAdmin = await addMember(h, home.owner, home.tenant.slug, 'administrator');
    expectProblem(await homeAdmin.browser.post(`/api/users/${person.id}/password-reset`), 409);
    expect((await home.owner.post(`/api/users/${person.id}/password-reset`)).status).toBe(201);
    expect((await other.owner.get('/api/audit?action=user.password_reset_link')).body.items).toEqual([]);
  });

  it('dies when the person changes the password themselves, or leaves the company that issued it', async () => {
    const { home, person } = await personOfTwo();
    const changed = linkToken((await home.owner.post(`/api/users/${person.id}/password-reset`)).body.link);
    expect((await person.browser.post('/api/me/password', { current: PASSWORD, next: 'Changed-By-Myself-5' })).status).toBe(204);
    expectProblem(await fresh().post('/api/password-reset/check', { token: changed }), 404);

    const single = await signUp(h);
    const member = await addMember(h, single.owner, single.tenant.slug);
    const left = linkToken((await single.owner.post(`/api/users/${member.id}/password-reset`)).body.link);
    expect((await single.owner.delete(`/api/users/${member.id}`)).status).toBe(204);
    expectProblem(await fresh().post('/api/password-reset', { token: left, password: 'After-I-Left-It-4' }), 404);
  });

  it('expires after a day, and a newer link replaces an older one', async () => {
    const { home, person } = await personOfTwo();
    const first = linkToken((await home.owner.post(`/api/users/${person.id}/password-reset`)).body.link);
    const second = linkToken((await home.owner.post(`/api/users/${person.id}/password-reset`)).body.link);
    expectProblem(await fresh().post('/api/password-reset/check', { token: first }), 404);
    h.clock.now += 24 * 3600_000;
    expectProblem(await fresh().post('/api/password-reset', { token: second, password: 'Too-Late-For-This-3' }), 404);
    expect((await login(person.email, PASSWORD, home.tenant.slug)).status).toBe(200);
  });
});
