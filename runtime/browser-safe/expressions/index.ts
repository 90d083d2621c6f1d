/**
 * The small safe language of calculated fields: an owner writes an expression over a record's fields
 * (`amount * probability / 100`, `if(priority = "high", 1, 0)`) and the server parses, checks and evaluates it on every write.
 * A hand-written tokenizer and recursive-descent parser build a plain JSON tree; evaluation only walks that tree.
 * Nothing is ever compiled or run as code, and field values are read only from the caller's own keys.
 */
export { checkExpression, fieldsOf } from './check.ts';
export { evaluate } from './evaluate.ts';
export type { FunctionName } from './functions.ts';
export { parseExpression } from './parse.ts';
export {
  ExpressionError,
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  MAX_EXPRESSION_NODES,
  type BinaryOperator,
  type Expression,
  type ExpressionProblem,
  type ExpressionProblemArgs,
  type ExpressionProblems,
  type ExpressionType,
  type ExpressionValue,
} from './types.ts';
