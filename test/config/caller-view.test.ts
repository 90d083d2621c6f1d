import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
  await publishChange(owner, (b) => {
    b.roles.member.entities.opportunity.fields = { amount: 'hidden' };
    b.pipelines.sales.stages[4].rolesAllowed = ['manager'];
    b.entities.opportunity.form.uischema.elements.push({
      type: 'Control',
      scope: '#/properties/nextStep',
      rule: { effect: 'SHOW', condition: { scope: '#/properties/amount', schema: { minimum: 100000 } } },
    });
  });
});
afterAll(() => h.close());

describe('GET /api/config is the caller’s view', () => {
  it('shows a role only its entities, with their workflows and pipelines', async () => {
    const rep = await addMember(h, owner, slug, 'service_rep');
    const view = (await rep.browser.get('/api/config')).body;
    expect(Object.keys(view.entities).sort()).toEqual(['account', 'case', 'contact']);
    expect(Object.keys(view.workflows)).toEqual(['case']);
    expect(view.pipelines).toEqual({});
    expect(view.roles).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('sales_rep'); // the lead workflow's assignment names it
    expect(JSON.stringify(view)).not.toContain('guard');
    // Names of states and events, and texts its actions write, in every language.
    expect(view.workflows.case.states.in_progress).toEqual({ label: 'In progress', final: false, events: ['WAIT', 'RESOLVE', 'ESCALATE'] });
    expect(view.workflows.case.i18n.de).toMatchObject({ 'state.in_progress': 'In Bearbeitung', 'event.ESCALATE': 'Eskalieren' });
    expect(view.workflows.case.i18n.es['text.Follow up with the customer']).toBe('Hacer seguimiento con el cliente');
  });

  it('hides what a hidden field would reveal: required stage fields, rules on it, who may enter a stage', async () => {
    const member = await addMember(h, owner, slug, 'member');
    const view = (await member.browser.get('/api/config')).body;
    const stages = view.pipelines.sales.stages;
    expect(stages.find((s: { key: string }) => s.key === 'proposal').requiredFields).toEqual([]);
    expect(stages.find((s: { key: string }) => s.key === 'closed_won')).toMatchObject({ allowed: false });
    expect(JSON.stringify(view.pipelines)).not.toContain('rolesAllowed');
    const text = JSON.stringify(view.entities.opportunity);
    expect(text).not.toContain('amount');
    expect(text).toContain('#/properties/nextStep');
    const ownerView = (await owner.get('/api/config')).body;
    expect(JSON.stringify(ownerView.entities.opportunity.form.uischema)).toContain('#/properties/amount');
  });
});
