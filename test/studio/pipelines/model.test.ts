import { describe, expect, it } from 'vitest';
import {
  addStage,
  keyFrom,
  moveStage,
  newPipeline,
  PipelineError,
  removeStage,
  renameStage,
  setStageKey,
  stageLabel,
  toggled,
  updateStage,
  type Pipeline,
} from '../../../studio/pipelines/model.ts';

const stage = (key: string, label: string, kind: 'open' | 'won' | 'lost' = 'open') => ({
  key,
  label,
  probability: 10,
  kind,
  requiredFields: [],
  color: '#000000',
});
const base: Pipeline = {
  label: 'Sales',
  stages: [stage('lead', 'Lead'), stage('offer', 'Offer'), stage('won', 'Won', 'won')],
  i18n: { en: { label: 'Sales', 'stage.lead': 'Lead', 'stage.offer': 'Offer' }, de: { 'stage.offer': 'Angebot' } },
};
const none = new Set<string>();
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof PipelineError ? e.code : 'other';
  }
  return null;
};

describe('keyFrom', () => {
  it.each([
    ['Closed – won', [], 'closed_won'],
    ['Négociation', [], 'negociation'],
    ['2nd call', [], 'stage_2nd_call'],
    ['', [], 'stage'],
    ['Demo', ['demo'], 'demo_2'],
    ['Demo', ['demo', 'demo_2'], 'demo_3'],
  ])('%s (taken %j) → %s', (label, taken, key) => expect(keyFrom(label, new Set(taken))).toBe(key));
});

describe('stage edits', () => {
  it('moves a stage and clamps at the edges', () => {
    expect(moveStage(base, 0, 1).stages.map((s) => s.key)).toEqual(['offer', 'lead', 'won']);
    expect(moveStage(base, 2, 5).stages.map((s) => s.key)).toEqual(['lead', 'offer', 'won']);
    expect(moveStage(base, 0, -1)).toBe(base);
  });

  it('adds an open stage before the first closed one, with a key from its name', () => {
    const { pipeline, index } = addStage(base, 'Demo', 'en');
    expect(index).toBe(2);
    expect(pipeline.stages[2]).toMatchObject({ key: 'demo', label: 'Demo', kind: 'open' });
    expect(pipeline.i18n?.en?.['stage.demo']).toBe('Demo');
  });

  it('removes a stage with its translations, but never the last one', () => {
    const p = removeStage(base, 1);
    expect(p.stages.map((s) => s.key)).toEqual(['lead', 'won']);
    expect(p.i18n?.de).toEqual({});
    expect(code(() => removeStage({ label: 'x', stages: [stage('a', 'A')] }, 0))).toBe('last-stage');
  });

  it.each([
    ['en renames label and English text', 'en', 'Quote', { label: 'Quote', en: 'Quote', de: 'Angebot' }],
    ['de changes only the German text', 'de', 'Offerte', { label: 'Offer', en: 'Offer', de: 'Offerte' }],
    ['an empty German text falls back', 'de', '', { label: 'Offer', en: 'Offer', de: undefined }],
  ] as const)('renameStage: %s', (_, locale, text, want) => {
    const p = renameStage(base, 1, locale, text, new Set(['offer']));
    expect(p.stages[1]!.label).toBe(want.label);
    expect(p.i18n?.en?.['stage.offer']).toBe(want.en);
    expect(p.i18n?.de?.['stage.offer']).toBe(want.de);
  });

  it('lets an unpublished key follow its name, and keeps a published or hand-made one', () => {
    expect(renameStage(base, 1, 'en', 'Quote', none).stages[1]!.key).toBe('quote');
    expect(renameStage(base, 1, 'en', 'Quote', none).i18n?.de?.['stage.quote']).toBe('Angebot');
    expect(renameStage(base, 1, 'en', 'Quote', new Set(['offer'])).stages[1]!.key).toBe('offer');
    const custom = setStageKey(base, 1, 'my_offer', none);
    expect(renameStage(custom, 1, 'en', 'Quote', none).stages[1]!.key).toBe('my_offer');
  });

  it.each([
    ['a published key', 'x', new Set(['offer']), 'published-key'],
    ['an invalid key', 'Bad Key', none, 'invalid-key'],
    ['a taken key', 'lead', none, 'key-taken'],
    ['a fine key', 'quote', none, null],
  ])('setStageKey refuses %s', (_, key, published, want) => expect(code(() => setStageKey(base, 1, key, published))).toBe(want));

  it.each([
    [{ probability: 40 }, null],
    [{ probability: 101 }, 'invalid-value'],
    [{ probability: 2.5 }, 'invalid-value'],
    [{ color: '#12ab9f' }, null],
    [{ color: 'red' }, 'invalid-value'],
    [{ kind: 'won' as const }, null],
  ])('updateStage %j → %s', (patch, want) => expect(code(() => updateStage(base, 0, patch))).toBe(want));

  it('drops an empty roles list: nobody listed means everyone', () => {
    const p = updateStage(updateStage(base, 0, { rolesAllowed: ['manager'] }), 0, { rolesAllowed: [] });
    expect(p.stages[0]).not.toHaveProperty('rolesAllowed');
    expect(toggled(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('names stages in the interface language, falling back to English, then the label', () => {
    expect(stageLabel(base, base.stages[1]!, 'de')).toBe('Angebot');
    expect(stageLabel(base, base.stages[0]!, 'fr')).toBe('Lead');
    expect(stageLabel(base, base.stages[2]!, 'de')).toBe('Won');
  });

  it('makes a new pipeline with a unique key and open, won and lost stages', () => {
    const { key, pipeline } = newPipeline('Sales', new Set(['sales']), { open: 'New', won: 'Won', lost: 'Lost' });
    expect(key).toBe('sales_2');
    expect(pipeline.stages.map((s) => s.kind)).toEqual(['open', 'won', 'lost']);
  });
});
