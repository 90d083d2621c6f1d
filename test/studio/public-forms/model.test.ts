import { describe, expect, it } from 'vitest';
import type { PublicFormDef } from '../../../runtime/browser-safe/bundle.ts';
import { formChanges } from '../../../studio/public-forms/changes.ts';
import { fillableFields, keyFrom, moveField, newForm, parseSites, setEntity, setLabel, setText, toggleField } from '../../../studio/public-forms/model.ts';
import type { EntityConfig } from '../../../studio/designer/types.ts';

const lead: EntityConfig = {
  label: 'Lead',
  form: {
    schema: {
      type: 'object',
      properties: {
        firstName: { type: 'string', 'x-field': 'text' },
        lastName: { type: 'string', 'x-field': 'text' },
        account: { type: 'string', 'x-field': 'reference', 'x-ref': 'account' },
        email: { type: 'string', 'x-field': 'email', format: 'email' },
        quote: { type: 'string', 'x-field': 'file', format: 'attachment' },
        callAt: { type: 'string', 'x-field': 'datetime', format: 'date-time' },
        notes: { type: 'string', 'x-field': 'textarea' },
      },
      required: ['lastName'],
    },
    uischema: { type: 'VerticalLayout', elements: [] },
  },
  i18n: { en: {}, de: {}, fr: {}, es: {} },
};
const form = (): PublicFormDef => newForm('lead', lead, { title: 'Contact us', thankYou: 'Thanks!' }, 'en');

describe('a web form in the studio', () => {
  it('starts with the required fields first, then what a visitor can fill in (no references, files or date-times)', () => {
    expect(fillableFields(lead)).toEqual(['firstName', 'lastName', 'email', 'notes']);
    expect(form()).toEqual({
      entity: 'lead',
      fields: ['lastName', 'firstName', 'email', 'notes'],
      title: { en: 'Contact us' },
      thankYou: { en: 'Thanks!' },
      allowedSites: [],
      active: true,
    });
  });

  it.each([
    ['Contact us', [], 'contact_us'],
    ['Contact us', ['contact_us'], 'contact_us_2'],
    ['Ça marche – Anfrage für Ärzte!', [], 'ca_marche_anfrage_fur_arzte'],
    ['2024 offers', [], 'offers'],
    ['!!!', [], 'form'],
    ['Constructor', [], 'constructor_form'],
    ['Offers 2024', ['offers_2024', 'offers_2024_2'], 'offers_2024_3'],
  ])('makes the key of %j (taken: %j) %j', (title, taken, key) => {
    expect(keyFrom(title, taken)).toBe(key);
  });

  it('moves, adds and removes fields, removing a field’s labels with it', () => {
    let f = moveField(form(), 'firstName', -1);
    expect(f.fields).toEqual(['firstName', 'lastName', 'email', 'notes']);
    expect(moveField(f, 'firstName', -1)).toBe(f);
    f = setLabel(f, 'notes', 'de', 'Ihre Nachricht');
    expect(f.labels).toEqual({ notes: { de: 'Ihre Nachricht' } });
    f = toggleField(f, 'notes', false);
    expect(f.fields).toEqual(['firstName', 'lastName', 'email']);
    expect(f.labels).toBeUndefined();
    expect(toggleField(f, 'notes', true).fields.at(-1)).toBe('notes');
  });

  it('keeps texts per language; an emptied one is gone, an emptied introduction altogether', () => {
    let f = setText(form(), 'intro', 'de', 'Hallo');
    f = setText(f, 'title', 'de', 'Kontakt');
    expect(f.title).toEqual({ en: 'Contact us', de: 'Kontakt' });
    expect(setText(f, 'intro', 'de', '  ').intro).toBeUndefined();
    expect(setText(f, 'title', 'en', '').title).toEqual({ de: 'Kontakt' });
  });

  it('takes the new record type’s fields when the record type changes, without the old labels', () => {
    const f = setEntity(setLabel(form(), 'notes', 'en', 'Message'), 'case', {
      ...lead,
      form: { ...lead.form, schema: { type: 'object', properties: { subject: { type: 'string', 'x-field': 'text' } }, required: ['subject'] } },
    });
    expect(f).toMatchObject({ entity: 'case', fields: ['subject'] });
    expect(f.labels).toBeUndefined();
  });

  it.each([
    ['https://www.example.com', ['https://www.example.com'], []],
    [
      'HTTPS://Shop.Example.com/\nhttps://*.example.org\n\nhttp://localhost:8080',
      ['https://shop.example.com', 'https://*.example.org', 'http://localhost:8080'],
      [],
    ],
    ['https://a.example, https://a.example', ['https://a.example'], []],
    ['www.example.com\nhttps://example.com/contact', [], ['www.example.com', 'https://example.com/contact']],
    ["https://a.example; script-src 'unsafe-inline'", [], ["https://a.example; script-src 'unsafe-inline'"]],
  ])('reads the sites %j', (text, sites, wrong) => {
    expect(parseSites(text)).toEqual({ sites, wrong });
  });
});

describe('the review of web forms', () => {
  it('says what was added, removed, switched and changed, with the fields put on and taken off', () => {
    const before = { contact: form(), old: form() };
    const changed = { ...toggleField(moveField(form(), 'email', -1), 'notes', false), active: false, allowedSites: ['https://a.example'] };
    expect(formChanges(before, { contact: changed, fresh: form() })).toEqual([
      { key: 'contact', change: 'deactivated' },
      { key: 'contact', change: 'changed', aspects: ['fields', 'order', 'sites'], addedFields: [], removedFields: ['notes'] },
      { key: 'fresh', change: 'added' },
      { key: 'old', change: 'removed' },
    ]);
    expect(formChanges(before, before)).toEqual([]);
  });
});
