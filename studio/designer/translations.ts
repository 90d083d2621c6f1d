/** The translation table: every text of an entity's form in every locale, and what is still missing. */
import { checkText, mapI18n } from './entity.ts';
import { optionValues } from './options.ts';
import { walk } from './ui-tree.ts';
import { DesignerError, type EntityConfig } from './types.ts';
import { LOCALES, type Locale } from '../../runtime/browser-safe/bundle.ts';

export type TranslationKind = 'entity' | 'field' | 'option' | 'group';

/** One text in every locale (undefined where it has none yet); `field` names the field of field and option texts. */
export type TranslationRow = { key: string; kind: TranslationKind; field?: string } & Record<Locale, string | undefined>;

/** The i18n keys an entity's form uses, in form order: entity names, each field's label, help text and options, then groups and tabs. */
function textKeys(entity: EntityConfig): { key: string; kind: TranslationKind; field?: string }[] {
  const keys: { key: string; kind: TranslationKind; field?: string }[] = [
    { key: 'entity.label', kind: 'entity' },
    { key: 'entity.pluralLabel', kind: 'entity' },
  ];
  const inAnyLocale = (key: string) => LOCALES.some((l) => entity.i18n[l]?.[key] !== undefined);
  for (const [field, schema] of Object.entries(entity.form.schema.properties)) {
    keys.push({ key: `${field}.label`, kind: 'field', field });
    const help = `${field}.description`;
    if (schema.description !== undefined || inAnyLocale(help)) keys.push({ key: help, kind: 'field', field });
    const reverse = `${field}.reverse`;
    if (schema['x-ref'] !== undefined && inAnyLocale(reverse)) keys.push({ key: reverse, kind: 'field', field });
    for (const value of optionValues(schema) ?? []) keys.push({ key: `${field}.${value}`, kind: 'option', field });
  }
  const groups = new Set<string>();
  walk(entity.form.uischema, (el) => {
    if (el.type !== 'Control' && el.i18n) groups.add(`${el.i18n}.label`);
  });
  for (const key of groups) keys.push({ key, kind: 'group' });
  return keys;
}

/** Every text of the form with its translations, for the translation table. */
export function translationRows(entity: EntityConfig): TranslationRow[] {
  return textKeys(entity).map((row) => {
    const out = { ...row } as TranslationRow;
    for (const locale of LOCALES) out[locale] = entity.i18n[locale]?.[row.key];
    return out;
  });
}

/** The texts a locale lacks (absent or blank), in table order. */
export function missingTranslations(entity: EntityConfig): { key: string; locale: Locale }[] {
  return translationRows(entity).flatMap((row) => LOCALES.filter((l) => !row[l]?.trim()).map((locale) => ({ key: row.key, locale })));
}

/** Sets the text of `key` in `locale`; a blank text removes it. Refuses keys the form does not use. */
export function setTranslation(entity: EntityConfig, locale: Locale, key: string, text: string): EntityConfig {
  if (!LOCALES.includes(locale)) throw new DesignerError('invalid-value', `unknown locale ${String(locale)}`);
  if (!textKeys(entity).some((row) => row.key === key)) throw new DesignerError('unknown-i18n-key', `the form has no text "${key}"`);
  const blank = text.trim() === '';
  const value = blank ? '' : checkText(text, 'a translation', 1000);
  return mapI18n(entity, (dict, l) => {
    if (l !== locale) return dict;
    if (!blank) return { ...dict, [key]: value };
    const { [key]: _, ...rest } = dict;
    return rest;
  });
}
