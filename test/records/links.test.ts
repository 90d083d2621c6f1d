import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainImports } from '../../runtime/imports/run.ts';
import { addMember, makeRecord, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/**
 * Many-to-many relations: a deal's "Contacts" field links several contacts (a `references` field), each contact lists
 * the deals it is part of through the link table, and what a reader may learn stays within their scope.
 */
let h: Harness;
let owner: Browser;
let rep: Browser;

const CONTACTS = {
  type: 'array',
  'x-field': 'references',
  'x-ref': 'contact',
  items: { type: 'string', maxLength: 64 },
  uniqueItems: true,
  maxItems: 5,
  title: 'Contacts',
  'x-onDelete': 'clear',
};

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  await publishChange(owner, (b) => {
    b.entities.opportunity.form.schema.properties.contacts = CONTACTS;
    b.roles.sales_rep.entities.contact.read = 'own';
  });
  rep = (await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Rita Rep')).browser;
}, 60_000);
afterAll(() => h.close());

const read = async (entity: string, id: string) => (await owner.get(`/api/records/${entity}/${id}`)).body;
const linking = async (who: Browser, contact: string, op: 'contains' | 'in' = 'contains') => {
  const filter = JSON.stringify({ contacts: { [op]: op === 'in' ? [contact] : contact } });
  const res = await who.get(`/api/records/opportunity?count=true&filter=${encodeURIComponent(filter)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ids: (res.body.items as { id: string }[]).map((r) => r.id), total: res.body.total as number };
};

describe('a field linking several records', () => {
  it('links several readable records, and each of them finds the records linking it', async () => {
    const ann = await makeRecord(rep, 'contact', { lastName: 'Ann' });
    const bob = await makeRecord(rep, 'contact', { lastName: 'Bob' });
    const deal = await makeRecord(rep, 'opportunity', { name: 'Big deal', contacts: [ann, bob] });
    expect((await read('opportunity', deal)).data.contacts).toEqual([ann, bob]);
    expect(await linking(rep, ann)).toEqual({ ids: [deal], total: 1 });
    expect((await linking(rep, bob, 'in')).ids).toEqual([deal]);

    // Unlinking one keeps the other.
    const patched = await rep.patch(`/api/records/opportunity/${deal}`, { data: { contacts: [bob] } }, { 'if-match': '*' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await linking(rep, ann)).ids).toEqual([]);
    expect((await linking(rep, bob)).ids).toEqual([deal]);
    // Emptied: no links left, and the list's "empty" filter sees it.
    await rep.patch(`/api/records/opportunity/${deal}`, { data: { contacts: null } }, { 'if-match': '*' });
    expect((await linking(rep, bob)).ids).toEqual([]);
    const empty = await rep.get(`/api/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ contacts: { empty: true } }))}`);
    expect((empty.body.items as { id: string }[]).map((r) => r.id)).toContain(deal);
  });

  it('refuses linking a record the writer may not read exactly as one that does not exist, and writes nothing', async () => {
    const mine = await makeRecord(rep, 'contact', { lastName: 'Mine' });
    const hidden = await makeRecord(owner, 'contact', { lastName: 'Hidden' });
    const refused = await rep.post('/api/records/opportunity', { data: { name: 'Sneaky', contacts: [mine, hidden] } });
    expectProblem(refused, 422);
    expect(refused.body.errors).toEqual([{ path: '/data/contacts/1', message: 'must be the id of a record of type contact that you may read' }]);
    const missing = await rep.post('/api/records/opportunity', { data: { name: 'Sneaky', contacts: [mine, 'no-such-contact'] } });
    expect(missing.body.errors).toEqual(refused.body.errors);
    expect((await linking(owner, mine)).ids).toEqual([]);
  });

  it('takes an empty list as no links: left out, or removed, so a required field is missing', async () => {
    const c = await makeRecord(owner, 'contact', { lastName: 'Empty' });
    const created = await owner.post('/api/records/opportunity', { data: { name: 'None', contacts: [] } });
    expect(created.status).toBe(201);
    expect(created.body.data).not.toHaveProperty('contacts');
    const deal = await makeRecord(owner, 'opportunity', { name: 'Some', contacts: [c] });
    const emptied = await owner.patch(`/api/records/opportunity/${deal}`, { data: { contacts: [] } }, { 'if-match': '*' });
    expect(emptied.body.data).not.toHaveProperty('contacts');
    expect((await linking(owner, c)).ids).toEqual([]);
  });

  it('refuses the same record twice and more links than the field holds', async () => {
    const c = await makeRecord(owner, 'contact', { lastName: 'Twice' });
    expectProblem(await owner.post('/api/records/opportunity', { data: { name: 'Dup', contacts: [c, c] } }), 422);
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => makeRecord(owner, 'contact', { lastName: `C${i}` })));
    const tooMany = await owner.post('/api/records/opportunity', { data: { name: 'Crowd', contacts: many } });
    expectProblem(tooMany, 422);
    expect(JSON.stringify(tooMany.body.errors)).toContain('/data/contacts');
  });

  it('lets a reader find only the linking records in their own scope, and count only those', async () => {
    const shared = await makeRecord(owner, 'contact', { lastName: 'Shared' });
    const theirs = await makeRecord(owner, 'opportunity', { name: 'Owner’s deal', contacts: [shared] });
    // Rita cannot read the contact, so she cannot link it — but the owner's deal that links it stays out of her list.
    expect(await linking(rep, shared)).toEqual({ ids: [], total: 0 });
    expect(await linking(owner, shared)).toEqual({ ids: [theirs], total: 1 });
  });

  it('keeps a link to a record since deleted when the rest of the record is edited', async () => {
    const gone = await makeRecord(rep, 'contact', { lastName: 'Soon gone' });
    const stays = await makeRecord(rep, 'contact', { lastName: 'Stays' });
    const deal = await makeRecord(rep, 'opportunity', { name: 'Kept', contacts: [gone, stays] });
    await publishChange(owner, (b) => {
      delete b.entities.opportunity.form.schema.properties.contacts['x-onDelete'];
    });
    expect((await rep.delete(`/api/records/contact/${gone}`, { 'if-match': '*' })).status).toBe(204);
    const edited = await rep.patch(`/api/records/opportunity/${deal}`, { data: { name: 'Kept, renamed', contacts: [gone, stays] } }, { 'if-match': '*' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await publishChange(owner, (b) => {
      b.entities.opportunity.form.schema.properties.contacts['x-onDelete'] = 'clear';
    });
  });
});

describe('deleting a linked record', () => {
  it('takes it out of every list linking it, and a restore puts it back', async () => {
    const ann = await makeRecord(owner, 'contact', { lastName: 'Ann' });
    const bob = await makeRecord(owner, 'contact', { lastName: 'Bob' });
    const one = await makeRecord(owner, 'opportunity', { name: 'One', contacts: [ann, bob] });
    const two = await makeRecord(owner, 'opportunity', { name: 'Two', contacts: [ann] });
    const version = (await read('opportunity', one)).version;

    expect((await owner.delete(`/api/records/contact/${ann}`, { 'if-match': '*' })).status).toBe(204);
    expect((await read('opportunity', one)).data.contacts).toEqual([bob]);
    expect((await read('opportunity', one)).version).toBe(version + 1);
    expect((await read('opportunity', two)).data).not.toHaveProperty('contacts');
    expect((await linking(owner, ann)).ids).toEqual([]);

    expect((await owner.post(`/api/recycle-bin/contact/${ann}/restore`)).status).toBe(200);
    expect((await read('opportunity', one)).data.contacts).toEqual([bob, ann]);
    expect((await read('opportunity', two)).data.contacts).toEqual([ann]);
    expect((await linking(owner, ann)).ids.sort()).toEqual([one, two].sort());
  });

  it('puts it back only where the list has room left', async () => {
    const gone = await makeRecord(owner, 'contact', { lastName: 'Gone' });
    const others = await Promise.all(Array.from({ length: 5 }, (_, i) => makeRecord(owner, 'contact', { lastName: `Other ${i}` })));
    const deal = await makeRecord(owner, 'opportunity', { name: 'Full', contacts: [gone, ...others.slice(0, 4)] });
    expect((await owner.delete(`/api/records/contact/${gone}`, { 'if-match': '*' })).status).toBe(204);
    // Filled up again meanwhile: the restore leaves it as it is, and it can still be edited.
    await owner.patch(`/api/records/opportunity/${deal}`, { data: { contacts: others } }, { 'if-match': '*' });
    expect((await owner.post(`/api/recycle-bin/contact/${gone}/restore`)).status).toBe(200);
    expect((await read('opportunity', deal)).data.contacts).toEqual(others);
    expect((await owner.patch(`/api/records/opportunity/${deal}`, { data: { name: 'Still editable' } }, { 'if-match': '*' })).status).toBe(200);
  });

  it('is refused while a field that refuses links it, naming the field and not the records', async () => {
    await publishChange(owner, (b) => {
      b.entities.opportunity.form.schema.properties.contacts['x-onDelete'] = 'refuse';
    });
    const contact = await makeRecord(owner, 'contact', { lastName: 'Held' });
    const deal = await makeRecord(owner, 'opportunity', { name: 'Holding', contacts: [contact] });
    const refused = await owner.delete(`/api/records/contact/${contact}`, { 'if-match': '*' });
    expectProblem(refused, 409);
    expect(refused.body.errors).toEqual([{ path: '/references/opportunity/contacts', message: 'records of type opportunity point at it through contacts' }]);
    expect(JSON.stringify(refused.body)).not.toContain(deal);
    // Unlinked, it can go.
    await owner.patch(`/api/records/opportunity/${deal}`, { data: { contacts: null } }, { 'if-match': '*' });
    expect((await owner.delete(`/api/records/contact/${contact}`, { 'if-match': '*' })).status).toBe(204);
    await publishChange(owner, (b) => {
      b.entities.opportunity.form.schema.properties.contacts['x-onDelete'] = 'clear';
    });
  });
});

describe('the relation across versions, exports and imports', () => {
  it('follows a publish that removes the field and one that brings it back', async () => {
    const contact = await makeRecord(owner, 'contact', { lastName: 'Versioned' });
    const deal = await makeRecord(owner, 'opportunity', { name: 'Versioned', contacts: [contact] });
    await publishChange(owner, (b) => {
      delete b.entities.opportunity.form.schema.properties.contacts;
    });
    const gone = await owner.get(`/api/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ contacts: { contains: contact } }))}`);
    expectProblem(gone, 400);
    await publishChange(owner, (b) => {
      b.entities.opportunity.form.schema.properties.contacts = CONTACTS;
    });
    // The links are found again from what the deal kept.
    expect((await linking(owner, contact)).ids).toEqual([deal]);
  });

  it('exports the linked ids and imports them back, each checked like a form’s', async () => {
    const ann = await makeRecord(rep, 'contact', { lastName: 'Exported Ann' });
    const bob = await makeRecord(rep, 'contact', { lastName: 'Exported Bob' });
    await makeRecord(rep, 'opportunity', { name: 'Exported', contacts: [ann, bob] });
    const csv = await h.app.request(
      `/api/records/opportunity/export.csv?columns=name,contacts&filter=${encodeURIComponent(JSON.stringify({ name: { eq: 'Exported' } }))}`,
      { headers: { cookie: rep.cookie, 'x-forwarded-for': rep.address } },
    );
    expect(await csv.text()).toContain(`Exported,${ann}; ${bob}`);

    const hidden = await makeRecord(owner, 'contact', { lastName: 'Not Rita’s' });
    const file = ['Name;Contacts', `Imported;${bob}; ${ann}`, `Refused;${hidden}`].join('\r\n');
    const staged = await rep.post('/api/imports?entity=opportunity&name=deals.csv', file, { 'content-type': 'text/csv' });
    expect(staged.status, JSON.stringify(staged.body)).toBe(201);
    const plan = { mapping: { '0': 'name', '1': 'contacts' }, duplicates: { match: 'name', then: 'create' } };
    const checked = await rep.post(`/api/imports/${staged.body.id}/check`, plan);
    expect(checked.body).toMatchObject({ create: 1, fail: 1 });
    expect((await rep.post(`/api/imports/${staged.body.id}/start`, plan)).status).toBe(202);
    await drainImports(h.deps);
    const imported = (await linking(rep, bob)).ids;
    expect(imported).toHaveLength(2);
    expect((await linking(owner, hidden)).ids).toEqual([]);
  });
});

describe('where one record is needed', () => {
  it('refuses a roll-up, a feedback link or mail filing through a field linking several records', async () => {
    const draft = await owner.get('/api/config/draft');
    const bundle = draft.body.bundle;
    bundle.entities.contact.form.schema.properties.deals = {
      type: 'number',
      'x-field': 'number',
      'x-rollup': { entity: 'opportunity', via: 'contacts', op: 'count' },
    };
    bundle.entities.opportunity.email = { ...bundle.entities.opportunity.email, alsoFileOn: ['contacts'] };
    const refused = await owner.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! });
    expectProblem(refused, 422);
    const paths = (refused.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toContain('/entities/contact/form/schema/properties/deals/x-rollup/via');
    expect(paths).toContain('/entities/opportunity/email/alsoFileOn/0');
  });
});
