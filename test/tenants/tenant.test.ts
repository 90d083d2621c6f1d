import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, signUp, startHarness, type Harness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A company of its own for each test: its owner and a member. */
async function company(name = 'Settings Co') {
  const { owner, tenant } = await signUp(h, name);
  const member = (await addMember(h, owner, tenant.slug)).browser;
  return { owner, member, tenant: tenant as { id: string; slug: string } };
}

describe('tenant settings', () => {
  it('starts with defaults everyone in the tenant can read', async () => {
    const { member, tenant } = await company();
    const res = await member.get('/api/tenant');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: tenant.id, slug: tenant.slug, name: 'Settings Co', settings: { defaultLocale: 'en', currency: 'EUR', timezone: 'UTC' } });
    expect((await new Browser(h).get('/api/tenant')).status).toBe(401);
  });

  it('lets the owner change the name and each setting, keeping the others and the slug', async () => {
    const { owner, member, tenant } = await company();
    const renamed = await owner.patch('/api/tenant', { name: 'Settings & Sons' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ slug: tenant.slug, name: 'Settings & Sons', settings: { currency: 'EUR' } });
    const changed = await owner.patch('/api/tenant', { settings: { defaultLocale: 'de', currency: 'CHF', timezone: 'Europe/Zurich' } });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toEqual({ defaultLocale: 'de', currency: 'CHF', timezone: 'Europe/Zurich' });
    expect((await owner.patch('/api/tenant', { settings: { currency: 'JPY' } })).body.settings).toEqual({
      defaultLocale: 'de',
      currency: 'JPY',
      timezone: 'Europe/Zurich',
    });
    expect((await member.get('/api/tenant')).body).toMatchObject({ name: 'Settings & Sons', settings: { currency: 'JPY' } });
    expect((await member.get('/api/me')).body.tenant.name).toBe('Settings & Sons');
  });

  it.each([
    ['an unknown currency', { settings: { currency: 'XYZ' } }, 422, ['/settings/currency']],
    ['an unknown time zone', { settings: { timezone: 'Mars/Olympus_Mons' } }, 422, ['/settings/timezone']],
    ['both', { settings: { currency: 'ABC', timezone: 'Nowhere/Town' } }, 422, ['/settings/currency', '/settings/timezone']],
    ['a lower-case currency', { settings: { currency: 'eur' } }, 400, ['/settings/currency']],
    ['an unknown locale', { settings: { defaultLocale: 'xx' } }, 400, ['/settings/defaultLocale']],
    ['an empty name', { name: '   ' }, 400, ['/name']],
    ['an unknown setting', { settings: { theme: 'dark' } }, 400, undefined],
    ['an unknown key', { slug: 'taken-over' }, 400, undefined],
  ])('refuses %s and changes nothing', async (_why, body, status, errorPaths) => {
    const { owner } = await company();
    const before = (await owner.get('/api/tenant')).body;
    const res = await owner.patch('/api/tenant', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (errorPaths) expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(errorPaths);
    expect((await owner.get('/api/tenant')).body).toEqual(before);
  });

  it.each(['member', 'administrator', 'manager'])('is owner-only: a %s gets 403', async (role) => {
    const { owner, member, tenant } = await company();
    const b = role === 'member' ? member : (await addMember(h, owner, tenant.slug, role)).browser;
    const before = (await owner.get('/api/tenant')).body;
    const res = await b.patch('/api/tenant', { name: 'Taken Over' });
    expect(res.status).toBe(403);
    expect((await owner.get('/api/tenant')).body).toEqual(before);
  });

  it('records changes in the audit trail', async () => {
    const { owner } = await company();
    await owner.patch('/api/tenant', { settings: { timezone: 'Asia/Tokyo' } });
    await owner.patch('/api/tenant', { settings: { timezone: 'America/New_York' } });
    const trail = (await owner.get('/api/audit?action=tenant.updated')).body.items;
    expect(trail[0].changes).toEqual({ timezone: { before: 'Asia/Tokyo', after: 'America/New_York' } });
  });
});

describe('directory', () => {
  it('lists the active people of the tenant only, with id and name, to anyone signed in', async () => {
    const { owner: o, tenant: t, user } = await signUp(h, 'Directory Co');
    const alice = await addMember(h, o, t.slug, 'member', 'Alice Active');
    const dora = await addMember(h, o, t.slug, 'member', 'Dora Deactivated');
    const rémi = await addMember(h, o, t.slug, 'sales_rep', 'Rémi Removed');
    expect((await o.patch(`/api/users/${dora.id}`, { active: false })).status).toBe(200);
    expect((await o.delete(`/api/users/${rémi.id}`)).status).toBe(204);
    const res = await alice.browser.get('/api/directory');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: alice.id, name: 'Alice Active' },
      { id: user.id, name: 'Olive Owner' },
    ]);
    // Other tenants' people never appear.
    const { member } = await company('Elsewhere Co');
    expect((await member.get('/api/directory')).body.items.map((p: { id: string }) => p.id)).not.toContain(alice.id);
    expect((await o.patch(`/api/users/${dora.id}`, { active: true })).status).toBe(200);
    expect((await o.get('/api/directory')).body.items.map((p: { name: string }) => p.name)).toEqual(['Alice Active', 'Dora Deactivated', 'Olive Owner']);
    expect((await new Browser(h).get('/api/directory')).status).toBe(401);
  });
});
