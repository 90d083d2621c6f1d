import { describe, expect, it } from 'vitest';
import { addField, updateField, type EntityConfig, type FieldPatch } from '../../../studio/designer/index.ts';
import { LOCALES, type FieldSchema, type Locale } from '../../../runtime/browser-safe/bundle.ts';
import { entity, expectValid, FIELD_TYPES } from './support.ts';

/** The lead form plus one field of each kind the cases need. */
function form(): EntityConfig {
  let e = entity();
  e = addField(e, FIELD_TYPES.multiselect, 'Interests').entity;
  e = addField(e, FIELD_TYPES.checkbox, 'Newsletter').entity;
  return addField(e, FIELD_TYPES.number, 'Employees').entity;
}

describe('updateField', () => {
  it.each<[string, string, FieldPatch, Partial<FieldSchema>, Locale?]>([
    ['sets a label', 'company', { label: 'Organisation' }, { title: 'Organisation' }],
    ['sets a maximum length', 'company', { maxLength: 80 }, { maxLength: 80 }],
    ['clears a maximum length', 'company', { maxLength: undefined }, { maxLength: undefined }],
    ['sets a minimum length', 'company', { minLength: 2 }, { minLength: 2 }],
    ['sets a pattern', 'company', { pattern: '^[A-Z][a-z]+$' }, { pattern: '^[A-Z][a-z]+$' }],
    ['clears a pattern with undefined', 'phone', { pattern: undefined }, { pattern: undefined }],
    ['clears a pattern with an empty text', 'phone', { pattern: '' }, { pattern: undefined }],
    ['sets a range', 'estimatedValue', { minimum: 10, maximum: 1e6 }, { minimum: 10, maximum: 1e6 }],
    ['clears a minimum', 'estimatedValue', { minimum: undefined }, { minimum: undefined }],
    ['sets a text default', 'company', { default: 'ACME' }, { default: 'ACME' }],
    ['sets a select default', 'rating', { default: 'warm' }, { default: 'warm' }],
    ['sets a multiselect default', 'interests', { default: ['option_1'] }, { default: ['option_1'] }],
    ['sets a checkbox default', 'newsletter', { default: true }, { default: true }],
    ['sets a number default within range', 'estimatedValue', { default: 0 }, { default: 0 }],
    ['sets help text', 'company', { description: 'Registered name' }, { description: 'Registered name' }],
    ['sets an integer minimum on a number', 'employees', { minimum: 1 }, { minimum: 1 }],
    ['sets a German label', 'company', { label: 'Firma GmbH' }, { title: 'Firma GmbH' }, 'de'],
  ])('%s', (_, key, patch, expected, locale) => {
    const before = form();
    const after = updateField(before, key, patch, locale);
    expectValid(after);
    const field = after.form.schema.properties[key]!;
    for (const [k, v] of Object.entries(expected)) {
      if (v === undefined) expect(field).not.toHaveProperty(k);
      else expect(field[k as keyof FieldSchema]).toEqual(v);
    }
    if (patch.label) {
      expect(after.i18n[locale ?? 'en'][`${key}.label`]).toBe(patch.label);
      const others = LOCALES.filter((l) => l !== (locale ?? 'en'));
      for (const l of others) expect(after.i18n[l][`${key}.label`]).toBe(before.i18n[l][`${key}.label`]);
    }
    if (patch.description) expect(after.i18n[locale ?? 'en'][`${key}.description`]).toBe(patch.description);
  });

  it.each<[string, boolean, string[] | undefined]>([
    ['company', true, ['lastName', 'company']],
    ['lastName', true, ['lastName']],
    ['lastName', false, undefined],
    ['company', false, ['lastName']],
  ])('makes %s required: %s', (key, required, list) => {
    const after = updateField(entity(), key, { required });
    expectValid(after);
    expect(after.form.schema.required).toEqual(list);
  });

  it('removes help text from the schema and every locale', () => {
    const withHelp = updateField(entity(), 'company', { description: 'Registered name' }, 'fr');
    expect(LOCALES.map((l) => withHelp.i18n[l]['company.description'])).toEqual(LOCALES.map(() => 'Registered name'));
    const after = updateField(withHelp, 'company', { description: undefined });
    expectValid(after);
    expect(after.form.schema.properties.company).not.toHaveProperty('description');
    for (const l of LOCALES) expect(after.i18n[l]).not.toHaveProperty('company.description');
  });

  it.each<[string, string, FieldPatch, string]>([
    ['an unknown field', 'nope', { label: 'X' }, 'unknown-field'],
    ['a blank label', 'company', { label: ' ' }, 'invalid-value'],
    ['a minimum on a text', 'company', { minimum: 1 }, 'not-applicable'],
    ['a maximum length on a number', 'estimatedValue', { maxLength: 3 }, 'not-applicable'],
    ['a pattern on a checkbox', 'newsletter', { pattern: '^a$' }, 'not-applicable'],
    ['options on a text', 'company', { options: [{ label: 'A' }] }, 'not-applicable'],
    ['a negative length', 'company', { minLength: -1 }, 'invalid-value'],
    ['a fractional length', 'company', { maxLength: 2.5 }, 'invalid-value'],
    ['a length over 100000', 'company', { maxLength: 100_001 }, 'invalid-value'],
    ['an infinite minimum', 'estimatedValue', { minimum: Infinity }, 'invalid-value'],
    ['a minimum above the maximum', 'estimatedValue', { minimum: 10, maximum: 5 }, 'invalid-value'],
    ['a minimum length above the maximum length', 'company', { minLength: 300 }, 'invalid-value'],
    ['a catastrophic pattern', 'company', { pattern: '^(a+)+$' }, 'unsafe-pattern'],
    ['a pattern that does not compile', 'company', { pattern: '(' }, 'unsafe-pattern'],
    ['a default that is not an option', 'rating', { default: 'lukewarm' }, 'invalid-value'],
    ['a default of the wrong type', 'estimatedValue', { default: '12' }, 'invalid-value'],
    ['a default below the minimum', 'estimatedValue', { default: -1 }, 'invalid-value'],
    ['a default too long', 'company', { default: 'x'.repeat(201) }, 'invalid-value'],
    ['a multiselect default with a repeat', 'interests', { default: ['option_1', 'option_1'] }, 'invalid-value'],
    ['a checkbox default that is not a boolean', 'newsletter', { default: 'yes' }, 'invalid-value'],
    ['help text over 1000 characters', 'company', { description: 'x'.repeat(1001) }, 'invalid-value'],
  ])('refuses %s', (_, key, patch, code) => {
    expect(() => updateField(form(), key, patch)).toThrow(expect.objectContaining({ code }));
  });
});

