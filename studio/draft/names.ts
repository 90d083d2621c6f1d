import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import type { EntityConfig } from '../designer/types.ts';

/** A text of an entity's translations in `locale`, else English, else undefined. */
const said = (e: EntityConfig, locale: Locale, key: string) => e.i18n[locale]?.[key] || e.i18n.en?.[key] || undefined;

/** An entity's name in `locale`, one ("Opportunity") or many ("Opportunities"); its key when the draft has no such entity. */
export function entityName(e: EntityConfig | undefined, key: string, locale: Locale, many = false): string {
  if (!e) return key;
  return many ? said(e, locale, 'entity.pluralLabel') || e.pluralLabel || e.label : said(e, locale, 'entity.label') || e.label;
}

/** A form field's name in `locale`: its translated label, else its title, else its key. */
export const fieldName = (e: EntityConfig | undefined, key: string, locale: Locale): string =>
  (e && said(e, locale, `${key}.label`)) || e?.form.schema.properties[key]?.title || key;
