/** Display of report figures in the person's language: durations, close months, compact amounts for chart axes. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
] as const;

/**
 * A duration as its two largest whole units ("3 days 4 hours", "3 Tage, 4 Stunden"); `null` below one minute,
 * so the caller can say "less than a minute" in words.
 */
export function formatDuration(ms: number, locale: string): string | null {
  let rest = Math.max(0, Math.round(ms / MINUTE) * MINUTE);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
    if (parts.length === 2) break;
  }
  // "3 days 0 hours" says nothing the first unit did not.
  const shown = parts.filter((p, i) => i === 0 || !/^0\D/.test(p));
  return shown.length ? new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(shown) : null;
}

/** The unit a chart of durations counts in: days when the longest is two days or more, else hours, else minutes. */
export function durationUnit(longestMs: number): { unit: 'day' | 'hour' | 'minute'; size: number } {
  if (longestMs >= 2 * DAY) return { unit: 'day', size: DAY };
  return longestMs >= 2 * HOUR ? { unit: 'hour', size: HOUR } : { unit: 'minute', size: MINUTE };
}

/** A close month (`YYYY-MM`) as "March 2026" in the person's language. */
export function formatMonth(month: string, locale: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? month : new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An amount short enough for a chart axis ("€20K"). */
export function formatCompactMoney(value: number, locale: string, currency: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
}
