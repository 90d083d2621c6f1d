import { describe, expect, it } from 'vitest';
import { emailChanges } from '../../../studio/email-settings/changes.ts';
import {
  addTemplate,
  emailFields,
  insertPlaceholder,
  referenceFields,
  removeTemplate,
  setFiling,
  setTemplateTranslation,
  textParts,
  unknownPlaceholders,
} from '../../../studio/email-settings/model.ts';
import { atField, emailProblem } from '../../../studio/email-settings/problems.ts';
import type { EntityConfig } from '../../../studio/designer/types.ts';

const contact: EntityConfig = {
  label: 'Contact',
  form: {
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', 'x-field': 'text' },
        account: { type: 'string', 'x-field': 'reference', 'x-ref': 'account' },
        email: { type: 'string', 'x-field': 'email', format: 'email' },
        partner: { type: 'string', 'x-field': 'reference', 'x-ref': 'gone' },
        work: { type: 'string', 'x-field': 'email' },
      },
    },
    uischema: { type: 'VerticalLayout', elements: [] },
  },
  i18n: { en: {}, de: {}, fr: {}, es: {} },
};

describe('filing fields', () => {
  it('offers email fields by address and references to record types the bundle has', () => {
    expect(emailFields(contact)).toEqual(['email', 'work']);
    expect(referenceFields(contact, { account: {}, contact: {} })).toEqual([{ key: 'account', target: 'account' }]);
  });

  it('ticks in the form’s order and drops empty settings altogether', () => {
    const both = setFiling(setFiling(contact, 'addressFields', 'work', true), 'addressFields', 'email', true);
    expect(both.email).toEqual({ addressFields: ['email', 'work'] });
    expect(setFiling(both, 'addressFields', 'email', true)).toBe(both);
    expect(setFiling(setFiling(both, 'addressFields', 'email', false), 'addressFields', 'work', false)).not.toHaveProperty('email');
  });
});

describe('templates', () => {
  it('adds with a key from its name, translates, and removes', () => {
    const { entity, key } = addTemplate(contact, 'Thank you!');
    expect(key).toBe('thank_you');
    expect(addTemplate(entity, 'Thank you').key).toBe('thank_you_2');
    const de = setTemplateTranslation(entity, key, 'de', 'subject', 'Danke');
    expect((de.email as any).templates.thank_you).toEqual({ label: 'Thank you!', subject: '', text: '', i18n: { de: { subject: 'Danke' } } });
    expect((setTemplateTranslation(de, key, 'de', 'subject', '').email as any).templates.thank_you).not.toHaveProperty('i18n');
    expect(removeTemplate(de, key)).not.toHaveProperty('email');
  });

  it.each([
    ['Hello ', 6, 6, 'Hello {{name}}', 14],
    ['Hello X!', 6, 7, 'Hello {{name}}!', 14],
    ['', 0, 0, '{{name}}', 8],
  ])('puts a placeholder into %j at %i…%i', (text, start, end, result, caret) => {
    expect(insertPlaceholder(text, start, end, 'name')).toEqual({ text: result, caret });
  });

  it('cuts text into what is written and placeholders, and finds those naming no field', () => {
    expect(textParts('Hi {{ name }}, re {{budget}}')).toEqual([
      { text: 'Hi ' },
      { field: 'name', raw: '{{ name }}' },
      { text: ', re ' },
      { field: 'budget', raw: '{{budget}}' },
    ]);
    expect(unknownPlaceholders(contact, ['{{name}} {{budget}}', '{{budget}}'])).toEqual(['budget']);
  });
});

describe('emailProblem', () => {
  it.each([
    ['/entities/lead/email/addressFields/1', { entity: 'lead', part: 'addressFields', index: 1 }],
    ['/bundle/entities/case/email/templates/x/subject', { entity: 'case', part: 'templates', template: 'x', text: 'subject' }],
    ['/entities/case/email/templates/x/i18n/de/text', { entity: 'case', part: 'templates', template: 'x', locale: 'de', text: 'text' }],
    ['/entities/case/email/templates/x', { entity: 'case', part: 'templates', template: 'x' }],
    ['/entities/case/email', { entity: 'case' }],
    ['/entities/case/form/schema', null],
    ['/pipelines/sales', null],
  ])('%s', (path, place) => {
    const found = emailProblem({ path, message: 'm' });
    expect(found).toEqual(place && { path, message: 'm', ...place });
  });

  it('says server messages as sentences at their field', () => {
    expect(atField([{ message: 'is not an email field' }, { message: 'Too long.' }])).toBe('Is not an email field. Too long.');
  });
});

describe('emailChanges', () => {
  it('lists fields ticked and unticked, and templates added, removed and changed', () => {
    const before = { alsoFileOn: ['account'], templates: { a: { label: 'A', subject: 's', text: 't' }, b: { label: 'B', subject: 's', text: 't' } } };
    const after = {
      addressFields: ['email'],
      templates: { a: { label: 'A', subject: 's2', text: 't', i18n: { de: { subject: 'x' } } }, c: { label: 'C', subject: 's', text: 't' } },
    };
    expect(emailChanges(before, after)).toEqual([
      { kind: 'filing', part: 'addressFields', field: 'email', on: true },
      { kind: 'filing', part: 'alsoFileOn', field: 'account', on: false },
      { kind: 'template', key: 'a', change: 'changed', texts: ['subject'], locales: ['de'] },
      { kind: 'template', key: 'c', change: 'added' },
      { kind: 'template', key: 'b', change: 'removed' },
    ]);
    expect(emailChanges(undefined, {})).toEqual([]);
  });
});
