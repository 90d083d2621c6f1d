import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/**
 * The review of a role change says, per person, how many records they gain or lose per action — counted with the
 * runtime's own scope rules, and only for record types the reviewer reads in full.
 */
let h: Harness;
let owner: Browser;
let ana: { browser: Browser; id: string };
let ben: { browser: Browser; id: string };
let pia: { browser: Browser; id: string };

/** How many leads `who` reads now, by the list's own count. */
const leads = async (who: Browser) => (await who.get('/api/records/lead?count=true')).body.total as number;
const lead = async (who: Browser, name: string) => expect((await who.post('/api/records/lead', { data: { lastName: name, company: 'Co' } })).status).toBe(201);

async function saveDraft(who: Browser, change: (bundle: any) => void) {
  const draft = await who.get('/api/config/draft');
  change(draft.body.bundle);
  const saved = await who.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}
const review = async (who: Browser) => {
  const res = await who.post('/api/config/publish?mode=dry-run');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  // A people administrator: manages users, reads only their own leads.
  await publishChange(owner, (b) => {
    b.roles.people_admin = { ...structuredClone(b.roles.sales_rep), label: 'People administrator', tasks: ['manage.users'] };
  });
  ana = await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Ana Seller', 'east');
  ben = await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Ben Seller', 'west');
  pia = await addMember(h, owner, company.tenant.slug, 'people_admin', 'Pia People');
  for (let i = 0; i < 3; i++) await lead(ana.browser, `Ana ${i}`);
  for (let i = 0; i < 2; i++) await lead(ben.browser, `Ben ${i}`);
  for (let i = 0; i < 4; i++) await lead(owner, `Owner ${i}`);
}, 60_000);
afterAll(() => h.close());

describe('what a role change does to people', () => {
  it('counts, per person, the records a wider read scope gains them', async () => {
    await saveDraft(owner, (b) => (b.roles.sales_rep.entities.lead.read = 'all'));
    const body = await review(owner);
    // Leads are assigned round robin on creation: what each reads now is what the list counts for them.
    const all = await leads(owner);
    expect(all).toBe(9);
    expect(body.access).toEqual([
      {
        userId: ana.id,
        name: 'Ana Seller',
        role: 'sales_rep',
        entity: 'lead',
        action: 'read',
        from: 'own',
        to: 'all',
        gained: all - (await leads(ana.browser)),
        lost: 0,
      },
      {
        userId: ben.id,
        name: 'Ben Seller',
        role: 'sales_rep',
        entity: 'lead',
        action: 'read',
        from: 'own',
        to: 'all',
        gained: all - (await leads(ben.browser)),
        lost: 0,
      },
    ]);
    expect(body.problems).toEqual([]);
  });

  it('takes effect on the next request once published', async () => {
    expect(await leads(ana.browser)).toBeLessThan(9);
    expect((await owner.post('/api/config/publish')).status).toBe(201);
    expect(await leads(ana.browser)).toBe(9);
  });

  it('counts losses too, and tells a reviewer who cannot read every lead the change without numbers', async () => {
    await saveDraft(owner, (b) => (b.roles.sales_rep.entities.lead.read = 'own'));
    const forOwner = (await review(owner)).access.filter((c: { userId: string }) => c.userId === ana.id);
    const own = (
      await h.db.client.execute({
        sql: 'SELECT count(*) AS n FROM records WHERE entity = ? AND (owner_id = ? OR created_by = ?)',
        args: ['lead', ana.id, ana.id],
      })
    ).rows[0]!.n;
    expect(forOwner).toEqual([expect.objectContaining({ action: 'read', from: 'all', to: 'own', gained: 0, lost: 9 - Number(own) })]);
    // Pia reads only her own leads: how many leads Ana loses would tell her about leads she cannot see.
    const forPia = (await review(pia.browser)).access.filter((c: { userId: string }) => c.userId === ana.id);
    expect(forPia).toEqual([expect.objectContaining({ action: 'read', from: 'all', to: 'own', gained: null, lost: null })]);
  });

  it('refuses to remove a role people hold, naming it, and publishes nothing', async () => {
    await saveDraft(owner, (b) => {
      b.roles.sales_rep.entities.lead.read = 'all';
      delete b.roles.people_admin;
    });
    expect((await review(owner)).problems).toContainEqual({ path: '/roles/people_admin', message: 'is held by 1 person: give them another role first' });
    const before = (await owner.get('/api/config/versions')).body.items.length;
    const refused = await owner.post('/api/config/publish');
    expectProblem(refused, 422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/roles/people_admin']);
    expect((await owner.get('/api/config/versions')).body.items.length).toBe(before);
    expect((await pia.browser.get('/api/users')).status).toBe(200);
  });
});
