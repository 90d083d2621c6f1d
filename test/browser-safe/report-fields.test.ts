import { describe, expect, it } from 'vitest';
import type { FieldSchema, FormSchema, XField } from '../../runtime/browser-safe/bundle.ts';
import { reportFields } from '../../runtime/browser-safe/report-fields.ts';

const TYPES: Record<string, FieldSchema['type']> = { number: 'number', currency: 'number', date: 'string', text: 'string' };
const form = (fields: Record<string, string>): FormSchema => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(fields).map(([k, xField]) => [k, { type: TYPES[xField] ?? 'string', 'x-field': xField as XField }])),
});

describe('which fields a pipeline report uses', () => {
  it.each([
    ['amount as currency', { name: 'text', value: 'currency', amount: 'currency' }, 'amount'],
    ['amount as number', { value: 'currency', amount: 'number' }, 'amount'],
    ['amount as text: the first currency field', { amount: 'text', budget: 'currency', value: 'currency' }, 'budget'],
    ['no amount: the first currency field', { size: 'number', value: 'currency' }, 'value'],
    ['neither', { size: 'number', name: 'text' }, null],
  ])('amount: %s', (_, fields, expected) => {
    expect(reportFields(form(fields), new Set()).amountField).toBe(expected);
  });

  it.each([
    ['closeDate as date', { due: 'date', closeDate: 'date' }, 'closeDate'],
    ['closeDate as datetime: the first date field', { closeDate: 'datetime', due: 'date' }, 'due'],
    ['no date field', { closeDate: 'text' }, null],
  ])('close date: %s', (_, fields, expected) => {
    expect(reportFields(form(fields), new Set()).closeDateField).toBe(expected);
  });

  it('never uses a field the reader’s role hides, and does not fall back to another one', () => {
    const fields = form({ amount: 'currency', value: 'currency', closeDate: 'date', due: 'date' });
    expect(reportFields(fields, new Set(['amount', 'closeDate']))).toEqual({ amountField: null, closeDateField: null });
  });
});
