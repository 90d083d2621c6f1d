/** The language's public shapes: value and field types, the parsed tree, its error, and the limits on its size. */
import type { FunctionName } from './functions.ts';

/** The types of fields and expressions; a date is a day (`YYYY-MM-DD`), and a date-time field counts as a date. */
export type ExpressionType = 'number' | 'string' | 'boolean' | 'date';

/** What an expression evaluates to: a date as `YYYY-MM-DD`; null where a value is missing or undefined (division by zero). */
export type ExpressionValue = number | string | boolean | null;

/** Binary operators, loosest first: `or`; `and`; comparisons; `+ -`; `* / %` (`not` sits between `and` and comparisons). */
export type BinaryOperator = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** A parsed expression: a plain JSON tree; `at` is the character offset of the node's token (operator, name or literal). */
export type Expression =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'boolean'; value: boolean; at: number }
  | { kind: 'null'; at: number }
  | { kind: 'field'; name: string; at: number }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expression; at: number }
  | { kind: 'binary'; op: BinaryOperator; left: Expression; right: Expression; at: number }
  | { kind: 'call'; fn: FunctionName; args: Expression[]; at: number };

/** Each kind of problem with an expression (its `code`), with the values its message names (its `params`). */
export type ExpressionProblems = {
  'too-long': { limit: number };
  empty: Record<string, never>;
  'unexpected-character': { character: string; at: number };
  'unknown-escape': { escape: string; at: number };
  'unclosed-string': { at: number };
  'number-too-large': { at: number };
  'unexpected-token': { token: string; at: number };
  'unexpected-string': { at: number };
  'chained-comparison': { operator: string; at: number };
  'expected-value': { at: number };
  'expected-token': { token: string; at: number };
  'expected-call': { fn: string; at: number };
  'unknown-function': { fn: string };
  /** `max` is null when the function takes any number of arguments from `min` up. */
  'wrong-arity': { fn: string; min: number; max: number | null };
  'too-deep': { limit: number };
  'too-many-parts': { limit: number };
  'unknown-field': { field: string };
  'operand-types': { operator: string; expected: readonly ExpressionType[]; actual: ExpressionType };
  'operands-differ': { operator: string; first: ExpressionType; second: ExpressionType };
  'argument-types': { fn: string; expected: readonly ExpressionType[]; actual: ExpressionType };
  'arguments-differ': { fn: string; first: ExpressionType; second: ExpressionType };
  'digits-argument': { fn: string; min: number; max: number };
  'always-null': Record<string, never>;
  'unknown-operator': { operator: string };
  'unknown-node': { kind: string };
};

/** The stable, machine-readable kind of an ExpressionError, for showing it in another language. */
export type ExpressionProblem = keyof ExpressionProblems;

/** A problem's code with its params, as ExpressionError takes them. */
export type ExpressionProblemArgs = { [C in ExpressionProblem]: [code: C, params: ExpressionProblems[C]] }[ExpressionProblem];

/** A problem with an expression's text or types: in plain English, at character offset `at`, and as `code` and `params`. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  readonly at: number;
  readonly code: ExpressionProblem;
  readonly params: ExpressionProblems[ExpressionProblem];
  constructor(message: string, at: number, ...[code, params]: ExpressionProblemArgs) {
    super(message);
    this.at = at;
    this.code = code;
    this.params = params;
  }
}

/** Limits on an expression: characters of text, levels of nesting (brackets, calls, unary operators) and nodes of its tree. */
export const MAX_EXPRESSION_LENGTH = 1000;
export const MAX_EXPRESSION_DEPTH = 32;
export const MAX_EXPRESSION_NODES = 200;
