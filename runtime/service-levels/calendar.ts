import { minutesOf, WEEKDAYS, type BusinessHours } from '../browser-safe/business-hours.ts';

/**
 * Business-time arithmetic over a company's calendar: its working days and hours, holidays and timezone. Pure (the
 * timezone rules come from Intl): the same instants in, the same instants out; daylight saving changes are followed
 * because each day's hours are placed on the wall clock of that day.
 */
export interface Calendar {
  hours: BusinessHours;
  /** IANA timezone the hours and holidays are in. */
  timezone: string;
}

/** A calendar date in the company's timezone. */
interface Day {
  y: number;
  m: number;
  d: number;
}

/** Searching further than this for working time gives up: a calendar without working time never reaches a target. */
const MAX_DAYS = 366 * 20;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at instant `t`. */
function wall(zone: string, t: number) {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

/** How far `zone`'s wall clock is ahead of UTC at instant `t`, in ms. */
function offset(zone: string, t: number): number {
  const w = wall(zone, t);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - (t - (((t % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time of `day` has in `zone` (a time skipped by a daylight saving change maps just past it). */
function instant(zone: string, day: Day, minutes: number): number {
  const local = Date.UTC(day.y, day.m - 1, day.d, 0, minutes);
  const guess = local - offset(zone, local);
  const at = local - offset(zone, guess);
  return at;
}

/** The calendar date of instant `t` in `zone`. */
export function dayOf(zone: string, t: number): Day {
  const w = wall(zone, t);
  return { y: w.y, m: w.m, d: w.d };
}

const nextDay = (day: Day): Day => {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a calendar date. */
export const dateText = (day: Day) => `${day.y}-${pad(day.m)}-${pad(day.d)}`;

/** The working span of one day as instants, or null when it is not worked (a day off, a holiday). */
function span(cal: Calendar, day: Day, holidays: ReadonlySet<string>): { start: number; end: number } | null {
  const weekday = WEEKDAYS[(new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() + 6) % 7]!;
  const hours = cal.hours.days[weekday];
  if (!hours || holidays.has(dateText(day))) return null;
  return { start: instant(cal.timezone, day, minutesOf(hours.start)), end: instant(cal.timezone, day, minutesOf(hours.end)) };
}

/** Business time between two instants, in ms (0 when `to` is not after `from`). */
export function businessMsBetween(cal: Calendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  const holidays = new Set(cal.hours.holidays);
  const last = dateText(dayOf(cal.timezone, to));
  let total = 0;
  let day = dayOf(cal.timezone, from);
  for (let i = 0; i < MAX_DAYS && dateText(day) <= last; i++, day = nextDay(day)) {
    const s = span(cal, day, holidays);
    if (s) total += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  }
  return total;
}

/**
 * The instant at which `ms` of business time have passed since `from` (`from` itself for none or less); null when the
 * calendar has no working time for that long (no working day, or holidays without end).
 */
export function addBusinessMs(cal: Calendar, from: number, ms: number): number | null {
  if (!(ms > 0)) return from;
  const holidays = new Set(cal.hours.holidays);
  let remaining = ms;
  let day = dayOf(cal.timezone, from);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    const s = span(cal, day, holidays);
    if (!s) continue;
    const begin = Math.max(s.start, from);
    if (begin >= s.end) continue;
    if (remaining <= s.end - begin) return begin + remaining;
    remaining -= s.end - begin;
  }
  return null;
}

/** `YYYY-MM` of instant `t` in the company's timezone (the month a report counts it in). */
export const monthOf = (cal: Calendar, t: number) => dateText(dayOf(cal.timezone, t)).slice(0, 7);
