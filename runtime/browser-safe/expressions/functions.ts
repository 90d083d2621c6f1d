/** The language's functions: one entry each, with its arity, its type rule and its evaluation. */
import { commonType, expectTypes, ORDERED, type StaticType, type Typed } from './static-types.ts';
import { ExpressionError, type Expression, type ExpressionType, type ExpressionValue as Value } from './types.ts';
import { asNumber, asString, finite, order, roundTo } from './values.ts';

/** One function of the language: how many arguments it takes, what type it gives and how it runs. */
export interface FunctionSpec {
  /** Fewest and most arguments. */
  arity: readonly [number, number];
  /** Whether `run` handles null arguments itself; otherwise any null argument makes the result null. */
  takesNull?: boolean;
  /** The result type for the arguments (their types, offsets and nodes); throws ExpressionError naming the problem. */
  type(args: readonly (Typed & { node: Expression })[]): StaticType;
  /** The result for the arguments' values; `now` is the evaluation's time. */
  run(args: readonly Value[], now: Date): Value;
}

/** A type rule for functions of fixed types: every argument one of `allowed` (or null), and the result `result`. */
function typeRule(fn: string, needs: string, allowed: readonly ExpressionType[], result: ExpressionType) {
  return (args: readonly Typed[]): StaticType => {
    expectTypes({ fn }, needs, allowed, args);
    return result;
  };
}

const FUNCTIONS = {
  if: {
    arity: [3, 3],
    takesNull: true,
    type: ([cond, ...results]) => {
      expectTypes({ fn: 'if' }, 'needs a boolean condition', ['boolean'], [cond!]);
      return commonType({ fn: 'if' }, 'cannot mix', results);
    },
    // An unknown (null) condition takes the "else" result, as SQL's CASE does.
    run: ([cond, a, b]) => (cond === true ? a! : b!),
  },
  coalesce: {
    arity: [2, Infinity],
    takesNull: true,
    type: (args) => commonType({ fn: 'coalesce' }, 'cannot mix', args),
    run: (args) => args.find((v) => v !== null) ?? null,
  },
  round: {
    arity: [1, 2],
    type: ([x, digits]) => {
      expectTypes({ fn: 'round' }, 'needs a number', ['number'], [x!]);
      const d = digits?.node;
      if (d && !(d.kind === 'number' && Number.isInteger(d.value) && d.value >= 0 && d.value <= 10)) {
        const message = '"round" needs a whole number from 0 to 10 as its second argument';
        throw new ExpressionError(message, d.at, 'digits-argument', { fn: 'round', min: 0, max: 10 });
      }
      return 'number';
    },
    run: ([x, digits = 0]) => roundTo(asNumber(x!), asNumber(digits)),
  },
  min: { arity: [2, Infinity], type: (args) => minMaxType('min', args), run: (args) => args.reduce((a, b) => (order(b, a) < 0 ? b : a)) },
  max: { arity: [2, Infinity], type: (args) => minMaxType('max', args), run: (args) => args.reduce((a, b) => (order(b, a) > 0 ? b : a)) },
  abs: { arity: [1, 1], type: typeRule('abs', 'needs a number', ['number'], 'number'), run: ([x]) => finite(Math.abs(asNumber(x!))) },
  daysBetween: {
    arity: [2, 2],
    type: typeRule('daysBetween', 'needs dates', ['date'], 'number'),
    run: ([a, b]) => (Date.parse(`${asString(b!)}T00:00:00Z`) - Date.parse(`${asString(a!)}T00:00:00Z`)) / 86_400_000,
  },
  today: { arity: [0, 0], type: () => 'date', run: (_args, now) => now.toISOString().slice(0, 10) },
  len: { arity: [1, 1], type: typeRule('len', 'needs a string', ['string'], 'number'), run: ([s]) => [...asString(s!)].length },
  lower: { arity: [1, 1], type: typeRule('lower', 'needs a string', ['string'], 'string'), run: ([s]) => asString(s!).toLowerCase() },
  upper: { arity: [1, 1], type: typeRule('upper', 'needs a string', ['string'], 'string'), run: ([s]) => asString(s!).toUpperCase() },
  concat: { arity: [1, Infinity], takesNull: true, type: () => 'string', run: (args) => args.map((v) => (v === null ? '' : String(v))).join('') },
} satisfies Record<string, FunctionSpec>;

/** The names of the language's functions (case-sensitive). */
export type FunctionName = keyof typeof FUNCTIONS;

function minMaxType(name: string, args: readonly Typed[]): StaticType {
  expectTypes({ fn: name }, 'needs numbers, strings or dates', ORDERED, args);
  return commonType({ fn: name }, 'cannot mix', args);
}

/** Whether `name` is one of the language's functions (its own names only, never an inherited property). */
export const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(FUNCTIONS, name);

/** The function called `name`, looked up only among the language's own (a tree from outside may name anything). */
export function functionNamed(name: string, at: number): FunctionSpec {
  if (!isFunctionName(name)) throw new ExpressionError(`Unknown function "${name}"`, at, 'unknown-function', { fn: name });
  return FUNCTIONS[name];
}

/** The error for a call to `name` at `at` with the wrong number of arguments, e.g. `"round" takes 1 or 2 arguments`. */
export function arityError(name: string, [min, max]: readonly [number, number], at: number): ExpressionError {
  const error = (message: string) => new ExpressionError(message, at, 'wrong-arity', { fn: name, min, max: max === Infinity ? null : max });
  if (max === 0) return error(`"${name}" takes no arguments`);
  const count = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (max === Infinity) return error(`"${name}" takes at least ${count(min)}`);
  if (min === max) return error(`"${name}" takes ${count(min)}`);
  return error(`"${name}" takes ${min} or ${max} arguments`);
}
