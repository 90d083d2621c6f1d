import { describe, expect, it } from 'vitest';
import {
  addField,
  addGroup,
  addTabs,
  formChanges,
  moveElement,
  newlyRequired,
  removeField,
  setRule,
  setTranslation,
  updateField,
  withUischema,
  type EntityConfig,
  type FieldChange,
} from '../../../studio/designer/index.ts';
import { type FieldSchema } from '../../../runtime/browser-safe/bundle.ts';
import { entity, expectValid, FIELD_TYPES } from './support.ts';

const move = (e: EntityConfig, from: number[], to: number[]) => withUischema(e, moveElement(e.form.uischema, from, to).uischema);

describe('formChanges', () => {
  it.each<[string, (e: EntityConfig) => EntityConfig, FieldChange[]]>([
    ['nothing', (e) => e, []],
    ['a new field', (e) => addField(e, FIELD_TYPES.text, 'Notes').entity, [{ kind: 'added', field: 'notes', what: [] }]],
    ['a removed field', (e) => removeField(e, 'company').entity, [{ kind: 'removed', field: 'company', what: [] }]],
    ['a field made required', (e) => updateField(e, 'company', { required: true }), [{ kind: 'changed', field: 'company', what: ['required'] }]],
    ['a new label', (e) => updateField(e, 'company', { label: 'Firm' }), [{ kind: 'changed', field: 'company', what: ['label'] }]],
    ['a translated label', (e) => setTranslation(e, 'de', 'company.label', 'Unternehmen'), [{ kind: 'changed', field: 'company', what: ['label'] }]],
    ['help text', (e) => updateField(e, 'company', { description: 'Legal name' }), [{ kind: 'changed', field: 'company', what: ['description'] }]],
    ['a default', (e) => updateField(e, 'rating', { default: 'warm' }), [{ kind: 'changed', field: 'rating', what: ['default'] }]],
    ['limits', (e) => updateField(e, 'company', { maxLength: 50, pattern: '^[A-Z]' }), [{ kind: 'changed', field: 'company', what: ['validation'] }]],
    [
      'an option removed',
      (e) =>
        updateField(e, 'rating', {
          options: [
            { value: 'hot', label: 'Hot' },
            { value: 'warm', label: 'Warm' },
          ],
        }),
      [{ kind: 'changed', field: 'rating', what: ['options', 'optionLabels'] }],
    ],
    ['an option relabelled', (e) => setTranslation(e, 'fr', 'rating.hot', 'Brûlant'), [{ kind: 'changed', field: 'rating', what: ['optionLabels'] }]],
    [
      'a rule',
      (e) => setRule(e, [4], { effect: 'SHOW', field: 'rating', operator: 'equals', value: 'hot' }),
      [{ kind: 'changed', field: 'description', what: ['rule'] }],
    ],
    ['a field moved to the top', (e) => move(e, [4], [0]), [{ kind: 'changed', field: 'description', what: ['layout'] }]],
    ['a field moved into a group', (e) => move(e, [1, 0], [2, 0, 2]), [{ kind: 'changed', field: 'company', what: ['layout'] }]],
    [
      'a group around a field',
      (e) => {
        const { entity: g } = addGroup(e, 'More');
        return move(g, [4], [5, 0]);
      },
      [{ kind: 'changed', field: 'description', what: ['layout'] }],
    ],
    [
      'a type change',
      (e) => ({
        ...e,
        form: {
          ...e.form,
          schema: {
            ...e.form.schema,
            properties: { ...e.form.schema.properties, company: { type: 'string', 'x-field': 'textarea', maxLength: 200, title: 'Company' } },
          },
        },
      }),
      [{ kind: 'changed', field: 'company', what: ['type'] }],
    ],
    [
      'a new field in front of others (only it counts)',
      (e) => addField(e, FIELD_TYPES.text, 'Salutation', { parentPath: [], index: 0 }).entity,
      [{ kind: 'added', field: 'salutation', what: [] }],
    ],
  ])('reports %s', (_, edit, expected) => {
    const published = entity();
    const draft = edit(published);
    expectValid(draft);
    expect(formChanges(published, draft)).toEqual(expected);
  });

  it('reports every field as added when nothing is published yet', () => {
    const draft = entity();
    expect(formChanges(undefined, draft)).toEqual(Object.keys(draft.form.schema.properties).map((field) => ({ kind: 'added', field, what: [] })));
  });

  it('reports tabs as a layout change of every field', () => {
    const changes = formChanges(entity(), addTabs(entity(), 'Main').entity);
    expect(changes).toHaveLength(11);
    expect(changes.every((c) => c.kind === 'changed' && c.what.join() === 'layout')).toBe(true);
  });

  it('does not count the order keys were written in as a change', () => {
    const published = entity();
    const { company, ...others } = published.form.schema.properties;
    const reordered = {
      ...published,
      form: {
        ...published.form,
        schema: { ...published.form.schema, properties: { company: Object.fromEntries(Object.entries(company!).reverse()) as FieldSchema, ...others } },
      },
    };
    expect(formChanges(published, reordered)).toEqual([]);
  });
});

describe('newlyRequired', () => {
  it.each<[string, EntityConfig | undefined, (e: EntityConfig) => EntityConfig, string[]]>([
    ['nothing changed', entity(), (e) => e, []],
    ['a field made required', entity(), (e) => updateField(e, 'company', { required: true }), ['company']],
    [
      'a new required field',
      entity(),
      (e) => {
        const { entity: added, key } = addField(e, FIELD_TYPES.text, 'Region');
        return updateField(added, key, { required: true });
      },
      ['region'],
    ],
    ['a field made optional', entity(), (e) => updateField(e, 'lastName', { required: false }), []],
    ['nothing published yet', undefined, (e) => updateField(e, 'company', { required: true }), []],
  ])('%s', (_, published, edit, expected) => {
    const draft = edit(entity());
    expectValid(draft);
    expect(newlyRequired(published, draft)).toEqual(expected);
  });
});
