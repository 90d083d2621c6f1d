import { describe, expect, it } from 'vitest';
import { entitiesOf, mappingsFrom, orphanRows, pipelineProblems, stageChanges } from '../../../studio/pipelines/orphans.ts';

describe('orphans', () => {
  const rows = orphanRows({ opportunity: { negotiation: 12, demo: 1 } });
  it('lists one row per removed stage with records', () => {
    expect(rows).toEqual([{ entity: 'opportunity', stage: 'negotiation', count: 12 }, { entity: 'opportunity', stage: 'demo', count: 1 }]);
    expect(orphanRows(undefined)).toEqual([]);
  });
  it.each([
    [{}, null],
    [{ 'opportunity/negotiation': 'proposal' }, null],
    [{ 'opportunity/negotiation': 'proposal', 'opportunity/demo': 'lead' }, { stages: { opportunity: { negotiation: 'proposal', demo: 'lead' } } }],
  ])('mappingsFrom %j → %j', (choices, want) => expect(mappingsFrom(rows, choices)).toEqual(want));
  it('needs no mappings when no records are orphaned', () => expect(mappingsFrom([], {})).toEqual({}));
  it('finds the entities using a pipeline', () => expect(entitiesOf({ lead: {}, opportunity: { pipeline: 'sales' } }, 'sales')).toEqual(['opportunity']));
  it.each([
    ['/pipelines/sales/stages/2/requiredFields/0', { stage: 2, setting: 'requiredFields/0' }],
    ['/bundle/pipelines/sales/label', { stage: null, setting: 'label' }],
    ['/pipelines/other/stages/0/key', undefined],
    ['/entities/lead/label', undefined],
  ])('pipelineProblems %s', (path, want) => expect(pipelineProblems([{ path, message: 'm' }], 'sales')[0]).toEqual(want && { ...want, message: 'm' }));
});

describe('stageChanges', () => {
  const s = (key: string, label = key) => ({ key, label });
  const name = (x: { label: string }) => x.label;
  it.each([
    ['nothing', [s('a'), s('b')], [s('a'), s('b')], { added: [], removed: [], renamed: [], reordered: false }],
    ['add and remove', [s('a'), s('b')], [s('a'), s('c')], { added: ['c'], removed: ['b'], renamed: [], reordered: false }],
    ['rename', [s('a', 'A')], [s('a', 'Alpha')], { added: [], removed: [], renamed: [{ from: 'A', to: 'Alpha' }], reordered: false }],
    ['reorder', [s('a'), s('b'), s('c')], [s('b'), s('a'), s('x')], { added: ['x'], removed: ['c'], renamed: [], reordered: true }],
  ])('%s', (_, before, after, want) => expect(stageChanges(before, after, name)).toEqual(want));
});
