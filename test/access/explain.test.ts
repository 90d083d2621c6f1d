import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** "Why can this person see this?": per action, allowed or not, and the grant or the reason behind it. */
let h: Harness;
let owner: Browser;
let ana: { browser: Browser; id: string };
let mel: { browser: Browser; id: string };
let ben: { browser: Browser; id: string };
let sam: { browser: Browser; id: string };
let dealId = '';

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  ana = await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Ana East', 'east');
  mel = await addMember(h, owner, company.tenant.slug, 'manager', 'Mel Manager', 'east');
  ben = await addMember(h, owner, company.tenant.slug, 'member', 'Ben West', 'west');
  sam = await addMember(h, owner, company.tenant.slug, 'service_rep', 'Sam Service');
  dealId = (await ana.browser.post('/api/records/opportunity', { data: { name: 'East deal' } })).body.id;
}, 60_000);
afterAll(() => h.close());

const explain = (who: Browser, person: string, id = dealId) => who.get(`/api/access/explain?person=${person}&entity=opportunity&id=${id}`);
const verdicts = async (person: string) =>
  Object.fromEntries(
    ((await explain(owner, person)).body.actions as { action: string; allowed: boolean; reason: string }[]).map((a) => [a.action, `${a.allowed} ${a.reason}`]),
  );

describe('why can this person see this?', () => {
  it('names the grant for each action: their own record, their team’s, every record', async () => {
    expect(await verdicts(ana.id)).toEqual({ read: 'true owner', update: 'true owner', delete: 'true owner', assign: 'false noScope' });
    expect(await verdicts(mel.id)).toEqual({ read: 'true team', update: 'true team', delete: 'false outside', assign: 'true team' });
    const ownerId = (await owner.get('/api/me')).body.user.id;
    expect(await verdicts(ownerId)).toEqual({ read: 'true all', update: 'true all', delete: 'true all', assign: 'true all' });
  });

  it('says why not: outside their reach, no scope at all, or not active any more', async () => {
    expect((await verdicts(ben.id)).read).toBe('false outside');
    expect((await verdicts(sam.id)).read).toBe('false noScope');
    await owner.patch(`/api/users/${ben.id}`, { active: false });
    expect(await verdicts(ben.id)).toEqual({ read: 'false inactive', update: 'false inactive', delete: 'false inactive', assign: 'false inactive' });
  });

  it('lists the fields hidden from the person or read-only for them', async () => {
    const res = await explain(owner, ana.id);
    expect(res.body).toMatchObject({ person: { id: ana.id, name: 'Ana East', role: 'sales_rep', team: 'east', active: true }, hidden: [], readonly: [] });
  });

  it('answers only people who manage users, and only about records they may read themselves', async () => {
    expectProblem(await explain(ana.browser, mel.id), 403);
    // Another company's owner: the record is not theirs to read, so it does not exist for them.
    const stranger = (await signUp(h)).owner;
    const refused = await explain(stranger, ana.id);
    expectProblem(refused, 404);
    expect(refused.body).toEqual((await explain(stranger, ana.id, 'no-such-record')).body);
    expectProblem(await explain(owner, 'nobody'), 404);
    expectProblem(await owner.get('/api/access/explain?entity=opportunity'), 400);
  });
});

describe('view as', () => {
  const names = async (who: Browser, as: string) => {
    const res = await who.get(`/api/records/opportunity?as=${as}&count=true`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items.map((r: { data: { name: string } }) => r.data.name).sort();
  };

  it('lists exactly what the person sees, and records that someone looked', async () => {
    await mel.browser.post('/api/records/opportunity', { data: { name: 'Mel deal' } });
    await owner.post('/api/records/opportunity', { data: { name: 'Owner deal' } });
    expect(await names(owner, ana.id)).toEqual(['East deal']);
    expect(await names(owner, mel.id)).toEqual(['East deal', 'Mel deal']);
    const looked = (await owner.get('/api/audit?action=access.viewed_as')).body.items;
    expect(looked[0]).toMatchObject({ target: { type: 'user', id: mel.id, name: 'Mel Manager' }, changes: { entity: 'opportunity' } });
  });

  it('is for people who manage users and read everything themselves, about people who may read at all', async () => {
    expectProblem(await ana.browser.get(`/api/records/opportunity?as=${mel.id}`), 403);
    expectProblem(await owner.get('/api/records/opportunity?as=nobody'), 404);
    expectProblem(await owner.get(`/api/records/opportunity?as=${sam.id}`), 403);
    // A filter still applies, as for the person themselves.
    const filtered = await owner.get(`/api/records/opportunity?as=${mel.id}&q=mel`);
    expect(filtered.body.items.map((r: { data: { name: string } }) => r.data.name)).toEqual(['Mel deal']);
  });
});
