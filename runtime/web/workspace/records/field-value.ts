import { useI18n } from 'vue-i18n';
import type { FieldSchema } from '../../../browser-safe/bundle.ts';
import { useConfigStore } from '../../kit/config/store.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../kit/i18n/format.ts';
import { useSessionStore } from '../../kit/session/store.ts';

/**
 * What formatting a field value needs: language, the tenant's currency and timezone, option labels, and the words for
 * yes, no and a file field holding a file ("File") — asked for only by the values that show them (a list formats hundreds).
 */
export interface ValueContext {
  locale: string;
  currency: string;
  timeZone: string;
  word: (word: 'yes' | 'no' | 'file') => string;
  optionLabel: (value: unknown) => string;
}

type Formatter = (value: unknown, ctx: ValueContext) => string;
const num = (value: unknown) => (typeof value === 'number' ? value : null);

// One line per field type; types not listed show their value as text.
const FORMATTERS: Record<string, Formatter> = {
  select: (v, ctx) => ctx.optionLabel(v),
  multiselect: (v, ctx) => (Array.isArray(v) ? v.map(ctx.optionLabel).join(', ') : String(v)),
  currency: (v, ctx) => formatMoney(num(v), ctx.locale, ctx.currency),
  percent: (v, ctx) => formatPercent(num(v), ctx.locale),
  number: (v, ctx) => formatNumber(num(v), ctx.locale),
  date: (v, ctx) => formatDate(typeof v === 'string' ? v : null, ctx.locale),
  datetime: (v, ctx) => formatDateTime(typeof v === 'string' ? v : null, ctx.locale, ctx.timeZone),
  checkbox: (v, ctx) => (v === true ? ctx.word('yes') : v === false ? ctx.word('no') : ''),
  file: (_v, ctx) => ctx.word('file'),
};

/** A field value as people read it (an option's label, money in the tenant's currency, a date in their language); '' when empty. */
export function formatFieldValue(schema: FieldSchema | undefined, value: unknown, ctx: ValueContext): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  const format = FORMATTERS[schema?.['x-field'] ?? ''];
  if (format) return format(value, ctx);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const WORDS = { yes: 'common.yes', no: 'common.no', file: 'attachments.field.value' } as const;

/**
 * `fieldText(entity, field, value)`: a value as the reader reads it, in their language and the company's currency and
 * timezone — a plain function, so a list of 50 rows formats its cells without a component each. References show ids:
 * their titles are FieldValue's to fetch.
 */
export function useFieldText() {
  const { t, locale } = useI18n();
  const config = useConfigStore();
  const session = useSessionStore();
  return (entity: string, field: string, value: unknown): string => {
    const settings = session.me?.tenant.settings;
    return formatFieldValue(config.entity(entity)?.form.schema.properties[field], value, {
      locale: locale.value,
      currency: settings?.currency ?? 'EUR',
      timeZone: settings?.timezone ?? 'UTC',
      word: (word) => t(WORDS[word]),
      optionLabel: (v) => config.optionLabel(entity, field, v),
    });
  };
}
