/** The static types the checker and the functions' type rules share, and the two rules both build on. */
import { ExpressionError, type ExpressionType } from './types.ts';

/** A static type; `null` is the type of the literal `null` (and of what is always null), which fits any other type. */
export type StaticType = ExpressionType | 'null';
/** A static type and where to point at it in messages. */
export type Typed = { type: StaticType; at: number };
/** Whose operands or arguments are checked: an operator's or a function's. */
export type Subject = { operator: string } | { fn: string };

/** The types that have an order: what `<` and friends, min and max take. */
export const ORDERED: readonly ExpressionType[] = ['number', 'string', 'date'];

const nameOf = (who: Subject) => `"${'operator' in who ? who.operator : who.fn}"`;

/** Throws unless every type but null is one of `allowed`: `"+" needs numbers or strings, not a date`, at the first one that is not. */
export function expectTypes(who: Subject, needs: string, allowed: readonly ExpressionType[], items: readonly Typed[]): void {
  const wrong = items.find((i) => i.type !== 'null' && !allowed.includes(i.type));
  if (!wrong) return;
  const actual = wrong.type as ExpressionType;
  const message = `${nameOf(who)} ${needs}, not a ${actual}`;
  if ('operator' in who) throw new ExpressionError(message, wrong.at, 'operand-types', { operator: who.operator, expected: [...allowed], actual });
  throw new ExpressionError(message, wrong.at, 'argument-types', { fn: who.fn, expected: [...allowed], actual });
}

/** The one type of `items` (null fits any; null when all are null); throws `"+" cannot add a number and a string` otherwise. */
export function commonType(who: Subject, cannot: string, items: readonly Typed[]): StaticType {
  const known = items.filter((i) => i.type !== 'null');
  const other = known.find((i) => i.type !== known[0]!.type);
  if (!other) return known[0]?.type ?? 'null';
  const [first, second] = [known[0]!.type as ExpressionType, other.type as ExpressionType];
  const message = `${nameOf(who)} ${cannot} a ${first} and a ${second}`;
  if ('operator' in who) throw new ExpressionError(message, other.at, 'operands-differ', { operator: who.operator, first, second });
  throw new ExpressionError(message, other.at, 'arguments-differ', { fn: who.fn, first, second });
}
