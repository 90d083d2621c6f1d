import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, ensureTeam, linkToken, PASSWORD, publishChange, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const freshBrowser = () => new Browser(h, `10.50.${++n % 250}.${n % 200}`);
const login = (email: string, password = PASSWORD, tenant?: string) => freshBrowser().post('/api/login', { email, password, ...(tenant ? { tenant } : {}) });
const DAY = 24 * 3600_000;

/** A company whose owner has an account of their own: the person someone else will try to add. */
async function personWithCompany(name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++n}@example.com`;
  const browser = freshBrowser();
  const res = await browser.post('/api/signup', { tenantName: `${name}’s company ${n}`, name, email, password: PASSWORD });
  expect(res.status).toBe(201);
  return { browser, email, user: res.body.user as { id: string }, tenant: res.body.tenant as { slug: string } };
}

describe('adding a person by email discloses nothing about an account elsewhere', () => {
  it('answers alike for an existing account and an unknown email, and adds neither at once', async () => {
    const pat = await personWithCompany('Pat Existing');
    const { owner } = await signUp(h);
    const existing = await owner.post('/api/users', { email: pat.email, name: 'Whoever', role: 'sales_rep' });
    const unknown = await owner.post('/api/users', { email: `nobody.${++n}@example.com`, name: 'Whoever', role: 'sales_rep' });
    for (const res of [existing, unknown]) {
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['emailed', 'invitation', 'link']);
      // Mailed or not depends on the runtime's settings alone, never on whether the address has an account.
      expect(res.body.emailed).toBe(false);
      expect(Object.keys(res.body.invitation).sort()).toEqual(['createdAt', 'email', 'expired', 'expiresAt', 'id', 'invitedBy', 'name', 'role', 'team']);
      expect(res.body.invitation).toMatchObject({ name: 'Whoever', role: 'sales_rep', team: null, expired: false });
      expect(res.body.link).toMatch(/^http:\/\/localhost\/invite#[\w-]{43}$/);
    }
    expect(JSON.stringify(existing.body)).not.toContain(pat.user.id);
    expect(JSON.stringify(existing.body)).not.toContain('Pat Existing');
    expect(new Date(existing.body.invitation.expiresAt).getTime() - new Date(existing.body.invitation.createdAt).getTime()).toBe(7 * DAY);

    // Nobody joined: the members list is unchanged, Pat's company picker shows Pat's company only.
    expect((await owner.get('/api/users')).body.items).toHaveLength(1);
    const pats = await login(pat.email);
    expect(pats.status).toBe(200);
    expect(pats.body.tenant.slug).toBe(pat.tenant.slug);
    // Pat still belongs to one company only, so its owner may still set Pat's password.
    expect((await pat.browser.post(`/api/users/${pat.user.id}/password`, { password: 'Set-By-Home-Owner-1' })).status).toBe(204);
  });

  it('lists pending invitations with who sent them and when; a new one for the same email replaces the old', async () => {
    const { owner, user } = await signUp(h);
    const first = await owner.post('/api/users', { email: `queued.${++n}@example.com`, name: 'Quinn', role: 'member' });
    h.clock.now += 60_000;
    await ensureTeam(owner, 'north');
    const again = await owner.post('/api/users', { email: first.body.invitation.email.toUpperCase(), name: 'Quinn Q', role: 'sales_rep', team: 'north' });
    const list = (await owner.get('/api/users/invitations')).body.items;
    expect(list).toEqual([again.body.invitation]);
    expect(list[0]).toMatchObject({ name: 'Quinn Q', role: 'sales_rep', team: 'north', invitedBy: { id: user.id, name: 'Olive Owner' } });
    expectProblem(await freshBrowser().post('/api/invitations/link', { token: linkToken(first.body.link) }), 404);
    expect((await freshBrowser().post('/api/invitations/link', { token: linkToken(again.body.link) })).status).toBe(200);
  });

  it('refuses someone who is already a member, naming the email', async () => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    const res = await owner.post('/api/users', { email: m.email, name: 'Again', role: 'member' });
    expectProblem(res, 409);
    expect(res.body.errors).toEqual([{ path: '/email', message: 'is already a member' }]);
  });
});

describe('an existing account joins only when its holder accepts', () => {
  it('sees the invitation after signing in, accepts it and works in both companies', async () => {
    const pat = await personWithCompany('Pat Accepting');
    const company = `Acme ${++n}`;
    const acme = await signUp(h, company);
    await ensureTeam(acme.owner, 'north');
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'sales_rep', team: 'north' });

    const seen = await pat.browser.get('/api/invitations');
    expect(seen.body.items).toEqual([
      {
        id: invited.body.invitation.id,
        email: pat.email,
        name: 'Pat',
        tenant: { name: company, slug: acme.tenant.slug },
        role: {
          key: 'sales_rep',
          label: 'Sales representative',
          i18n: expect.objectContaining({ de: expect.objectContaining({ label: 'Vertriebsmitarbeiter' }) }),
        },
        invitedBy: { name: 'Olive Owner' },
        expiresAt: invited.body.invitation.expiresAt,
      },
    ]);
    // Not a member yet: the company is not Pat's to open.
    expectProblem(await pat.browser.post('/api/session/tenant', { tenant: acme.tenant.slug }), 404);

    const accepted = await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ tenant: { slug: acme.tenant.slug }, role: 'sales_rep' });
    expect((await pat.browser.get('/api/invitations')).body.items).toEqual([]);
    expect((await acme.owner.get('/api/users/invitations')).body.items).toEqual([]);
    const member = (await acme.owner.get('/api/users')).body.items.find((u: { id: string }) => u.id === pat.user.id);
    expect(member).toMatchObject({ name: 'Pat Accepting', role: 'sales_rep', team: 'north', active: true });

    // Pat works in both: the picker offers both, and each session sees its own company's records.
    const choice = await login(pat.email);
    expect(choice.status).toBe(409);
    expect(choice.body.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual([pat.tenant.slug, acme.tenant.slug].sort());
    const home = await pat.browser.post('/api/records/lead', { data: { lastName: 'Home lead' } });
    expect((await pat.browser.post('/api/session/tenant', { tenant: acme.tenant.slug })).status).toBe(200);
    expect((await pat.browser.get('/api/me')).body.role.key).toBe('sales_rep');
    expect((await pat.browser.post('/api/records/lead', { data: { lastName: 'Acme lead' } })).status).toBe(201);
    expect((await pat.browser.get(`/api/records/lead/${home.body.id}`)).status).toBe(404);

    const events = (await acme.owner.get('/api/audit?action=invitation')).body.items.map((e: any) => [e.action, e.actor?.id ?? null]);
    expect(events).toEqual([
      ['invitation.accepted', pat.user.id],
      ['invitation.created', acme.user.id],
    ]);
    // Now Pat belongs to two companies by choice: no owner may set a password that opens both.
    expectProblem(await acme.owner.post(`/api/users/${pat.user.id}/password`, { password: 'Not-Yours-To-Set-1' }), 409);
  });

  it('a declined invitation grants nothing, and the inviting company learns only that it was declined', async () => {
    const pat = await personWithCompany('Pat Declining');
    const acme = await signUp(h);
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'member' });
    expect((await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/decline`)).status).toBe(204);
    expect((await pat.browser.get('/api/invitations')).body.items).toEqual([]);
    expectProblem(await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`), 404);
    expectProblem(await pat.browser.post('/api/session/tenant', { tenant: acme.tenant.slug }), 404);
    expect((await acme.owner.get('/api/users')).body.items).toHaveLength(1);
    expect((await acme.owner.get('/api/users/invitations')).body.items).toEqual([]);
    expectProblem(await freshBrowser().post('/api/invitations/link', { token: linkToken(invited.body.link) }), 404);
    const [declined] = (await acme.owner.get('/api/audit?action=invitation.declined')).body.items;
    expect(declined).toMatchObject({
      actor: null,
      target: { type: 'invitation', id: invited.body.invitation.id },
      changes: { email: pat.email, role: 'member' },
    });
  });

  it('an expired invitation grants nothing and shows as expired to the company', async () => {
    const pat = await personWithCompany('Pat Late');
    const acmeEmail = `acme.owner.${++n}@example.com`;
    const acme = await signUp(h, `Acme ${n}`, acmeEmail);
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'member' });
    h.clock.now += 7 * DAY;
    const later = freshBrowser();
    expect((await later.post('/api/login', { email: pat.email, password: PASSWORD })).status).toBe(200);
    expect((await later.get('/api/invitations')).body.items).toEqual([]);
    expectProblem(await later.post(`/api/invitations/${invited.body.invitation.id}/accept`), 404);
    expectProblem(await freshBrowser().post('/api/invitations/link', { token: linkToken(invited.body.link) }), 404);
    expectProblem(
      await freshBrowser().post('/api/invitations/link/accept', { token: linkToken(invited.body.link), account: 'existing', password: PASSWORD }),
      404,
    );
    const owner = freshBrowser();
    expect((await owner.post('/api/login', { email: acmeEmail, password: PASSWORD })).status).toBe(200);
    expect((await owner.get('/api/users/invitations')).body.items).toEqual([expect.objectContaining({ id: invited.body.invitation.id, expired: true })]);
    expect((await owner.get('/api/users')).body.items).toHaveLength(1);
  });

  it('a revoked invitation grants nothing; only the inviting company may revoke it', async () => {
    const pat = await personWithCompany('Pat Revoked');
    const acme = await signUp(h);
    const stranger = await signUp(h);
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'member' });
    const id = invited.body.invitation.id;
    expectProblem(await stranger.owner.delete(`/api/users/invitations/${id}`), 404);
    expect((await acme.owner.delete(`/api/users/invitations/${id}`)).status).toBe(204);
    expectProblem(await acme.owner.delete(`/api/users/invitations/${id}`), 404);
    expect((await pat.browser.get('/api/invitations')).body.items).toEqual([]);
    expectProblem(await pat.browser.post(`/api/invitations/${id}/accept`), 404);
    expect((await acme.owner.get('/api/audit?action=invitation.revoked')).body.items).toHaveLength(1);
  });

  it('no one but the addressee can accept or decline it', async () => {
    const pat = await personWithCompany('Pat Addressee');
    const acme = await signUp(h);
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'owner' });
    const mallory = await personWithCompany('Mallory');
    for (const action of ['accept', 'decline']) expectProblem(await mallory.browser.post(`/api/invitations/${invited.body.invitation.id}/${action}`), 404);
    expect((await mallory.browser.get('/api/invitations')).body.items).toEqual([]);
    // The inviting owner cannot accept on Pat's behalf either, nor by the link with a guessed password.
    expectProblem(await acme.owner.post(`/api/invitations/${invited.body.invitation.id}/accept`), 404);
    expectProblem(
      await freshBrowser().post('/api/invitations/link/accept', { token: linkToken(invited.body.link), account: 'existing', password: 'A-Guess-Of-Mine-1' }),
      401,
    );
    expect((await pat.browser.get('/api/invitations')).body.items).toHaveLength(1);
  });

  it('an invitation whose role was removed meanwhile cannot be accepted', async () => {
    const pat = await personWithCompany('Pat Roleless');
    const acme = await signUp(h);
    await publishChange(acme.owner, (b) => (b.roles.temp = { label: 'Temporary', entities: {}, tasks: [] }));
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'temp' });
    await publishChange(acme.owner, (b) => delete b.roles.temp);
    expectProblem(await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`), 409);
    expect((await acme.owner.get('/api/users')).body.items).toHaveLength(1);
    expect((await pat.browser.get('/api/invitations')).body.items).toHaveLength(1);
  });
});

