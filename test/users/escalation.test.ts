import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, ensureTeam, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let slug: string;
let admin: Awaited<ReturnType<typeof addMember>>;

/** A role holding `manage.users` but otherwise only what members hold, with one hidden field. */
beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
  await publishChange(owner, (b) => {
    b.roles.member.entities.lead.fields = { estimatedValue: 'hidden' };
    b.roles.people_admin = { label: 'People admin', entities: structuredClone(b.roles.member.entities), tasks: ['manage.users'] };
  });
  admin = await addMember(h, owner, slug, 'people_admin', 'Pia People');
});
afterAll(() => h.close());

describe('managing people never hands out more than one holds', () => {
  it('adds people only with roles within the manager’s own privileges', async () => {
    const add = (role: string) => admin.browser.post('/api/users', { email: `${role}.${Math.random()}@example.com`, name: 'New', role });
    expect((await add('member')).status).toBe(201);
    expect((await add('people_admin')).status).toBe(201);
    for (const role of ['administrator', 'manager', 'owner', 'sales_rep']) expect((await add(role)).status, role).toBe(403);
    expect((await add('constructor')).status).toBe(422);
  });

  it('cannot raise, reset or take over someone who holds more, nor change their own team', async () => {
    const rep = await addMember(h, owner, slug, 'member', 'Rita Rep');
    const boss = await addMember(h, owner, slug, 'administrator', 'Ada Admin');
    expect((await admin.browser.patch(`/api/users/${rep.id}`, { role: 'manager' })).status).toBe(403);
    await ensureTeam(owner, 'north');
    expect((await admin.browser.patch(`/api/users/${rep.id}`, { team: 'north' })).status).toBe(200);
    expect((await admin.browser.post(`/api/users/${boss.id}/password`, { password: 'Taken-Over-Lantern-9' })).status).toBe(403);
    expect((await admin.browser.patch(`/api/users/${boss.id}`, { active: false })).status).toBe(403);
    expect((await admin.browser.delete(`/api/users/${boss.id}`)).status).toBe(403);
    expect((await admin.browser.patch(`/api/users/${admin.id}`, { team: 'north' })).status).toBe(403);
    expect((await admin.browser.patch(`/api/users/${rep.id}`, { role: 'constructor' })).status).toBe(422);
    expect((await boss.browser.get('/api/me')).status).toBe(200);
  });

  it('cannot loosen a field rule on a field hidden from them', async () => {
    const draft = await owner.get('/api/config/draft');
    const b = draft.body.bundle;
    delete b.roles.member.entities.lead.fields;
    // The people admin may edit roles (manage.users), but not un-hide what is hidden from them.
    const res = await admin.browser.put('/api/config/draft', b, { 'if-match': draft.headers.get('etag')! });
    expect(res.status).toBe(403);
    expect(res.body.errors).toContainEqual({
      path: '/roles/member/entities/lead/fields/estimatedValue',
      message: 'you cannot loosen a rule on a field restricted for you',
    });
  });

  it('refuses sort and filter names that only objects inherit', async () => {
    for (const q of ['sort=constructor', 'sort=__proto__', 'sort=toString', `filter=${encodeURIComponent('{"constructor":{"eq":1}}')}`]) {
      expect((await owner.get(`/api/records/lead?${q}`)).status, q).toBe(400);
    }
  });
});
