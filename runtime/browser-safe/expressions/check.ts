/** The static type check of a parsed tree against its fields' types, and the fields a tree reads. */
import { functionNamed } from './functions.ts';
import { commonType, expectTypes, ORDERED, type StaticType, type Typed } from './static-types.ts';
import { ExpressionError, type BinaryOperator, type Expression, type ExpressionType } from './types.ts';

/**
 * The type of `expr` given its fields' types; throws ExpressionError naming the unknown field, or the operator or
 * function and the types it cannot take. An expression that is always null has no type and is refused too.
 */
export function checkExpression(expr: Expression, fields: Readonly<Record<string, ExpressionType>>): ExpressionType {
  const type = typeOf(expr, fields);
  if (type === 'null') throw new ExpressionError('Expression is always null', expr.at, 'always-null', {});
  return type;
}

function typeOf(e: Expression, fields: Readonly<Record<string, ExpressionType>>): StaticType {
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return e.kind;
    case 'null':
      return 'null';
    case 'field':
      if (!Object.hasOwn(fields, e.name)) throw new ExpressionError(`Unknown field "${e.name}"`, e.at, 'unknown-field', { field: e.name });
      return fields[e.name]!;
    case 'unary': {
      const operand = { type: typeOf(e.operand, fields), at: e.at };
      if (e.op === '-') expectTypes({ operator: '-' }, 'needs a number', ['number'], [operand]);
      else expectTypes({ operator: 'not' }, 'needs a boolean', ['boolean'], [operand]);
      return e.op === '-' ? 'number' : 'boolean';
    }
    case 'binary':
      return binaryType(e.op, [typeOf(e.left, fields), typeOf(e.right, fields)], e.at);
    case 'call':
      return functionNamed(e.fn, e.at).type(e.args.map((node) => ({ type: typeOf(node, fields), at: node.at, node })));
    default: {
      const kind = String((e as { kind: unknown }).kind);
      throw new ExpressionError(`Unknown kind of expression "${kind}"`, 0, 'unknown-node', { kind });
    }
  }
}

function binaryType(op: BinaryOperator, [left, right]: readonly StaticType[], at: number): StaticType {
  const sides: Typed[] = [
    { type: left!, at },
    { type: right!, at },
  ];
  const who = { operator: op };
  switch (op) {
    case 'and':
    case 'or':
      expectTypes(who, 'needs booleans', ['boolean'], sides);
      return 'boolean';
    case '=':
    case '!=':
      commonType(who, 'cannot compare', sides);
      return 'boolean';
    case '<':
    case '<=':
    case '>':
    case '>=':
      expectTypes(who, 'needs numbers, strings or dates', ORDERED, sides);
      commonType(who, 'cannot compare', sides);
      return 'boolean';
    case '+':
      expectTypes(who, 'needs numbers or strings', ['number', 'string'], sides);
      return commonType(who, 'cannot add', sides);
    case '-':
    case '*':
    case '/':
    case '%':
      expectTypes(who, 'needs numbers', ['number'], sides);
      return 'number';
    default:
      throw new ExpressionError(`Unknown operator "${who.operator}"`, at, 'unknown-operator', who);
  }
}

/** The names of the fields `expr` reads, sorted and each once: what to recompute it after. */
export function fieldsOf(expr: Expression): string[] {
  const names = new Set<string>();
  const visit = (e: Expression): void => {
    if (e.kind === 'field') names.add(e.name);
    else if (e.kind === 'unary') visit(e.operand);
    else if (e.kind === 'binary') [e.left, e.right].forEach(visit);
    else if (e.kind === 'call') e.args.forEach(visit);
  };
  visit(expr);
  return [...names].sort();
}
