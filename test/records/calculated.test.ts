import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/**
 * Calculated fields and roll-ups over HTTP: a deal's weighted amount follows its amount and stage; an account's open
 * amount and open cases follow every change of its deals and cases (create, edit, move, reassign, delete, restore);
 * nobody sets them; lists sort and filter on them; someone who may not read every record a roll-up counts never sees it.
 */
let h: Harness;
let owner: Browser;
let rep: Browser;
let acme = '';
let globex = '';

const CALCULATED = {
  weighted: { type: 'number', 'x-field': 'currency', title: 'Weighted amount', 'x-formula': 'round(amount * _probability / 100, 2)' },
  openAmount: {
    type: 'number',
    'x-field': 'currency',
    title: 'Open amount',
    'x-rollup': { entity: 'opportunity', via: 'account', op: 'sum', field: 'amount', where: '_outcome = "open"' },
  },
  openCases: {
    type: 'number',
    'x-field': 'number',
    title: 'Open cases',
    'x-rollup': { entity: 'case', via: 'account', op: 'count', where: 'not (_state = "resolved" or _state = "closed")' },
  },
};

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  await publishChange(owner, (b) => {
    b.entities.opportunity.form.schema.properties.weighted = CALCULATED.weighted;
    Object.assign(b.entities.account.form.schema.properties, { openAmount: CALCULATED.openAmount, openCases: CALCULATED.openCases });
  });
  // Representatives read only their own deals: an account's open amount would tell them about others'.
  rep = (await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Rita Rep')).browser;
  acme = (await owner.post('/api/records/account', { data: { name: 'Acme' } })).body.id;
  globex = (await owner.post('/api/records/account', { data: { name: 'Globex' } })).body.id;
}, 60_000);
afterAll(() => h.close());

const account = async (id: string) => (await owner.get(`/api/records/account/${id}`)).body.data;
const deal = (amount: number, on = acme) => owner.post('/api/records/opportunity', { data: { name: `Deal ${amount}`, account: on, amount } });
const patch = (id: string, data: object) => owner.patch(`/api/records/opportunity/${id}`, { data }, { 'if-match': '*' });
const move = (id: string, stage: string, extra: object = {}) => owner.post(`/api/records/opportunity/${id}/stage`, { stage, ...extra }, { 'if-match': '*' });

describe('a calculated field', () => {
  it('is computed when the record is created and again when what it reads changes, its stage included', async () => {
    const created = await deal(1000);
    expect(created.status).toBe(201);
    expect(created.body.data.weighted).toBe(100); // prospecting: 10 %
    expect((await patch(created.body.id, { amount: 1234.5 })).body.data.weighted).toBe(123.45);
    const moved = await move(created.body.id, 'proposal');
    expect(moved.status).toBe(200);
    expect(moved.body.data.weighted).toBe(617.25);
  });

  it('is set by nobody: a value sent for it is refused, naming it, and nothing is written', async () => {
    const created = (await deal(10)).body;
    const refused = await patch(created.id, { weighted: 5, amount: 20 });
    expectProblem(refused, 422);
    expect(refused.body.errors).toEqual([{ path: '/data/weighted', message: 'is calculated from other values and cannot be set' }]);
    expect((await owner.get(`/api/records/opportunity/${created.id}`)).body.data.amount).toBe(10);
    expectProblem(await owner.post('/api/records/opportunity', { data: { name: 'X', amount: 1, weighted: 3 } }), 422);
    // Sent back as it is, it passes (a form sends what it shows).
    expect((await patch(created.id, { weighted: 1, nextStep: 'Call' })).status).toBe(200);
  });
});

