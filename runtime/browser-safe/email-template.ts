import type { EmailTemplate, Locale } from './bundle.ts';

/** `{{field}}` placeholders of a template. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

const shown = (value: unknown) => (value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value));

/** A template in `locale` (English where it has no translation) with the record's values in place of its placeholders. */
export function fillTemplate(template: EmailTemplate, locale: Locale, data: Record<string, unknown>): { subject: string; text: string } {
  const texts = template.i18n?.[locale];
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, field: string) => shown(data[field]));
  return { subject: fill(texts?.subject || template.subject), text: fill(texts?.text || template.text) };
}

/** A template's name in `locale`. */
export const templateLabel = (template: EmailTemplate, locale: Locale) => template.i18n?.[locale]?.label || template.label;
