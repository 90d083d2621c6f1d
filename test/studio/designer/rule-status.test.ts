import { describe, expect, it } from 'vitest';
import { setRule, type RuleSpec } from '../../../studio/designer/index.ts';
import { conditionMet, ruleStatuses } from '../../../studio/designer/rule-status.ts';
import { entity } from './support.ts';

describe('conditionMet', () => {
  const rating = (operator: RuleSpec['operator'], value?: RuleSpec['value']): RuleSpec => ({
    effect: 'SHOW',
    field: 'f',
    operator,
    ...(value === undefined ? {} : { value }),
  });
  it.each([
    ['equals', rating('equals', 'hot'), 'hot', true],
    ['equals, other value', rating('equals', 'hot'), 'cold', false],
    ['equals, no value', rating('equals', 'hot'), undefined, false],
    ['not equals, no value', rating('notEquals', 'hot'), undefined, true],
    ['in', rating('in', ['hot', 'warm']), 'warm', true],
    ['in, multiselect', rating('in', ['a', 'b']), ['c', 'b'], true],
    ['equals, multiselect includes', rating('equals', 'a'), ['a'], true],
    ['not empty, blank text', rating('notEmpty'), '', false],
    ['not empty, zero', rating('notEmpty'), 0, true],
    ['not empty, empty list', rating('notEmpty'), [], false],
    ['is true', rating('isTrue'), true, true],
    ['is false, untouched', rating('isFalse'), undefined, true],
  ] as const)('%s', (_, spec, value, met) => {
    expect(conditionMet(spec, value === undefined ? {} : { f: value })).toBe(met);
  });
});

describe('ruleStatuses', () => {
  it('says which ruled elements are shown or hidden for the data', () => {
    let e = setRule(entity(), [2], { effect: 'SHOW', field: 'rating', operator: 'equals', value: 'hot' });
    e = setRule(e, [4], { effect: 'DISABLE', field: 'rating', operator: 'equals', value: 'cold' });
    const statuses = ruleStatuses(e, { rating: 'hot' });
    expect(statuses.map((s) => [s.path, s.met, s.active])).toEqual([
      [[2], true, true],
      [[4], false, true],
    ]);
    expect(ruleStatuses(e, {}).map((s) => s.active)).toEqual([false, true]);
  });

  it('reports a rule of another shape without judging it', () => {
    const e = entity();
    const odd = {
      ...e,
      form: { ...e.form, uischema: { ...e.form.uischema, rule: { effect: 'HIDE' as const, condition: { scope: '#', schema: { required: ['x'] } } } } },
    };
    expect(ruleStatuses(odd, {})).toEqual([expect.objectContaining({ path: [], spec: null, met: null, active: null })]);
  });
});
