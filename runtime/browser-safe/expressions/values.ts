/** Number and value helpers shared by the functions and the evaluator. */
import type { ExpressionValue as Value } from './types.ts';

/** Numbers leave the language finite and without a negative zero (JSON and storage know neither). */
export const finite = (n: number): number | null => (Number.isFinite(n) ? n + 0 : null);

// The evaluator runs only checked trees, so a value of the wrong kind here is a bug in this module, not in the data.
/** `v` as a number; throws (a bug, never the data's fault) when it is not one. */
export function asNumber(v: Value): number {
  if (typeof v !== 'number') throw new Error(`Expression evaluation expected a number, not ${typeof v}`);
  return v;
}
/** `v` as a string; throws (a bug, never the data's fault) when it is not one. */
export function asString(v: Value): string {
  if (typeof v !== 'string') throw new Error(`Expression evaluation expected a string, not ${typeof v}`);
  return v;
}

/** Orders two numbers or two strings (dates are `YYYY-MM-DD` strings, so text order is day order). */
export function order(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [asString(a), asString(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rounds half away from zero, shifting the decimal point in the number's shortest decimal form so 1.005 rounds to 1.01. */
export function roundTo(x: number, digits: number): number | null {
  if (Number.isInteger(x)) return finite(x);
  const [mantissa, exponent = '0'] = String(Math.abs(x)).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + digits}`);
  return finite((Math.sign(x) * Math.round(shifted)) / 10 ** digits);
}
