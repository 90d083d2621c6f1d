import { describe, expect, it } from 'vitest';
import { addGroup, controlPaths, elementAt, renameKey, setRule, setTranslation } from '../../../studio/designer/index.ts';
import { LOCALES } from '../../../runtime/browser-safe/bundle.ts';
import { removeElement, setElementLabel, setFieldLabel, setOptions, setReference, setReferenceCount } from '../../../studio/designer/element-edits.ts';
import { addFromPalette } from '../../../studio/designer/palette.ts';
import { FIELD_TYPES as REGISTRY } from '../../../runtime/web/kit/forms/fields/index.ts';
import { entity, expectValid } from './support.ts';

const type = (key: string) => REGISTRY.find((t) => t.key === key)!;

describe('setFieldLabel', () => {
  it('renames a new field in every language that still shows its first name, and keeps real translations', () => {
    const added = addFromPalette(entity(), type('currency'), 'New field').entity;
    const translated = { ...added, i18n: { ...added.i18n, fr: { ...added.i18n.fr, 'newField.label': 'Nouveau champ' } } };
    const { entity: after, key } = setFieldLabel(translated, 'newField', ' Budget ', 'en');
    expectValid(after);
    expect(key).toBe('budget');
    expect(after.form.schema.properties.budget!.title).toBe('Budget');
    expect(after.i18n.en['budget.label']).toBe('Budget');
    expect(after.i18n.de['budget.label']).toBe('Budget');
    expect(after.i18n.fr['budget.label']).toBe('Nouveau champ');
  });

  it('lets the key follow the label only while it is the generated, unpublished one', () => {
    const added = addFromPalette(entity(), type('text'), 'New field').entity;
    const chosen = setFieldLabel(renameKey(added, 'newField', 'code', new Set()), 'code', 'Budget', 'en');
    expect(chosen.key).toBe('code');
    const published = setFieldLabel(entity(), 'company', 'Firm', 'en', new Set(['company']));
    expect(published.key).toBe('company');
    expect(published.entity.form.schema.properties.company!.title).toBe('Firm');
    const taken = setFieldLabel(added, 'newField', 'Company', 'en');
    expect(taken.key).toBe('company2');
    const reused = setFieldLabel(added, 'newField', 'Old', 'en', new Set(['old']));
    expect(reused.key).toBe('old2');
  });

  it('moves the rules that name a renamed key along', () => {
    const added = addFromPalette(entity(), type('checkbox'), 'New field').entity;
    const ruled = setRule(added, [2], { effect: 'SHOW', field: 'newField', operator: 'isTrue' });
    const { entity: after } = setFieldLabel(ruled, 'newField', 'Has budget', 'en');
    expectValid(after);
    expect(elementAt(after.form.uischema, [2])!.rule!.condition.scope).toBe('#/properties/hasBudget');
  });

  it('refuses a blank label', () => {
    expect(() => setFieldLabel(entity(), 'company', ' ', 'en')).toThrow(expect.objectContaining({ code: 'invalid-value' }));
  });
});

describe('setOptions', () => {
  it('renames a choice in every language that still shows its first name, and keeps real translations', () => {
    const added = addFromPalette(entity(), type('select'), 'Priority').entity;
    const translated = setTranslation(added, 'fr', 'priority.option_1', 'Basse');
    const after = setOptions(
      translated,
      'priority',
      [{ value: 'option_1', label: 'Low' }, { value: 'option_2', label: 'Option 2' }, { label: 'Very high' }],
      'en',
    );
    expectValid(after);
    expect(after.form.schema.properties.priority!.enum).toEqual(['option_1', 'option_2', 'very_high']);
    expect(after.i18n.de['priority.option_1']).toBe('Low');
    expect(after.i18n.fr['priority.option_1']).toBe('Basse');
    expect(after.i18n.es['priority.very_high']).toBe('Very high');
  });
});

describe('setElementLabel', () => {
  it('relabels a group in one language; the English text is also its fallback label', () => {
    const de = setElementLabel(entity(), [2], 'Kontakt', 'de');
    expectValid(de);
    expect(de.i18n.de['group.contactDetails.label']).toBe('Kontakt');
    expect(de.i18n.en['group.contactDetails.label']).toBe('Contact details');
    expect(elementAt(de.form.uischema, [2])!.label).toBe('Contact details');
    const en = setElementLabel(de, [2], 'Reach', 'en');
    expect(elementAt(en.form.uischema, [2])!.label).toBe('Reach');
    expect(en.i18n.de['group.contactDetails.label']).toBe('Kontakt');
  });

  it('lets untranslated copies follow a new group name', () => {
    const { entity: e, path } = addGroup(entity(), 'New group');
    const after = setElementLabel(e, path, 'Budget', 'en');
    for (const l of LOCALES) expect(after.i18n[l][`${elementAt(after.form.uischema, path)!.i18n}.label`]).toBe('Budget');
  });

  it('refuses elements without a label', () => {
    expect(() => setElementLabel(entity(), [0], 'Row', 'en')).toThrow(expect.objectContaining({ code: 'not-applicable' }));
  });
});

