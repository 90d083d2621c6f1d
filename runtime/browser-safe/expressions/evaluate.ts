/** Evaluation: walks a checked tree over a record's values; data never makes it throw. */
import { checkExpression } from './check.ts';
import { functionNamed } from './functions.ts';
import type { Expression, ExpressionType, ExpressionValue } from './types.ts';
import { asNumber, asString, finite, order } from './values.ts';

type Scope = { fields: Readonly<Record<string, ExpressionType>>; values: Readonly<Record<string, unknown>>; now: Date };

/**
 * The value of `expr` for a record's `values`, read as the `fields` types say (a value of the wrong kind counts as
 * null); `now` is the time today() answers with. Checks `expr` first and throws ExpressionError only when it does not
 * check (a caller's mistake: expressions are checked when saved); data never makes it throw.
 */
export function evaluate(
  expr: Expression,
  fields: Readonly<Record<string, ExpressionType>>,
  values: Readonly<Record<string, unknown>>,
  now: Date,
): ExpressionValue {
  checkExpression(expr, fields);
  return valueOf(expr, { fields, values, now });
}

function valueOf(e: Expression, scope: Scope): ExpressionValue {
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return e.value;
    case 'null':
      return null;
    case 'field':
      return fieldValue(scope, e.name);
    case 'unary': {
      const v = valueOf(e.operand, scope);
      if (v === null) return null;
      return e.op === '-' ? finite(-asNumber(v)) : v !== true;
    }
    case 'binary':
      return binaryValue(e, scope);
    case 'call': {
      const spec = functionNamed(e.fn, e.at);
      const args = e.args.map((a) => valueOf(a, scope));
      if (!spec.takesNull && args.includes(null)) return null;
      return spec.run(args, scope.now);
    }
  }
}

const DATE_TIME =
  /^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[Tt ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?(?:[Zz]|(?<sign>[+-])(?<oh>\d{2}):(?<om>\d{2})))?$/;

/** The UTC calendar day of a `YYYY-MM-DD` date or an RFC 3339 date-time (with its offset); null for anything else. */
function utcDay(text: string): string | null {
  const parts = DATE_TIME.exec(text)?.groups;
  if (!parts) return null;
  const n = (name: string) => Number(parts[name] ?? 0);
  if (n('h') > 23 || n('mi') > 59 || n('s') > 60 || n('oh') > 23 || n('om') > 59) return null;
  const day = new Date(Date.UTC(n('y'), n('mo') - 1, n('d')));
  // Date.UTC rolls 2024-02-30 over into March; only a real day survives the round trip.
  if (day.toISOString().slice(0, 10) !== text.slice(0, 10)) return null;
  const offset = (parts.sign === '-' ? -1 : 1) * (n('oh') * 60 + n('om'));
  return new Date(day.getTime() + (n('h') * 60 + n('mi') - offset) * 60_000).toISOString().slice(0, 10);
}

/** A field's value when the record owns it and it has the field's type (a date as its UTC day); null otherwise. */
function fieldValue({ fields, values }: Scope, name: string): ExpressionValue {
  const raw = Object.hasOwn(values, name) ? values[name] : undefined;
  switch (Object.hasOwn(fields, name) ? fields[name] : undefined) {
    case 'number':
      return typeof raw === 'number' ? finite(raw) : null;
    case 'string':
      return typeof raw === 'string' ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'date':
      return typeof raw === 'string' ? utcDay(raw) : null;
    default:
      throw new Error(`Expression evaluation found no type for the field "${name}"`);
  }
}

function binaryValue(e: Extract<Expression, { kind: 'binary' }>, scope: Scope): ExpressionValue {
  // Against a literal null, = and != ask whether the other side is empty.
  if ((e.op === '=' || e.op === '!=') && (e.left.kind === 'null' || e.right.kind === 'null')) {
    const empty = valueOf(e.left.kind === 'null' ? e.right : e.left, scope) === null;
    return e.op === '=' ? empty : !empty;
  }
  const [l, r] = [valueOf(e.left, scope), valueOf(e.right, scope)];
  if (e.op === 'and' || e.op === 'or') {
    // Three-valued, as in SQL: false decides "and", true decides "or", even when the other side is unknown.
    const decisive = e.op === 'or';
    if (l === decisive || r === decisive) return decisive;
    return l === null || r === null ? null : !decisive;
  }
  if (l === null || r === null) return null;
  switch (e.op) {
    case '+':
      return typeof l === 'string' ? l + asString(r) : finite(asNumber(l) + asNumber(r));
    case '-':
      return finite(asNumber(l) - asNumber(r));
    case '*':
      return finite(asNumber(l) * asNumber(r));
    case '/':
      return r === 0 ? null : finite(asNumber(l) / asNumber(r));
    case '%':
      return r === 0 ? null : finite(asNumber(l) % asNumber(r));
    case '=':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return order(l, r) < 0;
    case '<=':
      return order(l, r) <= 0;
    case '>':
      return order(l, r) > 0;
    case '>=':
      return order(l, r) >= 0;
  }
}
