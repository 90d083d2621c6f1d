import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../../runtime/browser-safe/bundle.ts';
import defaults from '../../../runtime/config/default-bundle.json' with { type: 'json' };
import type { Impact } from '../../../runtime/browser-safe/impact.ts';
import { choiceId, entityName, fieldName, mappingsFrom, orphanRows, targetName, targetsOf } from '../../../studio/transfer/mappings.ts';

const bundle = defaults as unknown as Bundle;
const impact: Impact = {
  invalidRecords: {},
  removedEntities: {},
  orphanedStates: { lead: { contacted: 2 } },
  orphanedStages: { opportunity: { negotiation: 3, demo: 1 } },
  timers: {},
};
const rows = orphanRows(impact);

describe('orphanRows', () => {
  it('lists states first, then stages, with their counts', () =>
    expect(rows.map(choiceId)).toEqual(['states/lead/contacted', 'stages/opportunity/negotiation', 'stages/opportunity/demo']));
  it('is empty without an impact', () => expect(orphanRows(undefined)).toEqual([]));
});

describe('mappingsFrom', () => {
  it.each([
    ['nothing chosen', {}, null],
    ['one missing', { 'states/lead/contacted': 'new', 'stages/opportunity/negotiation': 'proposal' }, null],
    ['one empty', { 'states/lead/contacted': 'new', 'stages/opportunity/negotiation': 'proposal', 'stages/opportunity/demo': '' }, null],
    [
      'all chosen',
      { 'states/lead/contacted': 'new', 'stages/opportunity/negotiation': 'proposal', 'stages/opportunity/demo': 'proposal' },
      { states: { lead: { contacted: 'new' } }, stages: { opportunity: { negotiation: 'proposal', demo: 'proposal' } } },
    ],
  ])('%s', (_, choices, mappings) => expect(mappingsFrom(rows, choices)).toEqual(mappings));

  it('needs no choice when nothing is orphaned', () => expect(mappingsFrom([], {})).toEqual({}));
});

describe('targets', () => {
  it('offers the resting states of the entity’s workflow, named', () =>
    expect(targetsOf(bundle, 'states', 'lead', 'en')).toEqual([
      { key: 'new', label: 'New' },
      { key: 'contacted', label: 'Contacted' },
      { key: 'qualified', label: 'Qualified' },
      { key: 'converted', label: 'Converted' },
      { key: 'disqualified', label: 'Disqualified' },
    ]));

  it('offers the stages of the entity’s pipeline in the person’s language', () => {
    const de = targetsOf(bundle, 'stages', 'opportunity', 'de');
    expect(de.map((s) => s.key)).toEqual(['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    expect(de.find((s) => s.key === 'proposal')!.label).toBe(bundle.pipelines.sales!.i18n!.de!['stage.proposal']);
  });

  it.each([
    ['an entity without a pipeline', 'stages', 'contact'],
    ['an unknown entity', 'states', 'ghost'],
  ] as const)('offers nothing for %s', (_, kind, entity) => expect(targetsOf(bundle, kind, entity, 'en')).toEqual([]));

  it('names a state or stage, or falls back to its key', () => {
    expect(targetName(bundle, 'stages', 'opportunity', 'negotiation', 'en')).toBe('Negotiation');
    expect(targetName(bundle, 'stages', 'opportunity', 'gone', 'en')).toBe('gone');
    expect(targetName(null, 'states', 'lead', 'new', 'en')).toBe('new');
  });

  it('names entities in the person’s language', () => {
    expect(entityName(bundle, 'opportunity', 'en')).toBe('Opportunity');
    expect(entityName(bundle, 'ghost', 'en')).toBe('ghost');
  });

  it.each([
    ['opportunity', 'nextStep', 'de', bundle.entities.opportunity!.i18n.de!['nextStep.label']],
    ['opportunity', 'gone', 'en', 'gone'],
  ] as const)('names field %s.%s in %s', (entity, field, locale, name) => expect(fieldName(bundle.entities[entity], field, locale)).toBe(name));
});
