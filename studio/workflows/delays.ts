/** Delays of `after` transitions: ISO-8601 durations (`P3D`, `PT4H`) or milliseconds, read into parts people can name. */

export type DelayUnitName = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';
/** One part of a delay: "3 days". */
export interface DelayPart {
  n: number;
  unit: DelayUnitName;
}
/** The units the designer offers for a new delay. */
export const DELAY_UNITS = ['minute', 'hour', 'day', 'week'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];

const ISO = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const ISO_UNITS: readonly DelayUnitName[] = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/** The non-zero parts of a delay, largest first; `[]` for a zero delay, null for text that is no delay. */
export function delayParts(delay: string): DelayPart[] | null {
  if (/^\d{1,12}$/.test(delay)) {
    const n = Number(delay);
    return n === 0 ? [] : [{ n, unit: 'millisecond' }];
  }
  const m = ISO.exec(delay);
  if (!m) return null;
  return ISO_UNITS.flatMap((unit, i) => {
    const n = Number(m[i + 1] ?? 0);
    return n ? [{ n, unit }] : [];
  });
}

/** A delay of one unit the designer offers ("P3D" → 3 days), or null when it is anything else. */
export function simpleDelay(delay: string): { n: number; unit: DelayUnit } | null {
  const parts = delayParts(delay);
  const only = parts?.length === 1 ? parts[0]! : null;
  return only && (DELAY_UNITS as readonly string[]).includes(only.unit) ? { n: only.n, unit: only.unit as DelayUnit } : null;
}

/** The ISO-8601 duration of `n` units: 3 days → "P3D", 4 hours → "PT4H". */
export function delayOf(n: number, unit: DelayUnit): string {
  const whole = Math.max(1, Math.round(n));
  return { minute: `PT${whole}M`, hour: `PT${whole}H`, day: `P${whole}D`, week: `P${whole}W` }[unit];
}

const MS: readonly [DelayUnitName, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];
/** Milliseconds in the largest unit that divides them: 259200000 → 3 days. */
export function msParts(ms: number): DelayPart[] {
  if (ms === 0) return [];
  const [unit, size] = MS.find(([, size]) => ms % size === 0) ?? ['millisecond', 1];
  return [{ n: ms / size, unit }];
}