describe('a roll-up', () => {
  it('starts at nothing counted and follows its records through every change', async () => {
    const fresh = (await owner.post('/api/records/account', { data: { name: 'Initech' } })).body;
    expect(fresh.data).toMatchObject({ openAmount: 0, openCases: 0 });

    const start = (await account(acme)).openAmount as number;
    const a = (await deal(2000)).body;
    const b = (await deal(500)).body;
    expect((await account(acme)).openAmount).toBe(start + 2500);
    await patch(a.id, { amount: 3000 });
    expect((await account(acme)).openAmount).toBe(start + 3500);
    // Moved to another account: counted there, no longer here.
    await patch(b.id, { account: globex });
    expect((await account(acme)).openAmount).toBe(start + 3000);
    expect((await account(globex)).openAmount).toBe(500);
    // Lost: no longer open.
    expect((await move(b.id, 'closed_lost', { closeReason: 'Budget' })).status).toBe(200);
    expect((await account(globex)).openAmount).toBe(0);
    // Deleted and restored.
    const version = (await owner.get(`/api/records/opportunity/${a.id}`)).body.version;
    expect((await owner.delete(`/api/records/opportunity/${a.id}`, { 'if-match': `"${version}"` })).status).toBe(204);
    expect((await account(acme)).openAmount).toBe(start);
    expect((await owner.post(`/api/recycle-bin/opportunity/${a.id}/restore`)).status).toBe(200);
    expect((await account(acme)).openAmount).toBe(start + 3000);
  });

  it('counts cases by their workflow state', async () => {
    const before = (await account(globex)).openCases as number;
    const made = (await owner.post('/api/records/case', { data: { subject: 'Broken', account: globex, priority: 'normal' } })).body;
    expect((await account(globex)).openCases).toBe(before + 1);
    const events = (await owner.get(`/api/records/case/${made.id}`)).body;
    expect(events.state).toBe('new');
  });

  it('is a field lists sort and filter on', async () => {
    const sorted = await owner.get('/api/records/account?sort=-openAmount&limit=2');
    expect(sorted.status).toBe(200);
    expect(sorted.body.items[0].id).toBe(acme);
    const filtered = await owner.get(`/api/records/account?filter=${encodeURIComponent(JSON.stringify({ openAmount: { gt: 0 } }))}`);
    expect(filtered.body.items.map((r: { id: string }) => r.id)).toEqual([acme]);
  });

  it('is hidden from whoever may not read every record it counts, on every path', async () => {
    const read = await rep.get(`/api/records/account/${acme}`);
    expect(read.status).toBe(200);
    expect(read.body.data).not.toHaveProperty('openAmount');
    expect(read.body.data).not.toHaveProperty('openCases');
    const list = await rep.get('/api/records/account');
    expect(list.body.items.every((r: { data: object }) => !('openAmount' in r.data))).toBe(true);
    // Filtering or sorting on it is what a field they cannot see gets: no answer that depends on it.
    const filtered = await rep.get(`/api/records/account?filter=${encodeURIComponent(JSON.stringify({ openAmount: { gt: 0 } }))}`);
    const unknown = await rep.get(`/api/records/account?filter=${encodeURIComponent(JSON.stringify({ noSuchField: { gt: 0 } }))}`);
    expect(filtered.status).toBe(unknown.status);
    expect(filtered.status).toBe(400);
    const config = await rep.get('/api/config');
    expect(Object.keys(config.body.entities.account.form.schema.properties)).not.toContain('openAmount');
    // The weighted amount reads only the deal's own fields: they see it on their own deals.
    const own = (await rep.post('/api/records/opportunity', { data: { name: 'Rita’s deal', amount: 100 } })).body;
    expect(own.data.weighted).toBe(10);
  });
});

describe('publishing a calculation', () => {
  it('computes it at once for the records there are, and again when what it reads in the configuration changes', async () => {
    const deals = (await owner.get(`/api/records/opportunity?count=true&filter=${encodeURIComponent(JSON.stringify({ account: { eq: acme } }))}`)).body.total;
    const prospect = (await deal(400)).body;
    await publishChange(owner, (b) => {
      b.entities.account.form.schema.properties.deals = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'opportunity', via: 'account', op: 'count' },
      };
    });
    expect((await account(acme)).deals).toBe(deals + 1);
    expect((await account(globex)).deals).toBeGreaterThan(0);
    // Prospecting now counts 20 %: the weighted amounts follow without anyone touching the deals.
    await publishChange(owner, (b) => (b.pipelines.sales.stages[0].probability = 20));
    expect((await owner.get(`/api/records/opportunity/${prospect.id}`)).body.data.weighted).toBe(80);
  });
});

