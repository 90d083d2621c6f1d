import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

/** A published role with a hidden field (estimatedValue, description) and a readonly one (source) on leads. */
let h: Harness;
let owner: Browser;
let member: Browser;
let rep: Browser;
let own: { id: string };
let given: { id: string };
let repLead: { id: string };
const LEAD_NAMES = { timeline: 'Timeline', write: 'Write', keep: 'Keep', readonly: 'Readonly' };
/** One more lead of the member's per test that changes it, so tests can run in any order. */
const lead = {} as Record<keyof typeof LEAD_NAMES, { id: string }>;
let configBefore: any;

const FIELDS = { estimatedValue: 'hidden', description: 'hidden', source: 'readonly' };

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h, 'Field Rules Co');
  owner = t.owner;
  const m = await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member');
  member = m.browser;
  rep = (await addMember(h, owner, t.tenant.slug, 'sales_rep', 'Sam Rep')).browser;
  // Leads stay with whoever creates them: the shipped round-robin to sales representatives is not what this file is about.
  await publishChange(owner, (b) => delete b.workflows.lead.states.new.entry);
  const created = await member.post('/api/records/lead', {
    data: { lastName: 'Hidalgo', company: 'Visible Widgets', source: 'web', estimatedValue: 12345, description: 'zanzibar expansion plans' },
  });
  expect(created.status).toBe(201);
  own = created.body;
  for (const name of Object.keys(LEAD_NAMES) as (keyof typeof lead)[]) {
    const made = await member.post('/api/records/lead', {
      data: { lastName: LEAD_NAMES[name], company: 'Other Co', source: 'web', estimatedValue: 12345, description: 'kept secret' },
    });
    expect(made.status).toBe(201);
    lead[name] = made.body;
  }
  const byOwner = await owner.post('/api/records/lead', { data: { lastName: 'Given', description: 'zanzibar too', estimatedValue: 777, source: 'event' } });
  given = byOwner.body;
  expect((await owner.post(`/api/records/lead/${given.id}/assign`, { ownerId: m.id })).status).toBe(200);
  const byRep = await rep.post('/api/records/lead', { data: { lastName: 'Rep Lead', description: 'zanzibar by rep', estimatedValue: 5 } });
  expect(byRep.status).toBe(201);
  repLead = byRep.body;
  configBefore = (await member.get('/api/config')).body;

  const draft = await owner.get('/api/config/draft');
  const bundle = draft.body.bundle;
  bundle.roles.member.entities.lead.fields = FIELDS;
  const saved = await owner.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! });
  expect(saved.status).toBe(200);
  const published = await owner.post('/api/config/publish');
  expect(published.status).toBe(201);
});
afterAll(() => h.close());

const get = async (b: Browser, id: string) => {
  const res = await b.get(`/api/records/lead/${id}`);
  expect(res.status).toBe(200);
  return res;
};
/** The same 400 body, once the field's name is swapped for another. */
const sameAs = (a: unknown, b: unknown, name: string, unknownName: string) => expect(JSON.stringify(a).replaceAll(name, unknownName)).toBe(JSON.stringify(b));

