import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../../runtime/browser-safe/bundle.ts';
import defaults from '../../../runtime/config/default-bundle.json' with { type: 'json' };
import { diffBundles } from '../../../runtime/browser-safe/diff.ts';
import { displayValue, fieldRows, partDiffs } from '../../../studio/transfer/diff-rows.ts';

const base = defaults as unknown as Bundle;
const stage = (key: string, label: string) => ({ key, label, probability: 10, kind: 'open', requiredFields: [], color: '#000000' });

describe('fieldRows', () => {
  it.each([
    ['a scalar setting', ['/label'], { label: 'Lead' }, { label: 'Prospect' }, [['/label', 'Lead', 'Prospect']]],
    ['a setting added', ['/pipeline'], {}, { pipeline: 'sales' }, [['/pipeline', undefined, 'sales']]],
    ['a setting removed', ['/workflow'], { workflow: 'lead' }, {}, [['/workflow', 'lead', undefined]]],
    ['the whole value', ['/'], 1, 2, [['/', 1, 2]]],
  ])('%s', (_, paths, before, after, rows) => {
    expect(fieldRows(paths, before, after).map((r) => [r.pointer, r.before, r.after])).toEqual(rows);
  });

  it('compares keyed lists item by item: a renamed, a removed and an added stage are a row each', () => {
    const before = { stages: [stage('a', 'A'), stage('b', 'B')] };
    const after = { stages: [stage('a', 'Alpha'), stage('c', 'C')] };
    const rows = fieldRows(['/stages'], before, after);
    expect(rows.map((r) => [r.where, r.before, r.after])).toEqual([
      [['stages', 'a', 'label'], 'A', 'Alpha'],
      [['stages', 'b'], before.stages[1], undefined],
      [['stages', 'c'], undefined, after.stages[1]],
    ]);
  });

  it('reports a new order of the kept items as one row', () => {
    const rows = fieldRows(['/stages'], { stages: [stage('a', 'A'), stage('b', 'B')] }, { stages: [stage('b', 'B'), stage('a', 'A')] });
    expect(rows.map((r) => [r.where, r.before, r.after])).toEqual([
      [
        ['stages', '~order'],
        ['a', 'b'],
        ['b', 'a'],
      ],
    ]);
  });
});

describe('partDiffs', () => {
  it('lists every part, each change with its values before and after, removals by replace marked', () => {
    const after = structuredClone(base);
    after.pipelines.sales!.stages = after.pipelines.sales!.stages.filter((s) => s.key !== 'negotiation');
    delete (after.roles as Record<string, unknown>).service_rep;
    after.entities.lead!.label = 'Prospect';
    const diffs = partDiffs(diffBundles(base, after), [{ part: 'roles', key: 'service_rep' }], base, after);
    expect(diffs.map((d) => [d.part, d.keys.map((k) => `${k.key}:${k.change}${k.byReplace ? ':replace' : ''}`)])).toEqual([
      ['entities', ['lead:changed']],
      ['workflows', []],
      ['pipelines', ['sales:changed']],
      ['roles', ['service_rep:removed:replace']],
      ['publicForms', []],
    ]);
    const sales = diffs[2]!.keys[0]!;
    expect(sales.fields.map((f) => f.where.join('/'))).toEqual(['stages/negotiation']);
    expect(displayValue(sales.fields[0]!.before)).toBe('Negotiation');
    expect(diffs[0]!.keys[0]!.fields.find((f) => f.pointer === '/label')).toMatchObject({ before: 'Lead', after: 'Prospect' });
  });

  it('puts translations after the settings they translate', () => {
    const after = structuredClone(base);
    after.entities.lead!.label = 'Prospect';
    after.entities.lead!.i18n.en!['entity.label'] = 'Prospect';
    const [entities] = partDiffs(diffBundles(base, after), [], base, after);
    expect(entities!.keys[0]!.fields.map((f) => f.pointer)).toEqual(['/label', '/i18n/en/entity.label']);
  });

  it('leaves values unknown when the current configuration could not be read', () => {
    const after = structuredClone(base);
    after.entities.lead!.label = 'Prospect';
    const [entities] = partDiffs(diffBundles(base, after), [], null, after);
    expect(entities!.keys[0]!.fields.find((f) => f.pointer === '/label')).toMatchObject({ before: undefined, after: 'Prospect' });
  });
});

describe('displayValue', () => {
  it.each([
    [undefined, null],
    ['text', 'text'],
    [42, '42'],
    [false, 'false'],
    [null, 'null'],
    [['amount', 'closeDate'], 'amount, closeDate'],
    [[], '[]'],
    [{ label: 'Won', key: 'won' }, 'Won'],
    [{ type: 'string' }, '{"type":"string"}'],
  ])('%j → %j', (value, shown) => expect(displayValue(value)).toBe(shown));

  it('shortens long JSON', () => {
    const shown = displayValue({ text: 'x'.repeat(500) }, 40)!;
    expect(shown).toHaveLength(40);
    expect(shown.endsWith('…')).toBe(true);
  });
});