describe('an invitation is no more than its inviter may grant, and only a session answers it', () => {
  it('cannot be accepted once the inviter was removed or lost the right to grant its role', async () => {
    const pat = await personWithCompany('Pat Outlived');
    const { owner, tenant } = await signUp(h);
    const admin = await addMember(h, owner, tenant.slug, 'administrator');
    const invited = await admin.browser.post('/api/users', { email: pat.email, name: 'Pat', role: 'manager' });
    expect(invited.status).toBe(201);
    expect((await owner.patch(`/api/users/${admin.id}`, { role: 'member' })).status).toBe(200);
    const refused = await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`);
    expectProblem(refused, 409);
    expect(refused.body.detail).toContain('can no longer grant this role');
    expect((await owner.patch(`/api/users/${admin.id}`, { role: 'administrator' })).status).toBe(200);
    expect((await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`)).status).toBe(200);
  });

  it('inviting the same email again replaces the invitation only with the right to revoke it', async () => {
    const { owner, tenant } = await signUp(h);
    const admin = await addMember(h, owner, tenant.slug, 'administrator');
    const email = `boss.${++n}@example.com`;
    const first = await owner.post('/api/users', { email, name: 'Boss', role: 'owner' });
    expectProblem(await admin.browser.post('/api/users', { email, name: 'Boss', role: 'member' }), 403);
    expect((await owner.get('/api/users/invitations')).body.items.map((i: { id: string }) => i.id)).toEqual([first.body.invitation.id]);
    const again = await owner.post('/api/users', { email, name: 'Boss', role: 'member' });
    expect((await owner.get('/api/audit?action=invitation.revoked')).body.items[0].target.id).toBe(first.body.invitation.id);
    expect((await owner.get('/api/users/invitations')).body.items.map((i: { id: string }) => i.id)).toEqual([again.body.invitation.id]);
  });

  it('an API token can neither see the person’s invitations nor answer them, nor reach their other companies', async () => {
    const pat = await personWithCompany('Pat Token');
    const acme = await signUp(h);
    const invited = await acme.owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'member' });
    const { token } = (await pat.browser.post('/api/tokens', { name: 'Script' })).body;
    const bearer = { authorization: `Bearer ${token}` };
    const script = freshBrowser();
    expectProblem(await script.get('/api/invitations', bearer), 403);
    expectProblem(await script.post(`/api/invitations/${invited.body.invitation.id}/accept`, undefined, bearer), 403);
    expectProblem(await script.post('/api/session/tenant', { tenant: acme.tenant.slug }, bearer), 403);
    expect((await pat.browser.post(`/api/invitations/${invited.body.invitation.id}/accept`)).status).toBe(200);
    expect((await pat.browser.get('/api/me')).body.tenants).toHaveLength(2);
    expect((await script.get('/api/me', bearer)).body.tenants.map((t: { slug: string }) => t.slug)).toEqual([pat.tenant.slug]);
  });

  it('a company holds at most 500 invitations', async () => {
    const { owner, tenant } = await signUp(h);
    const now = h.clock.now;
    const rows = Array.from({ length: 499 }, (_, i) => ({
      sql: "INSERT INTO invitations (id, tenant_id, email, name, role, invited_by, token_hash, created_at, expires_at) SELECT ?, ?, ?, 'X', 'member', user_id, ?, ?, ? FROM memberships WHERE tenant_id = ?",
      args: [`bulk${i}`, tenant.id, `bulk${i}@example.com`, `hash${tenant.id}${i}`, now, now + 1000, tenant.id],
    }));
    await h.db.batch(rows);
    expect((await owner.post('/api/users', { email: `last.${++n}@example.com`, name: 'Last', role: 'member' })).status).toBe(201);
    expectProblem(await owner.post('/api/users', { email: `over.${++n}@example.com`, name: 'Over', role: 'member' }), 409);
  });
});