describe('hidden fields', () => {
  it('are left out of get and list for the member, and only for the member', async () => {
    const mine = (await get(member, own.id)).body.data;
    expect(mine).toEqual({ lastName: 'Hidalgo', company: 'Visible Widgets', source: 'web' });
    expect((await get(member, given.id)).body.data).toEqual({ lastName: 'Given', source: 'event' });
    const listed = (await member.get('/api/records/lead')).body.items;
    const ids = listed.map((item: { id: string }) => item.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, given.id]));
    expect(ids).not.toContain(repLead.id);
    for (const item of listed) expect(Object.keys(item.data)).not.toEqual(expect.arrayContaining(['estimatedValue']));
    for (const item of listed) expect(item.data.description).toBeUndefined();
    expect((await get(owner, own.id)).body.data).toMatchObject({ estimatedValue: 12345, description: 'zanzibar expansion plans' });
    expect((await get(rep, repLead.id)).body.data).toMatchObject({ estimatedValue: 5, description: 'zanzibar by rep' });
  });

  it('are left out of the member’s timeline, and a change to them alone leaves no entry', async () => {
    const fresh = await get(owner, lead.timeline.id);
    const changed = await owner.patch(`/api/records/lead/${lead.timeline.id}`, { data: { estimatedValue: 20000 } }, { 'if-match': fresh.headers.get('etag')! });
    expect(changed.status).toBe(200);
    const ownerView = (await owner.get(`/api/records/lead/${lead.timeline.id}/timeline`)).body.items;
    expect(ownerView.map((e: { kind: string }) => e.kind)).toEqual(['changed', 'created']);
    expect(ownerView[0].changes).toEqual({ estimatedValue: { before: 12345, after: 20000 } });
    const memberView = (await member.get(`/api/records/lead/${lead.timeline.id}/timeline`)).body.items;
    expect(memberView.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect(Object.keys(memberView[0].changes).sort()).toEqual(['company', 'lastName', 'source']);
    expect(JSON.stringify(memberView)).not.toMatch(/kept secret|12345|20000|estimatedValue|description/);
  });

  it('are left out of the member’s GET /api/config, with the readonly field marked', async () => {
    const before = configBefore.entities.lead.form;
    expect(before.schema.properties.estimatedValue).toBeDefined();
    const lead = (await member.get('/api/config')).body.entities.lead;
    expect(Object.keys(lead.form.schema.properties)).not.toContain('estimatedValue');
    expect(Object.keys(lead.form.schema.properties)).not.toContain('description');
    expect(lead.form.schema.properties.source.readOnly).toBe(true);
    expect(lead.form.schema.properties.rating.readOnly).toBeUndefined();
    const text = JSON.stringify(lead);
    expect(text).not.toContain('#/properties/estimatedValue');
    expect(text).not.toContain('estimatedValue.label');
    expect(text).not.toContain('#/properties/description');
    expect(JSON.stringify(before)).toContain('#/properties/estimatedValue');
    const ownerLead = (await owner.get('/api/config')).body.entities.lead;
    expect(ownerLead.form.schema.properties.estimatedValue).toBeDefined();
    expect(ownerLead.form.schema.properties.source.readOnly).toBeUndefined();
    expect((await member.get('/api/config')).body.roles).toBeUndefined();
  });

  it('cannot be searched: a word only in a hidden field finds nothing, and counts 0', async () => {
    const res = await member.get('/api/records/lead?q=zanzibar&count=true');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.total).toBe(0);
    expect((await member.get('/api/records/lead?q=zanzib&count=true')).body.total).toBe(0);
    expect((await member.get('/api/records/lead?q=widgets&count=true')).body.total).toBe(1);
    expect((await owner.get('/api/records/lead?q=zanzibar&count=true')).body.total).toBe(3);
    expect((await rep.get('/api/records/lead?q=zanzibar&count=true')).body.total).toBe(1);
  });

  it.each([
    ['filter', (f: string) => `filter=${encodeURIComponent(JSON.stringify({ [f]: { empty: false } }))}`],
    ['filter inside or', (f: string) => `filter=${encodeURIComponent(JSON.stringify({ or: [{ lastName: { eq: 'x' } }, { [f]: { empty: true } }] }))}`],
    ['sort', (f: string) => `sort=${f}`],
    ['descending sort', (f: string) => `sort=-${f}`],
  ])('refuse a %s exactly like an unknown field (400)', async (_what, query) => {
    for (const [hidden, unknown] of [
      ['estimatedValue', 'notAFieldAtAll'],
      ['description', 'notAFieldAtAll'],
    ]) {
      const res = await member.get(`/api/records/lead?${query(hidden!)}`);
      const ref = await member.get(`/api/records/lead?${query(unknown!)}`);
      expect(res.status).toBe(400);
      expect(ref.status).toBe(400);
      sameAs(res.body, ref.body, hidden!, unknown!);
      expect((await owner.get(`/api/records/lead?${query(hidden!)}`)).status).toBe(200);
    }
  });

  it('cannot be written: 400 exactly like an unknown field, on create and on update', async () => {
    const created = await member.post('/api/records/lead', { data: { lastName: 'X', estimatedValue: 1 } });
    const unknown = await member.post('/api/records/lead', { data: { lastName: 'X', notAFieldAtAll: 1 } });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([{ path: '/data/estimatedValue', message: 'unknown field' }]);
    sameAs(created.body, unknown.body, 'estimatedValue', 'notAFieldAtAll');
    const etag = (await get(member, lead.write.id)).headers.get('etag')!;
    for (const data of [{ estimatedValue: 1 }, { description: 'overwritten' }, { estimatedValue: null }]) {
      const res = await member.patch(`/api/records/lead/${lead.write.id}`, { data }, { 'if-match': etag });
      expect(res.status, JSON.stringify(data)).toBe(400);
    }
    expect((await get(owner, lead.write.id)).body.data).toMatchObject({ estimatedValue: 12345, description: 'kept secret' });
  });

  it('keep their stored values when the member saves other fields', async () => {
    const etag = (await get(member, lead.keep.id)).headers.get('etag')!;
    const res = await member.patch(`/api/records/lead/${lead.keep.id}`, { data: { company: 'Renamed Co' } }, { 'if-match': etag });
    expect(res.status).toBe(200);
    expect(res.body.data.estimatedValue).toBeUndefined();
    expect((await get(owner, lead.keep.id)).body.data).toMatchObject({ company: 'Renamed Co', estimatedValue: 12345, description: 'kept secret' });
  });
});

describe('readonly fields', () => {
  it('refuse a change by the member with 403 naming the field, accept the same value, and stay open to the owner', async () => {
    let etag = (await get(member, lead.readonly.id)).headers.get('etag')!;
    const refused = await member.patch(`/api/records/lead/${lead.readonly.id}`, { data: { source: 'referral' } }, { 'if-match': etag });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([{ path: '/data/source', message: 'is read-only for your role' }]);
    const cleared = await member.patch(`/api/records/lead/${lead.readonly.id}`, { data: { source: null } }, { 'if-match': etag });
    expect(cleared.status).toBe(403);
    const same = await member.patch(`/api/records/lead/${lead.readonly.id}`, { data: { source: 'web', rating: 'hot' } }, { 'if-match': etag });
    expect(same.status).toBe(200);
    expect(same.body.data).toMatchObject({ source: 'web', rating: 'hot' });

    etag = (await get(owner, lead.readonly.id)).headers.get('etag')!;
    const byOwner = await owner.patch(`/api/records/lead/${lead.readonly.id}`, { data: { source: 'referral' } }, { 'if-match': etag });
    expect(byOwner.status).toBe(200);
    expect((await get(member, lead.readonly.id)).body.data.source).toBe('referral');
  });

  it('cannot be set by the member on create, but other roles can', async () => {
    const refused = await member.post('/api/records/lead', { data: { lastName: 'New', source: 'web' } });
    expect(refused.status).toBe(403);
    expect((await member.post('/api/records/lead', { data: { lastName: 'New' } })).status).toBe(201);
    expect((await rep.post('/api/records/lead', { data: { lastName: 'New', source: 'web' } })).status).toBe(201);
  });
});
