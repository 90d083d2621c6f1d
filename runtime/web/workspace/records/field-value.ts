import type { FieldSchema } from '../../../browser-safe/bundle.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../kit/i18n/format.ts';

/** What formatting a field value needs: language, the tenant's currency and timezone, words for yes/no, option labels. */
export interface ValueContext {
  locale: string;
  currency: string;
  timeZone: string;
  yes: string;
  no: string;
  /** What a file field holding a file says ("File"). */
  file: string;
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
  checkbox: (v, ctx) => (v === true ? ctx.yes : v === false ? ctx.no : ''),
  file: (_v, ctx) => ctx.file,
};

/** A field value as people read it (an option's label, money in the tenant's currency, a date in their language); '' when empty. */
export function formatFieldValue(schema: FieldSchema | undefined, value: unknown, ctx: ValueContext): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  const format = FORMATTERS[schema?.['x-field'] ?? ''];
  if (format) return format(value, ctx);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
