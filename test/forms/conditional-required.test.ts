import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let member: Browser;

// The example: a required Budget shown only when the lead's rating is Hot.
const budgetWhenHot = (bundle: any) => {
  const lead = bundle.entities.lead;
  lead.form.schema.properties.budget = { type: 'number', minimum: 0, 'x-field': 'currency', title: 'Budget' };
  lead.form.schema.required.push('budget');
  lead.form.uischema.elements.push({
    type: 'Control',
    scope: '#/properties/budget',
    rule: { effect: 'SHOW', condition: { scope: '#/properties/rating', schema: { const: 'hot' } } },
  });
  for (const locale of ['en', 'de', 'fr', 'es']) lead.i18n[locale]['budget.label'] = 'Budget';
};

/** A company whose published lead form has the budget required when hot: its owner and a member. */
async function company() {
  const { owner, tenant } = await signUp(h);
  const member = (await addMember(h, owner, tenant.slug)).browser;
  await publishChange(owner, budgetWhenHot);
  return { owner, member };
}

beforeAll(async () => {
  h = await startHarness();
  ({ member } = await company());
});
afterAll(() => h.close());

describe('a required field under a SHOW rule', () => {
  it.each([
    ['no rating', { lastName: 'Ng' }, 201],
    ['a warm lead', { lastName: 'Ng', rating: 'warm' }, 201],
    ['a hot lead with a budget', { lastName: 'Ng', rating: 'hot', budget: 5000 }, 201],
  ])('is not asked for while hidden, and is accepted when given: %s', async (_name, data, status) => {
    expect((await member.post('/api/records/lead', { data })).status).toBe(status);
  });

  it('is required while shown, reported at its own path only', async () => {
    const res = await member.post('/api/records/lead', { data: { lastName: 'Ng', rating: 'hot' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/data/budget', message: 'is required' }]);
  });

  it('is required again when an edit shows it', async () => {
    const created = await member.post('/api/records/lead', { data: { lastName: 'Ng', rating: 'cold' } });
    const res = await member.patch(`/api/records/lead/${created.body.id}`, { data: { rating: 'hot' } }, { 'if-match': created.headers.get('etag')! });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/data/budget', message: 'is required' }]);
  });

  it('under a HIDE rule on a group is required while the group shows', async () => {
    // A company of its own: the other tests expect the SHOW rule the shared company publishes.
    const { owner, member } = await company();
    await publishChange(owner, (bundle) => {
      const lead = bundle.entities.lead;
      lead.form.uischema.elements = lead.form.uischema.elements.filter((e: any) => e.scope !== '#/properties/budget');
      lead.form.uischema.elements.push({
        type: 'Group',
        label: 'Deal',
        rule: { effect: 'HIDE', condition: { scope: '#/properties/rating', schema: { enum: ['cold', 'warm'] } } },
        elements: [{ type: 'Control', scope: '#/properties/budget' }],
      });
    });
    // A missing rating is not cold or warm: the group shows, so the budget is asked for.
    expect((await member.post('/api/records/lead', { data: { lastName: 'Ng' } })).status).toBe(422);
    expect((await member.post('/api/records/lead', { data: { lastName: 'Ng', rating: 'warm' } })).status).toBe(201);
    expect((await member.post('/api/records/lead', { data: { lastName: 'Ng', rating: 'hot' } })).status).toBe(422);
  });
});
