import { describe, expect, it } from 'vitest';
import { businessHoursErrors, DEFAULT_BUSINESS_HOURS, type BusinessHours } from '../../runtime/browser-safe/business-hours.ts';
import { addBusinessMs, businessMsBetween, monthOf, type Calendar } from '../../runtime/service-levels/calendar.ts';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const cal = (timezone: string, hours: Partial<BusinessHours> = {}): Calendar => ({ timezone, hours: { ...DEFAULT_BUSINESS_HOURS, ...hours } });
const everyDay = (start: string, end: string): BusinessHours['days'] =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { start, end }]));

const UTC = cal('UTC');
const UTC_HOLIDAY = cal('UTC', { holidays: ['2026-03-09'] });
const BERLIN = cal('Europe/Berlin', { days: everyDay('09:00', '17:00') });
const BERLIN_ROUND = cal('Europe/Berlin', { days: everyDay('00:00', '24:00') });
const NEW_YORK_ROUND = cal('America/New_York', { days: everyDay('00:00', '24:00') });
const NOTHING = cal('UTC', { days: {} });
const TOKYO = cal('Asia/Tokyo');

// 2026-03-02 is a Monday, 2026-03-06 a Friday; Berlin springs forward on 2026-03-29, New York falls back on 2026-11-01.
describe('business time', () => {
  it.each([
    ['within a day', UTC, '2026-03-02T10:00:00Z', 1 * H, '2026-03-02T11:00:00Z'],
    ['to the end of a day exactly', UTC, '2026-03-02T09:00:00Z', 8 * H, '2026-03-02T17:00:00Z'],
    ['across the night', UTC, '2026-03-02T16:00:00Z', 8 * H, '2026-03-03T16:00:00Z'],
    ['from after hours', UTC, '2026-03-02T18:00:00Z', 30 * M, '2026-03-03T09:30:00Z'],
    ['from before hours', UTC, '2026-03-02T06:00:00Z', 30 * M, '2026-03-02T09:30:00Z'],
    ['over a weekend', UTC, '2026-03-06T16:00:00Z', 2 * H, '2026-03-09T10:00:00Z'],
    ['from a Saturday', UTC, '2026-03-07T12:00:00Z', 1 * H, '2026-03-09T10:00:00Z'],
    ['over a weekend and a holiday', UTC_HOLIDAY, '2026-03-06T16:00:00Z', 2 * H, '2026-03-10T10:00:00Z'],
    ['a full working week', UTC, '2026-03-02T09:00:00Z', 40 * H, '2026-03-06T17:00:00Z'],
    ['in the company’s timezone', TOKYO, '2026-03-02T00:00:00Z', 1 * H, '2026-03-02T01:00:00Z'],
    ['over the night the clocks go forward', BERLIN, '2026-03-28T15:00:00Z', 2 * H, '2026-03-29T08:00:00Z'],
    ['nothing at all', UTC, '2026-03-07T12:00:00Z', 0, '2026-03-07T12:00:00Z'],
    ['less than nothing', UTC, '2026-03-02T10:00:00Z', -5 * H, '2026-03-02T10:00:00Z'],
  ])('%s: %s + business ms', (_name, c, from, ms, expected) => {
    expect(new Date(addBusinessMs(c, at(from), ms)!).toISOString()).toBe(new Date(at(expected)).toISOString());
  });

  it('never reaches a target without working time', () => {
    expect(addBusinessMs(NOTHING, at('2026-03-02T10:00:00Z'), H)).toBeNull();
  });

  it.each([
    ['within a day', UTC, '2026-03-02T08:00:00Z', '2026-03-02T18:00:00Z', 8 * H],
    ['over a weekend', UTC, '2026-03-06T16:00:00Z', '2026-03-09T10:00:00Z', 2 * H],
    ['a weekend alone', UTC, '2026-03-07T00:00:00Z', '2026-03-08T23:59:00Z', 0],
    ['a holiday', UTC_HOLIDAY, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z', 0],
    ['backwards', UTC, '2026-03-02T12:00:00Z', '2026-03-02T10:00:00Z', 0],
    ['no time', UTC, '2026-03-02T12:00:00Z', '2026-03-02T12:00:00Z', 0],
    ['two days around the clocks going forward', BERLIN, '2026-03-28T08:00:00Z', '2026-03-29T15:00:00Z', 16 * H],
    ['the day the clocks go forward, around the clock', BERLIN_ROUND, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23 * H],
    ['the day the clocks go back, around the clock', NEW_YORK_ROUND, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25 * H],
  ])('%s: business ms between', (_name, c, from, to, expected) => {
    expect(businessMsBetween(c, at(from), at(to))).toBe(expected);
  });

  it('adds and measures alike', () => {
    for (const from of ['2026-03-02T10:17:00Z', '2026-03-06T16:59:00Z', '2026-03-28T20:00:00Z']) {
      for (const ms of [1 * M, 7 * H, 41 * H]) {
        for (const c of [UTC, UTC_HOLIDAY, BERLIN, TOKYO]) expect(businessMsBetween(c, at(from), addBusinessMs(c, at(from), ms)!)).toBe(ms);
      }
    }
  });

  it('counts a moment in the month of the company’s calendar', () => {
    expect(monthOf(TOKYO, at('2026-03-31T20:00:00Z'))).toBe('2026-04');
    expect(monthOf(UTC, at('2026-03-31T20:00:00Z'))).toBe('2026-03');
  });

  it.each([
    [{ days: {}, holidays: [] }, '/settings/businessHours/days', 'needs at least one working day'],
    [{ days: { mon: { start: '17:00', end: '09:00' } }, holidays: [] }, '/settings/businessHours/days/mon/end', 'must be after the start'],
    [{ days: { tue: { start: '9:00', end: '17:00' } }, holidays: [] }, '/settings/businessHours/days/tue/start', 'is not a time (HH:MM)'],
    [{ days: { wed: { start: '09:00', end: '24:01' } }, holidays: [] }, '/settings/businessHours/days/wed/end', 'is not a time (HH:MM)'],
    [{ days: { thu: { start: '09:00', end: '17:00' } }, holidays: ['2026-02-30'] }, '/settings/businessHours/holidays/0', 'is not a date (YYYY-MM-DD)'],
    [{ days: { fri: { start: '09:00', end: '17:00' } }, holidays: ['2026-12-25', '2026-12-25'] }, '/settings/businessHours/holidays/1', 'is listed twice'],
  ] as [BusinessHours, string, string][])('refuses business hours at the field: %j', (hours, path, message) => {
    expect(businessHoursErrors(hours)).toContainEqual({ path, message });
  });

  it('takes the defaults and a day until midnight', () => {
    expect(businessHoursErrors(DEFAULT_BUSINESS_HOURS)).toEqual([]);
    expect(businessHoursErrors({ days: { sun: { start: '00:00', end: '24:00' } }, holidays: ['2026-12-24'] })).toEqual([]);
  });
});
