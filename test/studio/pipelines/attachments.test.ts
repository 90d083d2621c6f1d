import { describe, expect, it } from 'vitest';
import {
  attachableTo,
  attachPipeline,
  detachPipeline,
  entitiesWithPipeline,
  makeDefaultPipeline,
  pipelinesOfEntity,
  sharedFields,
  useChanges,
  usesOf,
  type PipelineHolder,
} from '../../../studio/pipelines/attachments.ts';
import { PipelineError } from '../../../studio/pipelines/model.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof PipelineError ? e.code : 'other';
  }
  return null;
};
const entities: Record<string, PipelineHolder & { label: string }> = {
  lead: { label: 'Lead' },
  opportunity: { label: 'Opportunity', pipeline: 'sales', pipelines: ['renewals'] },
  partner_deal: { label: 'Partner deal', pipeline: 'renewals' },
};

describe('pipelinesOfEntity', () => {
  it.each([
    [{}, []],
    [{ pipeline: 'sales' }, ['sales']],
    [{ pipeline: 'sales', pipelines: ['renewals', 'upsell'] }, ['sales', 'renewals', 'upsell']],
    [{ pipeline: 'sales', pipelines: ['sales', 'renewals'] }, ['sales', 'renewals']],
    [{ pipelines: ['renewals'] }, []],
  ] as const)('%j → %j', (def, want) => expect(pipelinesOfEntity(def)).toEqual(want));
});

describe('who uses a pipeline', () => {
  it.each([
    ['sales', [{ entity: 'opportunity', isDefault: true }]],
    [
      'renewals',
      [
        { entity: 'opportunity', isDefault: false },
        { entity: 'partner_deal', isDefault: true },
      ],
    ],
    ['upsell', []],
  ])('usesOf %s', (key, want) => expect(usesOf(entities, key)).toEqual(want));

  it.each([
    ['sales', ['partner_deal']],
    ['renewals', []],
    ['upsell', ['opportunity', 'partner_deal']],
  ])('attachableTo %s → %j (never a record type without a pipeline)', (key, want) => expect(attachableTo(entities, key)).toEqual(want));

  it('lists the record types that have a pipeline', () => expect(entitiesWithPipeline(entities)).toEqual(['opportunity', 'partner_deal']));
});

describe('attach, detach, make default', () => {
  const opp = { label: 'Opportunity', pipeline: 'sales' } as PipelineHolder & { label: string };
  it.each([
    ['attach a further pipeline', () => attachPipeline(opp, 'renewals'), { label: 'Opportunity', pipeline: 'sales', pipelines: ['renewals'] }],
    [
      'attach keeps order',
      () => attachPipeline({ ...opp, pipelines: ['renewals'] }, 'upsell'),
      { label: 'Opportunity', pipeline: 'sales', pipelines: ['renewals', 'upsell'] },
    ],
    ['attach the default again changes nothing', () => attachPipeline(opp, 'sales'), opp],
    ['detach the last further pipeline drops the list', () => detachPipeline({ ...opp, pipelines: ['renewals'] }, 'renewals'), opp],
    ['detach one of two', () => detachPipeline({ ...opp, pipelines: ['renewals', 'upsell'] }, 'renewals'), { ...opp, pipelines: ['upsell'] }],
    ['detach one not attached changes nothing', () => detachPipeline(opp, 'renewals'), opp],
    [
      'make an attached one the default: the old default takes its place',
      () => makeDefaultPipeline({ ...opp, pipelines: ['renewals', 'upsell'] }, 'renewals'),
      { ...opp, pipeline: 'renewals', pipelines: ['sales', 'upsell'] },
    ],
    [
      'make an unattached one the default: the old default stays attached',
      () => makeDefaultPipeline(opp, 'renewals'),
      { ...opp, pipeline: 'renewals', pipelines: ['sales'] },
    ],
    ['make the default the default changes nothing', () => makeDefaultPipeline(opp, 'sales'), opp],
  ] as const)('%s', (_, fn, want) => expect(fn()).toEqual(want));

  it.each([
    ['detach the default pipeline', () => detachPipeline(opp, 'sales'), 'default-pipeline'],
    ['attach to a record type without a pipeline', () => attachPipeline({ label: 'Lead' }, 'sales'), 'no-pipeline'],
    ['make default on a record type without a pipeline', () => makeDefaultPipeline({ label: 'Lead' }, 'sales'), 'no-pipeline'],
  ])('refuses to %s', (_, fn, code) => expect(refusal(fn)).toBe(code));

  it('leaves the value it was given alone', () => {
    const def = { ...opp, pipelines: ['renewals'] };
    makeDefaultPipeline(def, 'renewals');
    detachPipeline(def, 'renewals');
    expect(def).toEqual({ label: 'Opportunity', pipeline: 'sales', pipelines: ['renewals'] });
  });
});

describe('useChanges', () => {
  const before = { opportunity: { pipeline: 'sales', pipelines: ['renewals'] }, partner_deal: { pipeline: 'partner' } };
  it.each([
    ['nothing', before, { attached: [], detached: [], nowDefault: [] }],
    ['detached', { ...before, opportunity: { pipeline: 'sales' } }, { attached: [], detached: ['opportunity'], nowDefault: [] }],
    ['attached', { ...before, partner_deal: { pipeline: 'partner', pipelines: ['renewals'] } }, { attached: ['partner_deal'], detached: [], nowDefault: [] }],
    ['made default', { ...before, opportunity: { pipeline: 'renewals', pipelines: ['sales'] } }, { attached: [], detached: [], nowDefault: ['opportunity'] }],
    ['attached as default', { ...before, partner_deal: { pipeline: 'renewals' } }, { attached: ['partner_deal'], detached: [], nowDefault: ['partner_deal'] }],
  ])('%s', (_, after, want) => expect(useChanges(before, after, 'renewals')).toEqual(want));
});

describe('sharedFields', () => {
  const opp = { name: {}, amount: {}, closeDate: {} };
  it.each([
    ['one record type: all its fields', [], ['name', 'amount', 'closeDate']],
    ['two: only the fields both have', [{ amount: {}, name: {} }], ['name', 'amount']],
    ['none in common', [{ title: {} }], []],
  ])('%s', (_, others, want) => expect(sharedFields(opp, others)).toEqual(want));
});
