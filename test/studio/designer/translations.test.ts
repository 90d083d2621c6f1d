import { describe, expect, it } from 'vitest';
import {
  addField,
  addGroup,
  addTabs,
  missingTranslations,
  setTranslation,
  translationRows,
  updateField,
  type EntityConfig,
} from '../../../studio/designer/index.ts';
import { LOCALES } from '../../../runtime/browser-safe/bundle.ts';
import { deepFreeze, entity, expectValid, FIELD_TYPES } from './support.ts';

describe('translationRows', () => {
  it('lists entity names, then every field label and option in form order, then groups', () => {
    const rows = translationRows(entity());
    expect(rows.slice(0, 3).map((r) => [r.key, r.kind])).toEqual([
      ['entity.label', 'entity'],
      ['entity.pluralLabel', 'entity'],
      ['firstName.label', 'field'],
    ]);
    expect(rows.find((r) => r.key === 'rating.hot')).toEqual({
      key: 'rating.hot',
      kind: 'option',
      field: 'rating',
      en: 'Hot',
      de: 'Heiß',
      fr: 'Chaud',
      es: expect.any(String),
    });
    expect(rows.filter((r) => r.kind === 'group').map((r) => r.key)).toEqual(['group.contactDetails.label', 'group.qualification.label']);
    expect(rows.filter((r) => r.kind === 'option')).toHaveLength(6 + 3 + 8);
    expect(rows.filter((r) => r.kind === 'field')).toHaveLength(11);
  });

  it.each<[string, (e: EntityConfig) => EntityConfig, string, string]>([
    ['a new field', (e) => addField(e, FIELD_TYPES.text, 'Notes').entity, 'notes.label', 'field'],
    ['help text', (e) => updateField(e, 'company', { description: 'Legal name' }), 'company.description', 'field'],
    ['a new group', (e) => addGroup(e, 'Billing').entity, 'group.billing.label', 'group'],
    ['a tab', (e) => addTabs(e, 'Main').entity, 'group.main.label', 'group'],
    ['a new option', (e) => updateField(e, 'rating', { options: [{ value: 'hot', label: 'Hot' }, { label: 'Frozen' }] }), 'rating.frozen', 'option'],
  ])('includes %s', (_, edit, key, kind) => {
    const after = edit(entity());
    expectValid(after);
    expect(translationRows(after).find((r) => r.key === key)?.kind).toBe(kind);
  });

  it.each(['lead', 'opportunity', 'case', 'contact', 'account'])('finds the shipped %s fully translated', (key) => {
    expect(missingTranslations(entity(key))).toEqual([]);
  });
});

describe('setTranslation / missingTranslations', () => {
  it.each<[string, string, string]>([
    ['de', 'company.label', 'Unternehmen'],
    ['fr', 'rating.hot', 'Brûlant'],
    ['es', 'group.qualification.label', 'Calificación'],
    ['en', 'entity.pluralLabel', 'Prospects'],
  ])('sets %s %s', (locale, key, text) => {
    const before = entity();
    const after = setTranslation(before, locale as 'de', key, text);
    expectValid(after);
    expect(after.i18n[locale as 'de'][key]).toBe(text);
    for (const other of LOCALES.filter((l) => l !== locale)) expect(after.i18n[other]).toEqual(before.i18n[other]);
  });

  it('reports a blanked text as missing until it is set again', () => {
    const blank = setTranslation(entity(), 'fr', 'rating.hot', '   ');
    expectValid(blank);
    expect(blank.i18n.fr).not.toHaveProperty('rating.hot');
    expect(missingTranslations(blank)).toEqual([{ key: 'rating.hot', locale: 'fr' }]);
    expect(missingTranslations(setTranslation(blank, 'fr', 'rating.hot', 'Chaud'))).toEqual([]);
  });

  it('reports texts missing in some locales, in table order', () => {
    const e = deepFreeze({ ...entity(), i18n: { ...entity().i18n, es: {}, de: { ...entity().i18n.de, 'company.label': '' } } });
    const missing = missingTranslations(e);
    expect(missing.filter((m) => m.locale === 'es')).toHaveLength(translationRows(e).length);
    expect(missing.filter((m) => m.locale === 'de')).toEqual([{ key: 'company.label', locale: 'de' }]);
  });

  it.each<[string, string, string, string]>([
    ['a key the form does not use', 'en', 'nope.label', 'unknown-i18n-key'],
    ['a removed option', 'en', 'rating.lukewarm', 'unknown-i18n-key'],
    ['an unknown locale', 'it', 'company.label', 'invalid-value'],
  ])('refuses %s', (_, locale, key, code) => {
    expect(() => setTranslation(entity(), locale as 'en', key, 'x')).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a text over 1000 characters', () => {
    expect(() => setTranslation(entity(), 'en', 'company.label', 'x'.repeat(1001))).toThrow(expect.objectContaining({ code: 'invalid-value' }));
  });
});