describe('setReference', () => {
  const entities = ['lead', 'account', 'contact'];
  it('points a reference at another entity', () => {
    const { entity: e, key } = addFromPalette(entity(), type('reference'), 'Account');
    const after = setReference(e, key, 'contact', entities);
    expectValid(after);
    expect(after.form.schema.properties[key]!['x-ref']).toBe('contact');
  });
  it.each([
    ['a field that is not a reference', 'company', 'contact', 'not-applicable'],
    ['an unknown entity', 'account', 'planet', 'invalid-value'],
  ])('refuses %s', (_, key, target, code) => {
    const e = addFromPalette(entity(), type('reference'), 'Account').entity;
    expect(() => setReference(e, key, target, entities)).toThrow(expect.objectContaining({ code }));
  });
});

describe('setReferenceCount', () => {
  it('turns a new reference into links to several records and back, keeping its target, texts and delete rule', () => {
    const added = addFromPalette(entity(), type('reference'), 'Partners');
    const key = added.key;
    const e = setReference(added.entity, key, 'contact', ['contact']);
    const field = e.form.schema.properties[key]!;
    field['x-onDelete'] = 'clear';
    const many = setReferenceCount(e, key, true, new Set());
    expectValid(many);
    expect(many.form.schema.properties[key]).toEqual({
      type: 'array',
      'x-field': 'references',
      'x-ref': 'contact',
      items: { type: 'string', maxLength: 64 },
      uniqueItems: true,
      maxItems: 50,
      title: field.title,
      'x-onDelete': 'clear',
    });
    const one = setReferenceCount(many, key, false, new Set());
    expectValid(one);
    expect(one.form.schema.properties[key]).toEqual({
      type: 'string',
      'x-field': 'reference',
      maxLength: 64,
      'x-ref': 'contact',
      title: field.title,
      'x-onDelete': 'clear',
    });
    expect(setReferenceCount(one, key, false, new Set())).toBe(one);
  });
  it('refuses a published field, whose records hold one shape, and a field that is no reference', () => {
    const { entity: e, key } = addFromPalette(entity(), type('reference'), 'Account');
    expect(() => setReferenceCount(e, key, true, new Set([key]))).toThrow(expect.objectContaining({ code: 'published-key' }));
    expect(() => setReferenceCount(e, 'company', true, new Set())).toThrow(expect.objectContaining({ code: 'not-applicable' }));
  });
});

describe('removeElement', () => {
  it('removes a field with its only Control, and counts the rules that named it', () => {
    const ruled = setRule(entity(), [2], { effect: 'SHOW', field: 'rating', operator: 'equals', value: 'hot' });
    const path = controlPaths(ruled.form.uischema, 'rating')[0]!;
    const { entity: after, removedRules } = removeElement(ruled, path);
    expectValid(after);
    expect(after.form.schema.properties.rating).toBeUndefined();
    expect(removedRules).toBe(1);
  });

  it('removes a group but keeps its fields', () => {
    const { entity: after, removedRules } = removeElement(entity(), [2]);
    expectValid(after);
    expect(removedRules).toBe(0);
    expect(controlPaths(after.form.uischema, 'email')).toHaveLength(1);
    expect(after.i18n.en['group.contactDetails.label']).toBeUndefined();
  });

  it('removes a second Control of a field without removing the field', () => {
    const e = entity();
    const twice = {
      ...e,
      form: {
        ...e.form,
        uischema: { ...e.form.uischema, elements: [...e.form.uischema.elements!, { type: 'Control' as const, scope: '#/properties/company' }] },
      },
    };
    const { entity: after } = removeElement(twice, [twice.form.uischema.elements!.length - 1]);
    expect(after.form.schema.properties.company).toBeDefined();
    expect(controlPaths(after.form.uischema, 'company')).toHaveLength(1);
  });

  it('refuses the title field, as removeField does', () => {
    const path = controlPaths(entity().form.uischema, 'lastName')[0]!;
    expect(() => removeElement(entity(), path)).toThrow(expect.objectContaining({ code: 'title-field' }));
  });
});
