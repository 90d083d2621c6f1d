/** Locale-aware display of dates, numbers and money, in the tenant's timezone and currency. */

// Making a formatter costs far more than using one (a list of 50 rows formats hundreds of values): each is made once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: 'number' | 'date', locale: string, options: object, make: () => F): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}
const numberFormat = (locale: string, options: Intl.NumberFormatOptions) => formatter('number', locale, options, () => new Intl.NumberFormat(locale, options));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) => formatter('date', locale, options, () => new Intl.DateTimeFormat(locale, options));

export function formatDateTime(iso: string | number | null | undefined, locale: string, timeZone = 'UTC'): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** A calendar date (YYYY-MM-DD) has no timezone: format it as written. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? value : dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(value: number | null | undefined, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return typeof value === 'number' ? numberFormat(locale, options).format(value) : '';
}

/** A span of time in hours and minutes in the reader's language: "3 hr 20 min", "45 min" (its sign ignored). */
export function formatHoursMinutes(ms: number, locale: string): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const unit = (value: number, name: 'hour' | 'minute') => numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return unit(rest, 'minute');
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

export function formatMoney(value: number | null | undefined, locale: string, currency: string): string {
  return formatNumber(value, locale, { style: 'currency', currency });
}

export function formatPercent(value: number | null | undefined, locale: string): string {
  return typeof value === 'number' ? formatNumber(value / 100, locale, { style: 'percent', maximumFractionDigits: 2 }) : '';
}

/**
 * A name ("Leads", "Customer service representative") inside a sentence ("12 leads"): lower case where the language
 * writes common nouns so; German keeps its capitalised nouns, and a name starting with an abbreviation ("VIP
 * customer") keeps its capitals everywhere.
 */
export function nounInSentence(label: string, locale: string): string {
  if (locale === 'de' || /^\p{Lu}{2}/u.test(label)) return label;
  return label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
}