describe('the invitation link', () => {
  it('lets a person new to the installation choose their own password and join', async () => {
    const company = `Link Co ${++n}`;
    const { owner, tenant } = await signUp(h, company);
    const email = `new.${n}@example.com`;
    const invited = await owner.post('/api/users', { email, name: 'Nina New', role: 'service_rep' });
    const token = linkToken(invited.body.link);
    const info = await freshBrowser().post('/api/invitations/link', { token });
    expect(info.body).toMatchObject({
      email,
      name: 'Nina New',
      tenant: { name: company },
      role: { key: 'service_rep', label: 'Customer service representative' },
      invitedBy: { name: 'Olive Owner' },
    });

    const nina = freshBrowser();
    const weak = await nina.post('/api/invitations/link/accept', { token, account: 'new', password: 'password1' });
    expectProblem(weak, 422);
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toEqual(['/password']);
    const joined = await nina.post('/api/invitations/link/accept', { token, account: 'new', name: 'Nina N.', password: 'Ninas-Own-Secret-7' });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ user: { email, name: 'Nina N.' }, tenant: { slug: tenant.slug }, role: 'service_rep' });
    expect((await nina.get('/api/me')).body).toMatchObject({ user: { name: 'Nina N.' }, role: { key: 'service_rep' } });
    // One-time: the link is spent, the password is Nina's.
    expectProblem(await freshBrowser().post('/api/invitations/link/accept', { token, account: 'new', password: 'Another-Secret-88' }), 404);
    expect((await login(email, 'Ninas-Own-Secret-7')).status).toBe(200);
    const [accepted] = (await owner.get('/api/audit?action=invitation.accepted')).body.items;
    expect(accepted.actor).toEqual({ id: joined.body.user.id, name: 'Nina N.' });
  });

  it('lets an account holder sign in and join in one step, even one no company has any more', async () => {
    const { owner, tenant } = await signUp(h);
    const m = await addMember(h, owner, tenant.slug);
    expect((await owner.delete(`/api/users/${m.id}`)).status).toBe(204);
    expect((await login(m.email)).status).toBe(403);
    const invited = await owner.post('/api/users', { email: m.email, name: 'Back again', role: 'member' });
    const token = linkToken(invited.body.link);
    // Choosing "new" for an email that has an account is refused: the password stays the account's own.
    const refused = await freshBrowser().post('/api/invitations/link/accept', { token, account: 'new', password: 'Overwrite-Attempt-9' });
    expectProblem(refused, 409);
    expect(refused.body.errors).toEqual([{ path: '/account', message: 'already has an account' }]);
    expectProblem(await freshBrowser().post('/api/invitations/link/accept', { token, account: 'existing', password: 'Overwrite-Attempt-9' }), 401);
    const back = freshBrowser();
    const joined = await back.post('/api/invitations/link/accept', { token, account: 'existing', password: PASSWORD });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ user: { id: m.id }, tenant: { slug: tenant.slug }, role: 'member' });
    expect((await back.get('/api/me')).status).toBe(200);
  });

  it('asks an account with a second factor for its code', async () => {
    const { owner } = await signUp(h);
    const pat = await personWithCompany('Pat Two Factor');
    const start = await pat.browser.post('/api/me/totp', { password: PASSWORD });
    const { Secret, TOTP } = await import('otpauth');
    const code = (at: number) => new TOTP({ secret: Secret.fromBase32(start.body.secret) }).generate({ timestamp: at });
    expect((await pat.browser.post('/api/me/totp/confirm', { code: code(h.clock.now) })).status).toBe(200);
    const invited = await owner.post('/api/users', { email: pat.email, name: 'Pat', role: 'member' });
    const token = linkToken(invited.body.link);
    h.clock.now += 30_000;
    const asked = await freshBrowser().post('/api/invitations/link/accept', { token, account: 'existing', password: PASSWORD });
    expectProblem(asked, 401);
    expect(asked.body.totpRequired).toBe(true);
    expect(
      (await freshBrowser().post('/api/invitations/link/accept', { token, account: 'existing', password: PASSWORD, totp: code(h.clock.now) })).status,
    ).toBe(200);
  });

  it('can be declined by whoever holds it, account or not; the company learns only that it was declined', async () => {
    const { owner } = await signUp(h);
    const invited = await owner.post('/api/users', { email: `maybe.${++n}@example.com`, name: 'Maybe', role: 'member' });
    const token = linkToken(invited.body.link);
    expect((await freshBrowser().post('/api/invitations/link/decline', { token })).status).toBe(204);
    expectProblem(await freshBrowser().post('/api/invitations/link/decline', { token }), 404);
    expectProblem(await freshBrowser().post('/api/invitations/link/accept', { token, account: 'new', password: 'Too-Late-Now-77' }), 404);
    const [declined] = (await owner.get('/api/audit?action=invitation.declined')).body.items;
    expect(declined).toMatchObject({ actor: null, target: { id: invited.body.invitation.id } });
  });

  it('a join through the link is a sign-in, audited with the address', async () => {
    const { owner } = await signUp(h);
    const invited = await owner.post('/api/users', { email: `joiner.${++n}@example.com`, name: 'Joiner', role: 'member' });
    const joiner = new Browser(h, '198.51.100.77');
    const joined = await joiner.post('/api/invitations/link/accept', { token: linkToken(invited.body.link), account: 'new', password: PASSWORD });
    const [login] = (await owner.get(`/api/audit?action=login.succeeded&actor=${joined.body.user.id}`)).body.items;
    expect(login).toMatchObject({ address: '198.51.100.77' });
  });

  it('refuses unknown tokens and bad bodies with a clear problem', async () => {
    expectProblem(await freshBrowser().post('/api/invitations/link', { token: 'not-a-token' }), 404);
    expectProblem(await freshBrowser().post('/api/invitations/link', {}), 400);
    const bad = await freshBrowser().post('/api/invitations/link/accept', { token: 'x', account: 'maybe', password: 'p' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/account']);
  });
});
