import { describe, expect, it } from 'vitest';
import {
  entitiesOf,
  mappingsFrom,
  mappingTargets,
  orphanRows,
  orphanSource,
  pipelineProblems,
  pipelineWithStage,
  stageChanges,
} from '../../../studio/pipelines/orphans.ts';

describe('orphans', () => {
  const rows = orphanRows({ opportunity: { negotiation: 12, demo: 1 } });
  it('lists one row per removed stage with records', () => {
    expect(rows).toEqual([
      { entity: 'opportunity', stage: 'negotiation', count: 12 },
      { entity: 'opportunity', stage: 'demo', count: 1 },
    ]);
    expect(orphanRows(undefined)).toEqual([]);
  });
  it.each([
    [{}, null],
    [{ 'opportunity/negotiation': 'proposal' }, null],
    [{ 'opportunity/negotiation': 'proposal', 'opportunity/demo': 'lead' }, { stages: { opportunity: { negotiation: 'proposal', demo: 'lead' } } }],
  ])('mappingsFrom %j → %j', (choices, want) => expect(mappingsFrom(rows, choices)).toEqual(want));
  it('needs no mappings when no records are orphaned', () => expect(mappingsFrom([], {})).toEqual({}));
  it.each([
    ['sales', ['opportunity']],
    ['renewals', ['opportunity', 'partner_deal']],
    ['other', []],
  ])('finds the entities using pipeline %s, as default or besides it', (key, want) =>
    expect(entitiesOf({ lead: {}, opportunity: { pipeline: 'sales', pipelines: ['renewals'] }, partner_deal: { pipeline: 'renewals' } }, key)).toEqual(want),
  );
  it.each([
    ['/pipelines/sales/stages/2/requiredFields/0', { stage: 2, setting: 'requiredFields/0' }],
    ['/bundle/pipelines/sales/label', { stage: null, setting: 'label' }],
    ['/pipelines/other/stages/0/key', undefined],
    ['/entities/lead/label', undefined],
  ])('pipelineProblems %s', (path, want) => expect(pipelineProblems([{ path, message: 'm' }], 'sales')[0]).toEqual(want && { ...want, message: 'm' }));
});

describe("mapping targets across an entity's pipelines", () => {
  const pipelines = {
    sales: { stages: [{ key: 'prospecting' }, { key: 'won' }] },
    renewals: { stages: [{ key: 'due' }, { key: 'won' }] },
  };
  const after = { entities: { lead: {}, opportunity: { pipeline: 'sales', pipelines: ['renewals'] } }, pipelines };
  it.each([
    [
      'the default first, a shared key offered once',
      'opportunity',
      undefined,
      [
        { pipeline: 'sales', stages: ['prospecting', 'won'] },
        { pipeline: 'renewals', stages: ['due'] },
      ],
    ],
    [
      "the records' own pipeline first",
      'opportunity',
      'renewals',
      [
        { pipeline: 'renewals', stages: ['due', 'won'] },
        { pipeline: 'sales', stages: ['prospecting'] },
      ],
    ],
    [
      'a detached own pipeline is not offered',
      'opportunity',
      'gone',
      [
        { pipeline: 'sales', stages: ['prospecting', 'won'] },
        { pipeline: 'renewals', stages: ['due'] },
      ],
    ],
    ['nothing for a record type without a pipeline', 'lead', undefined, []],
    ['nothing for an unknown record type', 'gone', undefined, []],
  ])('%s', (_, entity, own, want) => expect(mappingTargets(after, entity, own)).toEqual(want));
  it('always includes every stage of the default pipeline, also after a swap', () =>
    expect(mappingTargets({ entities: { opportunity: { pipeline: 'renewals', pipelines: ['sales'] } }, pipelines }, 'opportunity')[0]).toEqual({
      pipeline: 'renewals',
      stages: ['due', 'won'],
    }));
  it.each([
    ['prospecting', 'sales'],
    ['due', 'renewals'],
    ['won', 'sales'],
    ['nowhere', undefined],
  ])('stage %s is found in %s', (stage, want) => expect(pipelineWithStage(after, 'opportunity', stage)).toBe(want));

  const before = { entities: { opportunity: { pipeline: 'sales', pipelines: ['renewals'] } }, pipelines };
  it.each([
    [
      'a stage removed from the default',
      { ...before, pipelines: { ...pipelines, sales: { stages: [{ key: 'won' }] } } },
      'prospecting',
      { pipeline: 'sales', detached: false },
    ],
    [
      'a stage removed from a further pipeline',
      { ...before, pipelines: { ...pipelines, renewals: { stages: [{ key: 'won' }] } } },
      'due',
      { pipeline: 'renewals', detached: false },
    ],
    ['a detached pipeline', { entities: { opportunity: { pipeline: 'sales' } }, pipelines }, 'due', { pipeline: 'renewals', detached: true }],
    [
      'a shared key, stray only in the detached one',
      { entities: { opportunity: { pipeline: 'sales' } }, pipelines },
      'won',
      { pipeline: 'renewals', detached: true },
    ],
    ['a stage still in place', before, 'due', undefined],
  ])('orphanSource: %s', (_, next, stage, want) => expect(orphanSource(before, next, 'opportunity', stage)).toEqual(want));
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
