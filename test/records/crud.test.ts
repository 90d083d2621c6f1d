import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let member: Browser;
let memberId: string;
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
  ({ browser: member, id: memberId } = await addMember(h, owner, slug, 'member', 'Mia Member'));
});
afterAll(() => h.close());

const lead = { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', email: 'ada@engines.example', rating: 'hot' };

describe('records: create, get, update, delete', () => {
  it('creates a record with owner, creator, initial state, version and ETag', async () => {
    const res = await member.post('/api/records/lead', { data: lead });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      entity: 'lead',
      data: lead,
      owner: { id: memberId, name: 'Mia Member' },
      createdBy: { id: memberId, name: 'Mia Member' },
      state: 'new',
      version: 1,
      configVersion: 1,
    });
    const got = await member.get(`/api/records/lead/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('sends names and texts with quotes, backslashes and any script intact (the record is written as JSON text)', async () => {
    const { browser: quoted, id } = await addMember(h, owner, slug, 'member', 'Zoë "Zed" \\ O\'Neil 日本');
    const data = { ...lead, lastName: 'Ström "the \\ one" 🚀', company: '</script>\u2028' };
    const made = await quoted.post('/api/records/lead', { data });
    expect(made.status).toBe(201);
    const listed = (await quoted.get('/api/records/lead')).body.items;
    const { may: _may, ...record } = made.body;
    expect(listed).toEqual([record]);
    expect(made.body).toMatchObject({ data, owner: { id, name: 'Zoë "Zed" \\ O\'Neil 日本' }, createdBy: { id, name: 'Zoë "Zed" \\ O\'Neil 日本' } });
  });

  it('gives an opportunity the first stage of its pipeline', async () => {
    const res = await member.post('/api/records/opportunity', { data: { name: 'Big deal', amount: 1000 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ pipeline: 'sales', stage: 'prospecting' });
    expect(res.body.state).toBeUndefined();
  });

  it('applies form defaults the client left out', async () => {
    const res = await member.post('/api/records/case', { data: { subject: 'Printer on fire' } });
    expect(res.status).toBe(201);
    expect(res.body.data.priority).toBe('normal');
  });

  it.each([
    ['a missing required field', { firstName: 'No last name' }, '/data/lastName'],
    ['a bad email', { lastName: 'X', email: 'not-an-email' }, '/data/email'],
    ['an option not in the list', { lastName: 'X', rating: 'lukewarm' }, '/data/rating'],
    ['a wrong type', { lastName: 'X', estimatedValue: 'lots' }, '/data/estimatedValue'],
    ['a text too long', { lastName: 'x'.repeat(5000) }, '/data/lastName'],
  ])('refuses %s with 422 naming the field', async (_name, data, path) => {
    const before = await owner.get('/api/records/lead?count=true');
    const res = await member.post('/api/records/lead', { data });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await owner.get('/api/records/lead?count=true')).body.total).toBe(before.body.total);
  });

  it('lists every failing field at once', async () => {
    const res = await member.post('/api/records/lead', { data: { email: 'x', rating: 'nope' } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/data/email', '/data/lastName', '/data/rating']);
  });

  it('refuses unknown fields and unknown top-level keys with 400', async () => {
    expect((await member.post('/api/records/lead', { data: { ...lead, shoeSize: 42 } })).body.errors).toEqual([
      { path: '/data/shoeSize', message: 'unknown field' },
    ]);
    expect((await member.post('/api/records/lead', { data: lead, ownerId: 'x' })).status).toBe(400);
    expect((await member.post('/api/records/lead', { data: [] })).status).toBe(400);
  });

  it('answers 404 for an unknown entity', async () => {
    expect((await member.get('/api/records/spaceship')).status).toBe(404);
    expect((await member.post('/api/records/__proto__', { data: {} })).status).toBe(404);
  });

  it('updates with a merge patch behind If-Match, clearing fields with null', async () => {
    const created = (await member.post('/api/records/lead', { data: lead })).body;
    expect((await member.patch(`/api/records/lead/${created.id}`, { data: { company: 'X' } })).status).toBe(428);
    const res = await member.patch(`/api/records/lead/${created.id}`, { data: { company: 'Babbage & Co', email: null } }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.data).toEqual({ firstName: 'Ada', lastName: 'Lovelace', company: 'Babbage & Co', rating: 'hot' });
    const stale = await member.patch(`/api/records/lead/${created.id}`, { data: { company: 'Lost update' } }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect((await member.get(`/api/records/lead/${created.id}`)).body.data.company).toBe('Babbage & Co');
  });

  it('keeps the version when a patch changes nothing', async () => {
    const created = (await member.post('/api/records/lead', { data: lead })).body;
    const same = await member.patch(`/api/records/lead/${created.id}`, { data: { company: lead.company } }, { 'if-match': '"1"' });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe('"1"');
    expect((await member.get(`/api/records/lead/${created.id}/timeline`)).body.items).toHaveLength(1);
  });

  it('refuses clearing a required field with 422 and keeps the record', async () => {
    const created = (await member.post('/api/records/lead', { data: lead })).body;
    const res = await member.patch(`/api/records/lead/${created.id}`, { data: { lastName: null } }, { 'if-match': '"1"' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('/data/lastName');
    expect((await member.get(`/api/records/lead/${created.id}`)).body.version).toBe(1);
  });

  it('deletes behind If-Match; afterwards the record is gone', async () => {
    const created = (await member.post('/api/records/lead', { data: lead })).body;
    expect((await member.delete(`/api/records/lead/${created.id}`)).status).toBe(428);
    expect((await member.delete(`/api/records/lead/${created.id}`, { 'if-match': '"7"' })).status).toBe(412);
    expect((await member.delete(`/api/records/lead/${created.id}`, { 'if-match': '"1"' })).status).toBe(204);
    expect((await member.get(`/api/records/lead/${created.id}`)).status).toBe(404);
    expect((await owner.get(`/api/records/lead/${created.id}`)).status).toBe(404);
  });

  it('lets exactly one of two concurrent updates with the same ETag win', async () => {
    const created = (await member.post('/api/records/lead', { data: lead })).body;
    const results = await Promise.all(
      ['One', 'Two', 'Three'].map((company) => member.patch(`/api/records/lead/${created.id}`, { data: { company } }, { 'if-match': '"1"' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    expect((await member.get(`/api/records/lead/${created.id}`)).body.version).toBe(2);
  });
});

describe('records: timeline and notes', () => {
  it('shows creation, changes and notes, newest first, with who did them', async () => {
    const created = (await member.post('/api/records/lead', { data: lead })).body;
    await member.patch(`/api/records/lead/${created.id}`, { data: { rating: 'warm' } }, { 'if-match': '"1"' });
    expect((await member.post(`/api/records/lead/${created.id}/notes`, { text: 'Called, call back Monday' })).status).toBe(201);
    expect((await member.post(`/api/records/lead/${created.id}/notes`, { text: '   ' })).status).toBe(400);
    const timeline = (await owner.get(`/api/records/lead/${created.id}/timeline`)).body.items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['note', 'changed', 'created']);
    expect(timeline[0]).toMatchObject({ text: 'Called, call back Monday', actor: { id: memberId, name: 'Mia Member' } });
    expect(timeline[1].changes).toEqual({ rating: { before: 'hot', after: 'warm' } });
    expect(timeline[2].changes.lastName).toEqual({ after: 'Lovelace' });
  });
});

describe('records: a role that may create but not read', () => {
  it('gets the new id back, and nothing else', async () => {
    // A company of its own: publishing the role would move the shared one past configuration version 1.
    const { owner, tenant } = await signUp(h);
    await publishChange(
      owner,
      (b) =>
        (b.roles.intake = { label: 'Intake', entities: { lead: { create: 'all', read: 'none', update: 'none', delete: 'none', assign: 'none' } }, tasks: [] }),
    );
    const intake = await addMember(h, owner, tenant.slug, 'intake', 'Ida Intake');
    const res = await intake.browser.post('/api/records/lead', { data: lead });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), entity: 'lead' });
    expect((await intake.browser.get(`/api/records/lead/${res.body.id}`)).status).toBe(403);
    expect((await owner.get(`/api/records/lead/${res.body.id}`)).body.createdBy.name).toBe('Ida Intake');
  });
});
