import type { EmailTemplate, FieldSchema, Locale } from './bundle.ts';

/** `{{field}}` placeholders of a template. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The fields a template text names. */
export const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** What a template needs of its record type to put values in words: the fields and the translations of their choices. */
export interface TemplateFields {
  form: { schema: { properties: Record<string, FieldSchema> } };
  i18n: Partial<Record<Locale, Record<string, string>>>;
}

/** A field's value as a reader of the mail expects it: a choice by its label, a date and a number as `locale` writes them. */
function shown(value: unknown, field: string, entity: TemplateFields | undefined, locale: Locale): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => shown(v, field, entity, locale)).join(', ');
  const schema = entity?.form.schema.properties[field];
  if (schema && (schema.enum || schema.items?.enum))
    return entity?.i18n[locale]?.[`${field}.${value}`] ?? entity?.i18n.en?.[`${field}.${value}`] ?? String(value);
  if (schema?.format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return String(value);
}

/**
 * A template in `locale` (English where it has no translation) with the record's values in place of its placeholders;
 * with the record type's fields, choices and dates read as words rather than keys.
 */
export function fillTemplate(
  template: EmailTemplate,
  locale: Locale,
  data: Record<string, unknown>,
  entity?: TemplateFields,
): { subject: string; text: string } {
  const texts = template.i18n?.[locale];
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, field: string) => shown(data[field], field, entity, locale));
  return { subject: fill(texts?.subject || template.subject), text: fill(texts?.text || template.text) };
}

/** A template's name in `locale`. */
export const templateLabel = (template: EmailTemplate, locale: Locale) => template.i18n?.[locale]?.label || template.label;
