/** The recursive-descent parser: tokens to a plain JSON tree, within the length, nesting and size limits. */
import { arityError, functionNamed, isFunctionName, type FunctionName } from './functions.ts';
import { isOperator, syntaxError, tokenize, type Token } from './tokenize.ts';
import { ExpressionError, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_NODES, type BinaryOperator, type Expression } from './types.ts';

const KEYWORDS = ['true', 'false', 'null', 'and', 'or', 'not'];
const COMPARISONS: readonly string[] = ['=', '!=', '<', '<=', '>', '>='];

/** Recursive descent, one method per precedence level; `depth` and `nodes` enforce the limits as the tree grows. */
class Parser {
  private readonly tokens: readonly Token[];
  private next = 0;
  private depth = 0;
  private nodes = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  whole(): Expression {
    const expr = this.or();
    const rest = this.peek();
    if (rest.kind === 'string') throw syntaxError('Unexpected string', 'unexpected-string', { at: rest.at });
    if (rest.kind !== 'end') throw syntaxError(`Unexpected "${rest.text}"`, 'unexpected-token', { token: rest.text, at: rest.at });
    return expr;
  }

  private or(): Expression {
    return this.binary(['or'], () => this.and());
  }

  private and(): Expression {
    return this.binary(['and'], () => this.not());
  }

  private not(): Expression {
    const t = this.peek();
    if (!isOperator(t, ['not'])) return this.comparison();
    this.next++;
    return this.node({ kind: 'unary', op: 'not', operand: this.nested(t.at, () => this.not()), at: t.at });
  }

  private comparison(): Expression {
    const left = this.binary(['+', '-'], () => this.term());
    const t = this.peek();
    if (!isOperator(t, COMPARISONS)) return left;
    this.next++;
    const right = this.binary(['+', '-'], () => this.term());
    const after = this.peek();
    if (isOperator(after, COMPARISONS)) {
      const message = `Unexpected "${after.text}" at ${after.at}: comparisons cannot be chained, join them with "and"`;
      throw new ExpressionError(message, after.at, 'chained-comparison', { operator: after.text, at: after.at });
    }
    return this.node({ kind: 'binary', op: t.text as BinaryOperator, left, right, at: t.at });
  }

  private term(): Expression {
    return this.binary(['*', '/', '%'], () => this.unary());
  }

  private unary(): Expression {
    const t = this.peek();
    if (!isOperator(t, ['-'])) return this.primary();
    this.next++;
    return this.node({ kind: 'unary', op: '-', operand: this.nested(t.at, () => this.unary()), at: t.at });
  }

  private primary(): Expression {
    const t = this.peek();
    this.next++;
    if (t.kind === 'number') {
      const value = Number(t.value);
      if (!Number.isFinite(value)) throw syntaxError('Number is too large', 'number-too-large', { at: t.at });
      return this.node({ kind: 'number', value, at: t.at });
    }
    if (t.kind === 'string') return this.node({ kind: 'string', value: t.value, at: t.at });
    if (t.kind === 'name' && (t.text === 'true' || t.text === 'false')) return this.node({ kind: 'boolean', value: t.text === 'true', at: t.at });
    if (t.kind === 'name' && t.text === 'null') return this.node({ kind: 'null', at: t.at });
    if (t.kind === 'name' && !KEYWORDS.includes(t.text)) return this.nameOrCall(t);
    if (isOperator(t, ['('])) {
      const inner = this.nested(t.at, () => this.or());
      this.expect(')');
      return inner;
    }
    throw syntaxError('Expected a value', 'expected-value', { at: t.at });
  }

  /** A field, or a call when a bracket follows; a function's name is never a field. */
  private nameOrCall(t: Token): Expression {
    const isCall = isOperator(this.peek(), ['(']);
    if (!isCall && !isFunctionName(t.text)) return this.node({ kind: 'field', name: t.text, at: t.at });
    if (!isCall) throw syntaxError(`Expected "(" after "${t.text}"`, 'expected-call', { fn: t.text, at: this.peek().at });
    const spec = functionNamed(t.text, t.at);
    this.next++;
    const args = this.nested(t.at, () => this.arguments());
    this.expect(')');
    if (args.length < spec.arity[0] || args.length > spec.arity[1]) throw arityError(t.text, spec.arity, t.at);
    return this.node({ kind: 'call', fn: t.text as FunctionName, args, at: t.at });
  }

  private arguments(): Expression[] {
    const args: Expression[] = [];
    if (isOperator(this.peek(), [')'])) return args;
    args.push(this.or());
    while (isOperator(this.peek(), [','])) {
      this.next++;
      args.push(this.or());
    }
    return args;
  }

  /** A left-associative run of `ops` between operands parsed by `operand`. */
  private binary(ops: readonly BinaryOperator[], operand: () => Expression): Expression {
    let left = operand();
    for (let t = this.peek(); isOperator(t, ops); t = this.peek()) {
      this.next++;
      left = this.node({ kind: 'binary', op: t.text as BinaryOperator, left, right: operand(), at: t.at });
    }
    return left;
  }

  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      throw new ExpressionError(`Expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep`, at, 'too-deep', { limit: MAX_EXPRESSION_DEPTH });
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private node<T extends Expression>(node: T): T {
    if (++this.nodes > MAX_EXPRESSION_NODES) {
      throw new ExpressionError(`Expression has more than ${MAX_EXPRESSION_NODES} parts`, node.at, 'too-many-parts', { limit: MAX_EXPRESSION_NODES });
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.next]!;
  }

  private expect(symbol: string): void {
    const t = this.peek();
    if (!isOperator(t, [symbol])) throw syntaxError(`Expected "${symbol}"`, 'expected-token', { token: symbol, at: t.at });
    this.next++;
  }
}

/**
 * Parses an expression's text into its tree. Throws ExpressionError for a problem with the text itself (syntax,
 * unknown function, wrong number of arguments, or text over the length, nesting or size limits); types are checkExpression's job.
 */
export function parseExpression(text: string): Expression {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    const message = `Expression is longer than ${MAX_EXPRESSION_LENGTH} characters`;
    throw new ExpressionError(message, MAX_EXPRESSION_LENGTH, 'too-long', { limit: MAX_EXPRESSION_LENGTH });
  }
  const tokens = tokenize(text);
  if (tokens.length === 1) throw new ExpressionError('Expression is empty', 0, 'empty', {});
  return new Parser(tokens).whole();
}