describe('updateField options', () => {
  const labels = (e: EntityConfig, key: string, locale: Locale) =>
    Object.fromEntries(Object.entries(e.i18n[locale]).filter(([k]) => k.startsWith(`${key}.`) && k !== `${key}.label`));

  it.each<[string, string, FieldPatch['options'], (string | number)[]]>([
    [
      'keeps, reorders and adds select options',
      'rating',
      [{ value: 'cold', label: 'Cold' }, { value: 'hot', label: 'Hot!' }, { label: 'Lukewarm' }],
      ['cold', 'hot', 'lukewarm'],
    ],
    ['generates unique values for new options', 'rating', [{ value: 'hot', label: 'Hot' }, { label: 'Hot' }, { label: 'Hot' }], ['hot', 'hot_2', 'hot_3']],
    ['keeps a value given for a new option', 'rating', [{ value: 'a1', label: 'A one' }], ['a1']],
    ['avoids the reserved label key', 'rating', [{ label: 'Label' }], ['label_2']],
    ['sets multiselect options', 'interests', [{ label: 'Golf' }, { label: 'Fußball' }], ['golf', 'fussball']],
  ])('%s', (_, key, options, values) => {
    const before = form();
    const after = updateField(before, key, { options }, 'de');
    expectValid(after);
    const field = after.form.schema.properties[key]!;
    expect(field.type === 'array' ? field.items!.enum : field.enum).toEqual(values);
    expect(Object.keys(labels(after, key, 'de')).sort()).toEqual(values.map((v) => `${key}.${v}`).sort());
    values.forEach((v, i) => expect(after.i18n.de[`${key}.${v}`]).toBe(options![i]!.label));
    // Other locales keep their own texts and get the new label only where they had none.
    if (key === 'rating' && values.includes('hot')) expect(after.i18n.fr['rating.hot']).toBe('Chaud');
    for (const v of values) for (const l of LOCALES) expect(after.i18n[l][`${key}.${v}`]).toBeTruthy();
  });

  it('drops a default that is no longer an option', () => {
    const withDefault = updateField(form(), 'rating', { default: 'cold' });
    const after = updateField(withDefault, 'rating', { options: [{ value: 'hot', label: 'Hot' }] });
    expectValid(after);
    expect(after.form.schema.properties.rating).not.toHaveProperty('default');
    expect(after.i18n.en).not.toHaveProperty('rating.cold');
  });

  it.each<[string, FieldPatch['options'], string]>([
    ['no options', [], 'invalid-value'],
    ['an upper-case value', [{ value: 'Hot', label: 'Hot' }], 'invalid-value'],
    ['a reserved value', [{ value: 'label', label: 'Label' }], 'invalid-value'],
    [
      'a repeated value',
      [
        { value: 'hot', label: 'Hot' },
        { value: 'hot', label: 'Hot again' },
      ],
      'invalid-value',
    ],
    ['a blank label', [{ value: 'hot', label: '' }], 'invalid-value'],
    ['more than 500 options', Array.from({ length: 501 }, (_, i) => ({ label: `Option ${i}` })), 'invalid-value'],
  ])('refuses %s', (_, options, code) => {
    expect(() => updateField(form(), 'rating', { options })).toThrow(expect.objectContaining({ code }));
  });
});
