import { createAjv, isVisible, type UISchemaElement } from '@jsonforms/core';
import { describe, expect, it } from 'vitest';
import { addField, describeRule, elementAt, ruleFields, ruleValues, setRule, type EntityConfig, type RuleSpec } from '../../../studio/designer/index.ts';
import { type Rule } from '../../../runtime/browser-safe/bundle.ts';
import { deepFreeze, entity, expectValid, FIELD_TYPES } from './support.ts';

/** The lead form plus a checkbox "newsletter" and a multiselect "interests" (options option_1, golf). */
function form(): EntityConfig {
  let e = addField(entity(), FIELD_TYPES.checkbox, 'Newsletter').entity;
  e = addField(e, { xField: 'multiselect', schema: { type: 'array', items: { type: 'string', enum: ['option_1', 'golf'] } } }, 'Interests').entity;
  return deepFreeze(e);
}

describe('setRule / describeRule', () => {
  it.each<[string, number[], RuleSpec, Record<string, unknown>]>([
    ['select equals', [4], { effect: 'SHOW', field: 'rating', operator: 'equals', value: 'hot' }, { const: 'hot' }],
    ['select not equals', [2], { effect: 'HIDE', field: 'rating', operator: 'notEquals', value: 'cold' }, { not: { const: 'cold' } }],
    ['select in', [2, 0, 1], { effect: 'DISABLE', field: 'source', operator: 'in', value: ['web', 'event'] }, { enum: ['web', 'event'] }],
    ['text not empty', [3], { effect: 'ENABLE', field: 'company', operator: 'notEmpty' }, { type: 'string', minLength: 1 }],
    ['text equals', [4], { effect: 'SHOW', field: 'company', operator: 'equals', value: 'ACME' }, { const: 'ACME' }],
    ['number equals', [4], { effect: 'SHOW', field: 'estimatedValue', operator: 'equals', value: 0 }, { const: 0 }],
    ['number in', [4], { effect: 'HIDE', field: 'estimatedValue', operator: 'in', value: [1, 2.5] }, { enum: [1, 2.5] }],
    ['number not empty', [4], { effect: 'SHOW', field: 'estimatedValue', operator: 'notEmpty' }, { type: 'number' }],
    ['checkbox is true', [4], { effect: 'SHOW', field: 'newsletter', operator: 'isTrue' }, { const: true }],
    ['checkbox is false', [4], { effect: 'HIDE', field: 'newsletter', operator: 'isFalse' }, { not: { const: true } }],
    ['multiselect includes', [4], { effect: 'SHOW', field: 'interests', operator: 'equals', value: 'golf' }, { type: 'array', contains: { const: 'golf' } }],
    [
      'multiselect does not include',
      [4],
      { effect: 'SHOW', field: 'interests', operator: 'notEquals', value: 'golf' },
      { not: { type: 'array', contains: { const: 'golf' } } },
    ],
    [
      'multiselect includes any',
      [4],
      { effect: 'SHOW', field: 'interests', operator: 'in', value: ['golf', 'option_1'] },
      { type: 'array', contains: { enum: ['golf', 'option_1'] } },
    ],
    ['multiselect not empty', [4], { effect: 'SHOW', field: 'interests', operator: 'notEmpty' }, { type: 'array', minItems: 1 }],
    ['a rule on a row', [1], { effect: 'HIDE', field: 'rating', operator: 'equals', value: 'cold' }, { const: 'cold' }],
  ])('%s builds the JSON Forms rule and reads back', (_, path, spec, schema) => {
    const after = setRule(form(), path, spec);
    expectValid(after);
    const rule = elementAt(after.form.uischema, path)!.rule!;
    expect(rule).toEqual({ effect: spec.effect, condition: { scope: `#/properties/${spec.field}`, schema } });
    expect(describeRule(rule)).toEqual(spec);
  });

  it('replaces a rule and removes it with null, leaving the element otherwise as it was', () => {
    const before = form();
    const once = setRule(before, [4], { effect: 'SHOW', field: 'rating', operator: 'equals', value: 'hot' });
    const twice = setRule(once, [4], { effect: 'HIDE', field: 'company', operator: 'notEmpty' });
    expect(describeRule(elementAt(twice.form.uischema, [4])!.rule!)?.field).toBe('company');
    const none = setRule(twice, [4], null);
    expectValid(none);
    expect(none.form.uischema).toEqual(before.form.uischema);
  });

  it.each<[string, number[], RuleSpec, string]>([
    ['a rule on the field itself', [4], { effect: 'HIDE', field: 'description', operator: 'notEmpty' }, 'self-rule'],
    ['a rule on a group holding the field', [3], { effect: 'HIDE', field: 'rating', operator: 'equals', value: 'hot' }, 'self-rule'],
    ['a rule on the whole form', [], { effect: 'HIDE', field: 'rating', operator: 'equals', value: 'hot' }, 'self-rule'],
    ['an unknown field', [4], { effect: 'SHOW', field: 'nope', operator: 'notEmpty' }, 'unknown-field'],
    ['an element that is not there', [9], { effect: 'SHOW', field: 'rating', operator: 'notEmpty' }, 'invalid-path'],
    ['a value that is not an option', [4], { effect: 'SHOW', field: 'rating', operator: 'equals', value: 'lukewarm' }, 'invalid-rule'],
    ['a number for a text', [4], { effect: 'SHOW', field: 'company', operator: 'equals', value: 3 }, 'invalid-rule'],
    ['text for a number', [4], { effect: 'SHOW', field: 'estimatedValue', operator: 'equals', value: '3' }, 'invalid-rule'],
    ['no value for equals', [4], { effect: 'SHOW', field: 'company', operator: 'equals' }, 'invalid-rule'],
    ['an empty list for in', [4], { effect: 'SHOW', field: 'rating', operator: 'in', value: [] }, 'invalid-rule'],
    ['a single value for in', [4], { effect: 'SHOW', field: 'rating', operator: 'in', value: 'hot' }, 'invalid-rule'],
    ['a repeated value for in', [4], { effect: 'SHOW', field: 'rating', operator: 'in', value: ['hot', 'hot'] }, 'invalid-rule'],
    ['isTrue on a select', [4], { effect: 'SHOW', field: 'rating', operator: 'isTrue' }, 'invalid-rule'],
    ['equals on a checkbox', [4], { effect: 'SHOW', field: 'newsletter', operator: 'equals', value: 'true' }, 'invalid-rule'],
    ['an unknown effect', [4], { effect: 'BLINK' as 'SHOW', field: 'rating', operator: 'notEmpty' }, 'invalid-rule'],
  ])('refuses %s', (_, path, spec, code) => {
    expect(() => setRule(form(), path, spec)).toThrow(expect.objectContaining({ code }));
  });
});

