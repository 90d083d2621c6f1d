/** A company's business hours (company settings; owners change them): service level clocks count only this time. */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One working day's hours, `HH:MM` in the company's timezone; `end` may be `24:00` (until midnight). */
export interface DaySpan {
  start: string;
  end: string;
}

/** Working days with their hours (a day left out is not worked), and holidays (`YYYY-MM-DD`) when nobody works. */
export interface BusinessHours {
  days: Partial<Record<Weekday, DaySpan>>;
  holidays: string[];
}

const NINE_TO_FIVE: DaySpan = { start: '09:00', end: '17:00' };
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
  holidays: [],
};

/** At most this many holidays are kept. */
export const MAX_HOLIDAYS = 400;

/** The business hours a company's settings hold, the defaults when none were set. */
export function businessHoursOf(settings: Record<string, unknown> | undefined): BusinessHours {
  const hours = settings?.businessHours as BusinessHours | undefined;
  return hours ? { days: { ...hours.days }, holidays: [...hours.holidays] } : { days: { ...DEFAULT_BUSINESS_HOURS.days }, holidays: [] };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after midnight of an `HH:MM` time. */
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * Problems of business hours that have the right shape, each at its JSON Pointer under `prefix`
 * (`/settings/businessHours/days/mon/end`): times, a start before its end, at least one working day, real and distinct holidays.
 */
export function businessHoursErrors(hours: BusinessHours, prefix = '/settings/businessHours'): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const worked = WEEKDAYS.filter((d) => hours.days[d]);
  if (worked.length === 0) errors.push({ path: `${prefix}/days`, message: 'needs at least one working day' });
  for (const day of worked) {
    const span = hours.days[day]!;
    const at = `${prefix}/days/${day}`;
    if (!TIME.test(span.start) || span.start === '24:00') errors.push({ path: `${at}/start`, message: 'is not a time (HH:MM)' });
    if (!TIME.test(span.end)) errors.push({ path: `${at}/end`, message: 'is not a time (HH:MM)' });
    else if (TIME.test(span.start) && minutesOf(span.end) <= minutesOf(span.start)) errors.push({ path: `${at}/end`, message: 'must be after the start' });
  }
  const seen = new Set<string>();
  hours.holidays.forEach((date, i) => {
    if (!isDate(date)) errors.push({ path: `${prefix}/holidays/${i}`, message: 'is not a date (YYYY-MM-DD)' });
    else if (seen.has(date)) errors.push({ path: `${prefix}/holidays/${i}`, message: 'is listed twice' });
    seen.add(date);
  });
  return errors;
}
