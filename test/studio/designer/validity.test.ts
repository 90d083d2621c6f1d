import { describe, expect, it } from 'vitest';
import type { EntityConfig } from '../../../studio/designer/index.ts';
import { entity, expectValid, withLayout } from './support.ts';

// The check every other case relies on must itself refuse what form.schema.json refuses.
describe('expectValid', () => {
  const lead = entity();
  const props = lead.form.schema.properties;
  it.each<[string, EntityConfig]>([
    [
      'a select without options',
      { ...lead, form: { ...lead.form, schema: { ...lead.form.schema, properties: { ...props, rating: { type: 'string', 'x-field': 'select' } } } } },
    ],
    [
      'a reserved field key',
      { ...lead, form: { ...lead.form, schema: { ...lead.form.schema, properties: { ...props, group: { type: 'string', 'x-field': 'text' } } } } },
    ],
    ['a Control directly in tabs', withLayout({ type: 'Categorization', elements: [{ type: 'Control', scope: '#/properties/company' }] })],
    ['a tab outside tabs', withLayout({ type: 'VerticalLayout', elements: [{ type: 'Category', elements: [] }] })],
    [
      'minLength on a number',
      {
        ...lead,
        form: {
          ...lead.form,
          schema: { ...lead.form.schema, properties: { ...props, estimatedValue: { type: 'number', 'x-field': 'currency', minLength: 1 } } },
        },
      },
    ],
  ])('refuses %s', (_, bad) => {
    expect(() => expectValid(bad)).toThrow();
  });

  it.each(['lead', 'opportunity', 'case', 'contact', 'account'])('accepts the shipped %s', (key) => {
    expectValid(entity(key));
  });
});