describe('ruleFields / ruleValues', () => {
  // Lead layout: [0] row(firstName, lastName) … [2] group(row(email, phone)) [3] group(…rating…) [4] description
  it.each<[string, number[], string[]]>([
    ['a field: every field but itself', [4], ['description']],
    ['a group: every field outside it', [2], ['email', 'phone']],
    ['the whole form: none', [], Object.keys(form().form.schema.properties)],
  ])('offers for %s', (_, path, excluded) => {
    const fields = ruleFields(form(), path);
    expect(Object.keys(form().form.schema.properties).filter((k) => !fields.includes(k))).toEqual(excluded);
  });

  it.each<[RuleSpec['value'], (string | number)[]]>([
    [undefined, []],
    ['hot', ['hot']],
    [0, [0]],
    [
      ['hot', 'warm'],
      ['hot', 'warm'],
    ],
  ])('lists the values of %j', (value, list) => {
    expect(ruleValues({ effect: 'SHOW', field: 'rating', operator: 'equals', ...(value === undefined ? {} : { value }) })).toEqual(list);
  });
});

describe('describeRule of rules written by hand', () => {
  const rule = (schema: Record<string, unknown>, scope = '#/properties/rating'): Rule => ({ effect: 'SHOW', condition: { scope, schema } });
  it.each<[string, Rule]>([
    ['a nested scope', rule({ const: 'hot' }, '#/properties/address/properties/city')],
    ['the root scope', rule({ const: 'hot' }, '#')],
    ['a pattern condition', rule({ pattern: '^h' })],
    ['const beside other keywords', rule({ const: 'hot', type: 'string' })],
    ['an object const', rule({ const: { a: 1 } })],
    ['an empty enum', rule({ enum: [] })],
    ['a negated enum', rule({ not: { enum: ['hot'] } })],
    ['a double negation', rule({ not: { not: { const: 'hot' } } })],
    ['a longer minimum length', rule({ type: 'string', minLength: 2 })],
    ['contains without a type', rule({ contains: { const: 'a' } })],
    ['a negation that is not an object', rule({ not: true })],
  ])('gives null for %s', (_, r) => {
    expect(describeRule(r)).toBeNull();
  });
});

