import { describe, expect, it } from 'vitest';
import { fromInput, toInput, type InputKind } from '../../../../runtime/web/kit/forms/controls/input-kind.ts';

const dateTime: InputKind = { type: 'datetime-local' };
const number: InputKind = { type: 'number' };

describe('date-times are typed on the company’s clock and stored in UTC', () => {
  it.each([
    ['2026-11-23T09:30', 'UTC', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T09:30', 'Europe/Berlin', '2026-11-23T08:30:00.000Z'],
    ['2026-07-01T09:30', 'Europe/Berlin', '2026-07-01T07:30:00.000Z'],
    ['2026-03-29T03:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-11-23T09:30', 'America/New_York', '2026-11-23T14:30:00.000Z'],
    ['2026-11-23T09:30', 'Asia/Kolkata', '2026-11-23T04:00:00.000Z'],
  ])('%s in %s is %s, and shows as typed', (typed, zone, stored) => {
    expect(fromInput(dateTime, typed, zone)).toBe(stored);
    expect(toInput(dateTime, stored, zone)).toBe(typed);
  });

  it('keeps text that is no date-time, so validation reports it', () => {
    expect(fromInput(dateTime, 'soon', 'UTC')).toBe('soon');
    expect(toInput(dateTime, 'soon', 'UTC')).toBe('');
  });
});

describe('numbers', () => {
  it.each([
    ['42', 42],
    ['-1.5', -1.5],
    ['', undefined],
    ['1e', '1e'],
  ])('%j is stored as %j', (typed, stored) => {
    expect(fromInput(number, typed)).toBe(stored);
  });
});
