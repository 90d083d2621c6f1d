import { describe, expect, it } from 'vitest';
import { readValue, valueText } from '../../../studio/designer/field-values.ts';
import type { FieldSchema } from '../../../runtime/browser-safe/bundle.ts';

const text: FieldSchema = { type: 'string', 'x-field': 'text' };
const money: FieldSchema = { type: 'number', 'x-field': 'currency' };
const count: FieldSchema = { type: 'integer', 'x-field': 'number' };
const flag: FieldSchema = { type: 'boolean', 'x-field': 'checkbox' };
const choice: FieldSchema = { type: 'string', 'x-field': 'select', enum: ['hot', 'warm'] };
const numbered: FieldSchema = { type: 'number', 'x-field': 'select', enum: [1, 2] };
const many: FieldSchema = { type: 'array', 'x-field': 'multiselect', items: { type: 'string', enum: ['a', 'b'] } };

describe('readValue', () => {
  it.each([
    ['a blank text as nothing', text, '  ', undefined],
    ['text as itself', text, 'Hello', 'Hello'],
    ['a number', money, '12.5', 12.5],
    ['a number with a decimal comma', money, '12,5', 12.5],
    ['a whole number', count, '3', 3],
    ['true', flag, 'true', true],
    ['false', flag, 'false', false],
    ['an option', choice, 'warm', 'warm'],
    ['a numeric option by its text', numbered, '2', 2],
    ['an option of a multiselect', many, 'b', 'b'],
  ] as const)('reads %s', (_, field, input, value) => {
    expect(readValue(field, input)).toBe(value);
  });

  it.each([
    ['a word as a number', money, 'lots'],
    ['a fraction as a whole number', count, '1.5'],
    ['an unknown option', choice, 'cold'],
    ['"yes" as a checkbox value', flag, 'yes'],
  ] as const)('refuses %s', (_, field, input) => {
    expect(() => readValue(field, input)).toThrow(expect.objectContaining({ code: 'invalid-value' }));
  });
});

describe('valueText', () => {
  it.each([
    [undefined, ''],
    [null, ''],
    [0, '0'],
    [false, 'false'],
    ['hot', 'hot'],
  ] as const)('shows %s as %j', (value, shown) => {
    expect(valueText(value)).toBe(shown);
  });
});