// What members see: JSON Forms evaluates each built condition against record data, a missing value included.
describe('conditions as JSON Forms evaluates them', () => {
  const ajv = createAjv();
  it.each<[string, Omit<RuleSpec, 'effect'>, Record<string, unknown>, boolean]>([
    ['equals, matching', { field: 'rating', operator: 'equals', value: 'hot' }, { rating: 'hot' }, true],
    ['equals, other value', { field: 'rating', operator: 'equals', value: 'hot' }, { rating: 'cold' }, false],
    ['equals, missing', { field: 'rating', operator: 'equals', value: 'hot' }, {}, false],
    ['not equals, missing', { field: 'rating', operator: 'notEquals', value: 'hot' }, {}, true],
    ['not equals, matching', { field: 'rating', operator: 'notEquals', value: 'hot' }, { rating: 'hot' }, false],
    ['in, listed', { field: 'rating', operator: 'in', value: ['hot', 'warm'] }, { rating: 'warm' }, true],
    ['in, missing', { field: 'rating', operator: 'in', value: ['hot', 'warm'] }, {}, false],
    ['text not empty, filled', { field: 'company', operator: 'notEmpty' }, { company: 'A' }, true],
    ['text not empty, blank', { field: 'company', operator: 'notEmpty' }, { company: '' }, false],
    ['text not empty, missing', { field: 'company', operator: 'notEmpty' }, {}, false],
    ['number not empty, zero', { field: 'estimatedValue', operator: 'notEmpty' }, { estimatedValue: 0 }, true],
    ['number not empty, missing', { field: 'estimatedValue', operator: 'notEmpty' }, {}, false],
    ['checkbox true, ticked', { field: 'newsletter', operator: 'isTrue' }, { newsletter: true }, true],
    ['checkbox true, untouched', { field: 'newsletter', operator: 'isTrue' }, {}, false],
    ['checkbox false, untouched', { field: 'newsletter', operator: 'isFalse' }, {}, true],
    ['checkbox false, ticked', { field: 'newsletter', operator: 'isFalse' }, { newsletter: true }, false],
    ['includes, included', { field: 'interests', operator: 'equals', value: 'golf' }, { interests: ['option_1', 'golf'] }, true],
    ['includes, missing', { field: 'interests', operator: 'equals', value: 'golf' }, {}, false],
    ['does not include, missing', { field: 'interests', operator: 'notEquals', value: 'golf' }, {}, true],
    ['does not include, included', { field: 'interests', operator: 'notEquals', value: 'golf' }, { interests: ['golf'] }, false],
    ['includes any, one included', { field: 'interests', operator: 'in', value: ['golf', 'option_1'] }, { interests: ['option_1'] }, true],
    ['includes any, none', { field: 'interests', operator: 'in', value: ['golf'] }, { interests: [] }, false],
    ['any chosen, empty', { field: 'interests', operator: 'notEmpty' }, { interests: [] }, false],
    ['any chosen, missing', { field: 'interests', operator: 'notEmpty' }, {}, false],
  ])('SHOW when %s → %s', (_, spec, data, shown) => {
    const ui = setRule(form(), [4], { effect: 'SHOW', ...spec }).form.uischema;
    expect(isVisible(elementAt(ui, [4]) as UISchemaElement, data, '', ajv, undefined)).toBe(shown);
  });
});
