/** Locale-aware display of dates, numbers and money, in the tenant's timezone and currency. */
export function formatDateTime(iso: string | number | null | undefined, locale: string, timeZone = 'UTC'): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** A calendar date (YYYY-MM-DD) has no timezone: format it as written. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(value: number | null | undefined, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale, options).format(value) : '';
}

/** A span of time in hours and minutes in the reader's language: "3 hr 20 min", "45 min" (its sign ignored). */
export function formatHoursMinutes(ms: number, locale: string): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const unit = (value: number, name: 'hour' | 'minute') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
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