describe('a configuration with calculations', () => {
  const refused = async (change: (b: any) => void) => {
    const draft = await owner.get('/api/config/draft');
    change(draft.body.bundle);
    return owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! });
  };
  const field = (props: object) => (b: any) => (b.entities.opportunity.form.schema.properties.extra = { type: 'number', 'x-field': 'number', ...props });

  it.each([
    ['an unknown field', { 'x-formula': 'amout * 2' }, '/x-formula', 'Unknown field "amout"'],
    ['a text in a number field', { 'x-formula': 'name' }, '/x-formula', 'gives a string, but the field holds a number'],
    ['bad syntax', { 'x-formula': 'amount * (2' }, '/x-formula', 'Expected ")"'],
    ['a roll-up through a field that does not point here', { 'x-rollup': { entity: 'case', via: 'subject', op: 'count' } }, '/x-rollup/via', 'refers to'],
    ['a roll-up summing a text', { 'x-rollup': { entity: 'contact', via: 'account', op: 'sum', field: 'lastName' } }, '/x-rollup', ''],
  ])('is refused for %s, naming the place', async (_what, props, where, words) => {
    const res = await refused(field(props));
    expectProblem(res, 422);
    const error = res.body.errors.find((e: { path: string }) => e.path.includes('/properties/extra'));
    expect(error?.path).toContain(`/entities/opportunity/form/schema/properties/extra${where}`);
    expect(error?.message).toContain(words);
  });

  it('is refused for a roll-up whose condition reads today (it would go stale without any record changing)', async () => {
    const res = await refused((b) => {
      b.entities.account.form.schema.properties.recent = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'opportunity', via: 'account', op: 'count', where: 'closeDate >= today()' },
      };
    });
    expectProblem(res, 422);
    expect(res.body.errors).toContainEqual({
      path: '/entities/account/form/schema/properties/recent/x-rollup/where',
      message: 'cannot use today(): it changes without any record changing',
    });
  });

  it('is refused for roll-ups that read each other through the records they count, naming the circle', async () => {
    const res = await refused((b) => {
      // The account sums its deals' share of the account's own total: each change would feed the other.
      b.entities.account.form.schema.properties.total = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'opportunity', via: 'account', op: 'sum', field: 'share' },
      };
      b.entities.opportunity.form.schema.properties.share = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'account', via: 'owner', op: 'sum', field: 'total' },
      };
      b.entities.account.form.schema.properties.owner = { type: 'string', 'x-field': 'reference', 'x-ref': 'opportunity', maxLength: 64 };
    });
    expectProblem(res, 422);
    expect(res.body.errors).toContainEqual({
      path: '/entities/account/form/schema/properties/total/x-rollup',
      message: 'reads itself through other calculated fields: account.total → opportunity.share → account.total',
    });
    // Counting each other's records, without reading what the other calculates, is no circle (then put back as it was).
    const saved = await refused((b) => {
      b.entities.account.form.schema.properties.deals = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'opportunity', via: 'account', op: 'count' },
      };
      b.entities.opportunity.form.schema.properties.siblings = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'account', via: 'owner', op: 'count', where: 'deals > 0' },
      };
      b.entities.account.form.schema.properties.owner = { type: 'string', 'x-field': 'reference', 'x-ref': 'opportunity', maxLength: 64 };
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await refused((b) => {
      delete b.entities.account.form.schema.properties.deals;
      delete b.entities.account.form.schema.properties.owner;
      delete b.entities.opportunity.form.schema.properties.siblings;
    });
  });

  it('is refused when formulas read each other in a circle, or a calculated field is required', async () => {
    const circle = await refused((b) => {
      Object.assign(b.entities.opportunity.form.schema.properties, {
        one: { type: 'number', 'x-field': 'number', 'x-formula': 'two + 1' },
        two: { type: 'number', 'x-field': 'number', 'x-formula': 'one + 1' },
      });
    });
    expectProblem(circle, 422);
    expect(JSON.stringify(circle.body.errors)).toContain('circle');
    const required = await refused((b) => {
      field({ 'x-formula': 'amount * 2' })(b);
      b.entities.opportunity.form.schema.required.push('extra');
    });
    expectProblem(required, 422);
    expect(required.body.errors).toContainEqual({
      path: '/entities/opportunity/form/schema/properties/extra',
      message: 'is calculated, so it cannot be required',
    });
  });
});
