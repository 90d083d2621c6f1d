import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  evaluate,
  ExpressionError,
  fieldsOf,
  parseExpression,
  type Expression,
  type ExpressionProblem,
  type ExpressionType,
} from '../../runtime/browser-safe/expressions/index.ts';

const FIELDS: Record<string, ExpressionType> = {
  amount: 'number',
  probability: 'number',
  discount: 'number',
  zero: 'number',
  name: 'string',
  priority: 'string',
  flag: 'boolean',
  closeDate: 'date',
  createdAt: 'date',
};
const RECORD = { amount: 1000, probability: 25, discount: null, zero: 0, name: 'Acme', priority: 'high', flag: true, closeDate: '2024-06-30' };
const NOW = new Date('2024-05-10T22:00:00Z');

/** Parses, checks and evaluates `text` over RECORD (or `values`) as the runtime does on a write. */
function run(text: string, values: Record<string, unknown> = RECORD, fields: Record<string, ExpressionType> = FIELDS) {
  const expr = parseExpression(text);
  checkExpression(expr, fields);
  return evaluate(expr, fields, values, NOW);
}

/** The ExpressionError `act` throws. */
function thrown(act: () => unknown): ExpressionError {
  try {
    act();
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return e as ExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

/** The error `act` throws, so a case can compare its message and offset. */
function errorOf(act: () => unknown): { message: string; at: number } {
  const { message, at } = thrown(act);
  return { message, at };
}

/** The code and params of the error `act` throws: what the studio shows it by, in any language. */
function problemOf(act: () => unknown): { code: ExpressionProblem; params: unknown } {
  const { code, params } = thrown(act);
  return { code, params };
}

describe('operators and precedence', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 2', 5],
    ['2 * 7 % 4', 2],
    ['7 % 4 * 2', 6],
    ['-2 * 3', -6],
    ['- -2', 2],
    ['2 - -3', 5],
    ['0.5 + 0.25', 0.75],
    ['007', 7],
    ['amount * probability / 100', 250],
    ['"ab" + "cd"', 'abcd'],
    ['1 + 2 = 3 and 2 < 3', true],
    ['true or false and false', true],
    ['(true or false) and false', false],
    ['not 1 = 2', true],
    ['not true or true', true],
    ['not (true or true)', false],
    ['not not flag', true],
    ['1 != 2', true],
    ['2 <= 2', true],
    ['2 >= 3', false],
    ['2 > 1', true],
    ['"apple" < "banana"', true],
    ['"B" < "a"', true],
    ['closeDate > createdAt', true],
    ['flag = true', true],
    ['priority = "high"', true],
    ['priority = "High"', false],
  ])('%s → %j', (text, expected) => {
    expect(run(text, { ...RECORD, createdAt: '2024-01-15T09:00:00Z' })).toEqual(expected);
  });

  it('keeps the full precision of a number result', () => {
    expect(run('0.1 + 0.2')).toBe(0.1 + 0.2);
    expect(run('10 / 3')).toBe(10 / 3);
  });

  it('gives zero, never a negative zero', () => {
    expect(Object.is(run('0 * -1'), 0)).toBe(true);
    expect(Object.is(run('round(-0.4)'), 0)).toBe(true);
  });
});

describe('literals', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"\\\\\\""', '\\"'],
    ['""', ''],
    ['"a, b (c)"', 'a, b (c)'],
    ['true', true],
    ['false', false],
    ['12', 12],
    ['  12\n', 12],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});

describe('functions', () => {
  it.each([
    ['if(priority = "high", 1, 0)', 1],
    ['if(priority = "low", 1, 0)', 0],
    ['if(flag, name, null)', 'Acme'],
    ['if(not flag, name, null)', null],
    ['if(discount > 0, 1, 2)', 2],
    ['coalesce(discount, 0)', 0],
    ['coalesce(amount, 0)', 1000],
    ['coalesce(discount, null, 5, 6)', 5],
    ['coalesce(closeDate, today())', '2024-06-30'],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(2.4)', 2],
    ['round(1.005, 2)', 1.01],
    ['round(1234.5678, 2)', 1234.57],
    ['round(-1234.5678, 1)', -1234.6],
    ['round(10 / 3, 10)', 3.3333333333],
    ['round(0.000000123456, 8)', 0.00000012],
    ['round(amount, 0)', 1000],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['min("b", "a")', 'a'],
    ['max(closeDate, today())', '2024-06-30'],
    ['min(closeDate, today())', '2024-05-10'],
    ['abs(-4.5)', 4.5],
    ['abs(4)', 4],
    ['daysBetween(today(), closeDate)', 51],
    ['daysBetween(closeDate, today())', -51],
    ['daysBetween(closeDate, closeDate)', 0],
    ['today()', '2024-05-10'],
    ['len(name)', 4],
    ['len("")', 0],
    ['len("😀a")', 2],
    ['lower(name)', 'acme'],
    ['upper(name)', 'ACME'],
    ['concat(name, " ", amount, " ", flag, " ", closeDate)', 'Acme 1000 true 2024-06-30'],
    ['concat(discount, name, null)', 'Acme'],
    ['concat(1.5)', '1.5'],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('counts days between the UTC calendar dates of date-times', () => {
    const values = { closeDate: '2024-03-01', createdAt: '2024-03-01T23:30:00-02:00' };
    expect(run('daysBetween(closeDate, createdAt)', values)).toBe(1);
    expect(run('daysBetween(createdAt, closeDate)', values)).toBe(-1);
    expect(run('daysBetween(closeDate, createdAt)', { ...values, createdAt: '2024-03-01T00:30:00+01:00' })).toBe(-1);
    expect(run('daysBetween(closeDate, createdAt)', { ...values, createdAt: '2024-03-31T10:15:30.123456Z' })).toBe(30);
    expect(run('daysBetween(closeDate, createdAt)', { closeDate: '2023-03-01', createdAt: '2024-03-01T12:00Z' })).toBe(366);
  });

  it('returns a date-time field as its UTC day', () => {
    expect(run('coalesce(createdAt, closeDate)', { createdAt: '2024-03-01T23:30:00-02:00' })).toBe('2024-03-02');
  });
});

describe('null', () => {
  it.each([
    ['amount + 1', { amount: null }, null],
    ['amount + 1', {}, null],
    ['-amount', {}, null],
    ['name + "x"', {}, null],
    ['amount > 1', {}, null],
    ['amount = 1', {}, null],
    ['amount != 1', {}, null],
    ['amount = null', {}, true],
    ['amount = null', { amount: 0 }, false],
    ['null = amount', { amount: 0 }, false],
    ['amount != null', {}, false],
    ['amount != null', { amount: 3 }, true],
    ['name = null', { name: '' }, false],
    ['null = null', {}, true],
    ['null + 1', {}, null],
    ['not flag', {}, null],
    ['flag and true', {}, null],
    ['flag and false', {}, false],
    ['false and flag', {}, false],
    ['flag or true', {}, true],
    ['flag or false', {}, null],
    ['if(flag, 1, 2)', {}, 2],
    ['if(flag, amount, 2)', { flag: true }, null],
    ['coalesce(amount, discount)', {}, null],
    ['round(amount)', {}, null],
    ['round(amount, 2)', {}, null],
    ['min(amount, 1)', {}, null],
    ['max(1, amount)', {}, null],
    ['abs(amount)', {}, null],
    ['daysBetween(closeDate, today())', {}, null],
    ['len(name)', {}, null],
    ['lower(name)', {}, null],
    ['upper(name)', {}, null],
  ])('%s over %j → %j', (text, values, expected) => {
    expect(run(text, values)).toEqual(expected);
  });

  it.each([
    ['amount', { amount: '12' }],
    ['amount', { amount: Number.POSITIVE_INFINITY }],
    ['amount', { amount: Number.NaN }],
    ['name', { name: 12 }],
    ['flag', { flag: 'true' }],
    ['flag', { flag: 1 }],
    ['closeDate', { closeDate: 'tomorrow' }],
    ['closeDate', { closeDate: '2024-02-30' }],
    ['closeDate', { closeDate: '2024-13-01' }],
    ['closeDate', { closeDate: '2024-01-01T25:00:00Z' }],
    ['closeDate', { closeDate: '2024-01-01T10:00:00' }],
    ['closeDate', { closeDate: 20240101 }],
    ['amount + 1', { amount: [1] }],
    ['len(name)', { name: { length: 3 } }],
  ])('a value of the wrong kind counts as null: %s over %j', (text, values) => {
    expect(run(text, values)).toBeNull();
  });

  it('reads valid dates and date-times', () => {
    expect(run('closeDate', { closeDate: '2024-02-29' })).toBe('2024-02-29');
    expect(run('closeDate', { closeDate: '2024-12-31T23:59:59.999+00:00' })).toBe('2024-12-31');
    expect(run('closeDate', { closeDate: '2024-12-31T23:00Z' })).toBe('2024-12-31');
    expect(run('closeDate', { closeDate: '2024-12-31T20:00:00-05:00' })).toBe('2025-01-01');
  });
});

describe('division by zero and results out of range', () => {
  it.each([
    ['1 / 0', null],
    ['0 / 0', null],
    ['5 % 0', null],
    ['amount / zero', null],
    ['coalesce(amount / zero, -1)', -1],
    ['7 % 3', 1],
    ['-7 % 3', -1],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('gives null for a result that is not a finite number', () => {
    expect(run('amount * 10', { amount: 1e308 })).toBeNull();
    expect(run('amount + amount', { amount: 1.5e308 })).toBeNull();
    expect(run('-amount - amount', { amount: 1.5e308 })).toBeNull();
    expect(run('round(amount, 10)', { amount: 1e300 })).toBe(1e300);
  });
});

describe('parse errors name the problem and where it is', () => {
  it.each([
    ['', 'Expression is empty', 0, 'empty', {}],
    ['   ', 'Expression is empty', 0, 'empty', {}],
    ['1 +', 'Expected a value at 3', 3, 'expected-value', { at: 3 }],
    ['1 + )', 'Expected a value at 4', 4, 'expected-value', { at: 4 }],
    ['and', 'Expected a value at 0', 0, 'expected-value', { at: 0 }],
    ['1 == 2', 'Expected a value at 3', 3, 'expected-value', { at: 3 }],
    ['(1 + 2', 'Expected ")" at 6', 6, 'expected-token', { token: ')', at: 6 }],
    ['round(1, 2', 'Expected ")" at 10', 10, 'expected-token', { token: ')', at: 10 }],
    ['1 + 2)', 'Unexpected ")" at 5', 5, 'unexpected-token', { token: ')', at: 5 }],
    ['amount amount', 'Unexpected "amount" at 7', 7, 'unexpected-token', { token: 'amount', at: 7 }],
    ['1 "a"', 'Unexpected string at 2', 2, 'unexpected-string', { at: 2 }],
    ['1 # 2', 'Unexpected character "#" at 2', 2, 'unexpected-character', { character: '#', at: 2 }],
    ['!flag', 'Unexpected character "!" at 0', 0, 'unexpected-character', { character: '!', at: 0 }],
    ['12.', 'Unexpected character "." at 2', 2, 'unexpected-character', { character: '.', at: 2 }],
    ['"abc', 'Unclosed string at 0', 0, 'unclosed-string', { at: 0 }],
    ['x + "abc\\"', 'Unclosed string at 4', 4, 'unclosed-string', { at: 4 }],
    ['"a\\nb"', 'Unknown escape "\\n" at 2', 2, 'unknown-escape', { escape: '\\n', at: 2 }],
    ['1' + '0'.repeat(400), 'Number is too large at 0', 0, 'number-too-large', { at: 0 }],
    ['1 + sqrt(4)', 'Unknown function "sqrt"', 4, 'unknown-function', { fn: 'sqrt' }],
    ['Round(1)', 'Unknown function "Round"', 0, 'unknown-function', { fn: 'Round' }],
    ['round + 1', 'Expected "(" after "round" at 6', 6, 'expected-call', { fn: 'round', at: 6 }],
    ['if(true, 1)', '"if" takes 3 arguments', 0, 'wrong-arity', { fn: 'if', min: 3, max: 3 }],
    ['abs()', '"abs" takes 1 argument', 0, 'wrong-arity', { fn: 'abs', min: 1, max: 1 }],
    ['daysBetween(closeDate)', '"daysBetween" takes 2 arguments', 0, 'wrong-arity', { fn: 'daysBetween', min: 2, max: 2 }],
    ['today(1)', '"today" takes no arguments', 0, 'wrong-arity', { fn: 'today', min: 0, max: 0 }],
    ['round(1, 2, 3)', '"round" takes 1 or 2 arguments', 0, 'wrong-arity', { fn: 'round', min: 1, max: 2 }],
    ['coalesce(amount)', '"coalesce" takes at least 2 arguments', 0, 'wrong-arity', { fn: 'coalesce', min: 2, max: null }],
    ['concat()', '"concat" takes at least 1 argument', 0, 'wrong-arity', { fn: 'concat', min: 1, max: null }],
    ['1 < 2 < 3', 'Unexpected "<" at 6: comparisons cannot be chained, join them with "and"', 6, 'chained-comparison', { operator: '<', at: 6 }],
  ] as [string, string, number, ExpressionProblem, object][])('%j → %s', (text, message, at, code, params) => {
    expect(errorOf(() => parseExpression(text))).toEqual({ message, at });
    expect(problemOf(() => parseExpression(text))).toEqual({ code, params });
  });
});

describe('type errors name the field, operator or function', () => {
  it.each([
    ['amout + 1', 'Unknown field "amout"', 0, 'unknown-field', { field: 'amout' }],
    ['amount + name', '"+" cannot add a number and a string', 7, 'operands-differ', { operator: '+', first: 'number', second: 'string' }],
    ['closeDate + 1', '"+" needs numbers or strings, not a date', 10, 'operand-types', { operator: '+', expected: ['number', 'string'], actual: 'date' }],
    ['flag + flag', '"+" needs numbers or strings, not a boolean', 5, 'operand-types', { operator: '+', expected: ['number', 'string'], actual: 'boolean' }],
    ['name * 2', '"*" needs numbers, not a string', 5, 'operand-types', { operator: '*', expected: ['number'], actual: 'string' }],
    ['amount - "1"', '"-" needs numbers, not a string', 7, 'operand-types', { operator: '-', expected: ['number'], actual: 'string' }],
    ['amount / flag', '"/" needs numbers, not a boolean', 7, 'operand-types', { operator: '/', expected: ['number'], actual: 'boolean' }],
    ['amount % name', '"%" needs numbers, not a string', 7, 'operand-types', { operator: '%', expected: ['number'], actual: 'string' }],
    [
      'flag < true',
      '"<" needs numbers, strings or dates, not a boolean',
      5,
      'operand-types',
      { operator: '<', expected: ['number', 'string', 'date'], actual: 'boolean' },
    ],
    ['closeDate < "2024-01-01"', '"<" cannot compare a date and a string', 10, 'operands-differ', { operator: '<', first: 'date', second: 'string' }],
    ['amount = "1000"', '"=" cannot compare a number and a string', 7, 'operands-differ', { operator: '=', first: 'number', second: 'string' }],
    ['amount and flag', '"and" needs booleans, not a number', 7, 'operand-types', { operator: 'and', expected: ['boolean'], actual: 'number' }],
    ['flag or name', '"or" needs booleans, not a string', 5, 'operand-types', { operator: 'or', expected: ['boolean'], actual: 'string' }],
    ['not amount', '"not" needs a boolean, not a number', 0, 'operand-types', { operator: 'not', expected: ['boolean'], actual: 'number' }],
    ['-name', '"-" needs a number, not a string', 0, 'operand-types', { operator: '-', expected: ['number'], actual: 'string' }],
    ['if(amount, 1, 2)', '"if" needs a boolean condition, not a number', 3, 'argument-types', { fn: 'if', expected: ['boolean'], actual: 'number' }],
    ['if(flag, 1, "x")', '"if" cannot mix a number and a string', 12, 'arguments-differ', { fn: 'if', first: 'number', second: 'string' }],
    [
      'coalesce(amount, null, "0")',
      '"coalesce" cannot mix a number and a string',
      23,
      'arguments-differ',
      { fn: 'coalesce', first: 'number', second: 'string' },
    ],
    ['round(name)', '"round" needs a number, not a string', 6, 'argument-types', { fn: 'round', expected: ['number'], actual: 'string' }],
    ['round(amount, probability)', '"round" needs a whole number from 0 to 10 as its second argument', 14, 'digits-argument', { fn: 'round', min: 0, max: 10 }],
    ['round(amount, 11)', '"round" needs a whole number from 0 to 10 as its second argument', 14, 'digits-argument', { fn: 'round', min: 0, max: 10 }],
    ['round(amount, 1.5)', '"round" needs a whole number from 0 to 10 as its second argument', 14, 'digits-argument', { fn: 'round', min: 0, max: 10 }],
    ['round(amount, -1)', '"round" needs a whole number from 0 to 10 as its second argument', 14, 'digits-argument', { fn: 'round', min: 0, max: 10 }],
    ['min(amount, name)', '"min" cannot mix a number and a string', 12, 'arguments-differ', { fn: 'min', first: 'number', second: 'string' }],
    [
      'max(flag, flag)',
      '"max" needs numbers, strings or dates, not a boolean',
      4,
      'argument-types',
      { fn: 'max', expected: ['number', 'string', 'date'], actual: 'boolean' },
    ],
    ['abs(name)', '"abs" needs a number, not a string', 4, 'argument-types', { fn: 'abs', expected: ['number'], actual: 'string' }],
    [
      'daysBetween(closeDate, name)',
      '"daysBetween" needs dates, not a string',
      23,
      'argument-types',
      { fn: 'daysBetween', expected: ['date'], actual: 'string' },
    ],
    ['len(amount)', '"len" needs a string, not a number', 4, 'argument-types', { fn: 'len', expected: ['string'], actual: 'number' }],
    ['lower(amount)', '"lower" needs a string, not a number', 6, 'argument-types', { fn: 'lower', expected: ['string'], actual: 'number' }],
    ['upper(flag)', '"upper" needs a string, not a boolean', 6, 'argument-types', { fn: 'upper', expected: ['string'], actual: 'boolean' }],
    ['null', 'Expression is always null', 0, 'always-null', {}],
    ['coalesce(null, null)', 'Expression is always null', 0, 'always-null', {}],
  ] as [string, string, number, ExpressionProblem, object][])('%s → %s', (text, message, at, code, params) => {
    expect(errorOf(() => checkExpression(parseExpression(text), FIELDS))).toEqual({ message, at });
    expect(problemOf(() => checkExpression(parseExpression(text), FIELDS))).toEqual({ code, params });
  });

  it.each([
    ['amount * probability / 100', 'number'],
    ['name + "!"', 'string'],
    ['amount > 0 or flag', 'boolean'],
    ['coalesce(closeDate, today())', 'date'],
    ['if(flag, null, closeDate)', 'date'],
    ['amount = null', 'boolean'],
    ['concat(amount)', 'string'],
    ['daysBetween(createdAt, closeDate)', 'number'],
  ])('%s has the type %s', (text, type) => {
    expect(checkExpression(parseExpression(text), FIELDS)).toBe(type);
  });

  it('refuses to evaluate what does not check, a caller error, but never for data', () => {
    expect(() => evaluate(parseExpression('1 + "a"'), FIELDS, {}, NOW)).toThrow(ExpressionError);
    expect(() => evaluate(parseExpression('missing'), FIELDS, {}, NOW)).toThrow('Unknown field "missing"');
  });

  it.each([
    ['{"kind": "regex", "at": 3}', 'Unknown kind of expression "regex"', 0, 'unknown-node', { kind: 'regex' }],
    [
      '{"kind": "binary", "op": "**", "left": {"kind": "number", "value": 2, "at": 0}, "right": {"kind": "number", "value": 3, "at": 5}, "at": 2}',
      'Unknown operator "**"',
      2,
      'unknown-operator',
      { operator: '**' },
    ],
  ] as [string, string, number, ExpressionProblem, object][])('refuses a tree built elsewhere: %s', (json, message, at, code, params) => {
    const tree = JSON.parse(json) as Expression;
    expect(errorOf(() => checkExpression(tree, FIELDS))).toEqual({ message, at });
    expect(problemOf(() => checkExpression(tree, FIELDS))).toEqual({ code, params });
  });
});

describe('limits', () => {
  it('takes text up to 1000 characters and no more', () => {
    expect(run('1' + ' '.repeat(999))).toBe(1);
    expect(errorOf(() => parseExpression('1' + ' '.repeat(1000)))).toEqual({ message: 'Expression is longer than 1000 characters', at: 1000 });
    expect(problemOf(() => parseExpression('1' + ' '.repeat(1000)))).toEqual({ code: 'too-long', params: { limit: 1000 } });
  });

  it('takes 32 levels of nesting and no more', () => {
    const nested = (n: number, open: string, close: string) => open.repeat(n) + '1' + close.repeat(n);
    expect(run(nested(32, '(', ')'))).toBe(1);
    expect(run(nested(32, 'abs(', ')'))).toBe(1);
    expect(run(nested(32, '-', ''))).toBe(1);
    expect(errorOf(() => parseExpression(nested(33, '(', ')')))).toEqual({ message: 'Expression is nested more than 32 levels deep', at: 32 });
    expect(errorOf(() => parseExpression(nested(33, 'abs(', ')'))).at).toBe(128);
    expect(errorOf(() => parseExpression(nested(33, '-', ''))).message).toBe('Expression is nested more than 32 levels deep');
    expect(errorOf(() => parseExpression('not '.repeat(33) + 'true')).message).toBe('Expression is nested more than 32 levels deep');
    expect(errorOf(() => parseExpression('('.repeat(900))).message).toBe('Expression is nested more than 32 levels deep');
    for (const text of [nested(33, '(', ')'), nested(33, 'abs(', ')'), nested(33, '-', ''), 'not '.repeat(33) + 'true']) {
      expect(problemOf(() => parseExpression(text))).toEqual({ code: 'too-deep', params: { limit: 32 } });
    }
  });

  it('takes 200 nodes and no more', () => {
    const sum = (terms: number) => Array.from({ length: terms }, () => '1').join('+');
    expect(run(sum(100))).toBe(100); // 100 numbers and 99 additions
    expect(errorOf(() => parseExpression(sum(101)))).toEqual({ message: 'Expression has more than 200 parts', at: 199 });
    expect(problemOf(() => parseExpression(sum(101)))).toEqual({ code: 'too-many-parts', params: { limit: 200 } });
  });
});

describe('field names and objects cannot reach prototypes', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'])('%s is an unknown field unless the fields own it', (name) => {
    expect(errorOf(() => checkExpression(parseExpression(name), FIELDS))).toEqual({ message: `Unknown field "${name}"`, at: 0 });
    expect(errorOf(() => checkExpression(parseExpression(name), {}))).toEqual({ message: `Unknown field "${name}"`, at: 0 });
    expect(problemOf(() => checkExpression(parseExpression(name), {}))).toEqual({ code: 'unknown-field', params: { field: name } });
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('%s, when a field, reads only the record’s own value', (name) => {
    const fields = JSON.parse(`{"${name}": "string"}`);
    expect(run(name, {}, fields)).toBeNull();
    expect(run(`concat(${name})`, {}, fields)).toBe('');
    expect(run(name, JSON.parse(`{"${name}": "own"}`), fields)).toBe('own');
  });

  it('reads a field called __proto__ only from an own key', () => {
    const fields = JSON.parse('{"__proto__": "number"}');
    expect(fieldsOf(parseExpression('__proto__ + 1'))).toEqual(['__proto__']);
    expect(run('__proto__ + 1', {}, fields)).toBeNull();
    expect(run('__proto__ + 1', JSON.parse('{"__proto__": 41}'), fields)).toBe(42);
  });

  it('never reads values inherited from a prototype', () => {
    const values = Object.create({ amount: 5, name: 'inherited', flag: true });
    expect(run('amount', values)).toBeNull();
    expect(run('coalesce(name, "none")', values)).toBe('none');
    expect(run('flag = null', values)).toBe(true);
  });

  it('never takes a function from a prototype, even from a tree built elsewhere', () => {
    const tree = JSON.parse('{"kind": "call", "fn": "constructor", "args": [], "at": 0}') as Expression;
    expect(errorOf(() => checkExpression(tree, FIELDS))).toEqual({ message: 'Unknown function "constructor"', at: 0 });
    expect(errorOf(() => parseExpression('constructor(1)'))).toEqual({ message: 'Unknown function "constructor"', at: 0 });
    expect(errorOf(() => parseExpression('toString()'))).toEqual({ message: 'Unknown function "toString"', at: 0 });
    expect(problemOf(() => checkExpression(tree, FIELDS))).toEqual({ code: 'unknown-function', params: { fn: 'constructor' } });
    expect(problemOf(() => parseExpression('toString()'))).toEqual({ code: 'unknown-function', params: { fn: 'toString' } });
  });

  it('has no way to run code in its source', () => {
    // Every file of the module, less the static imports of its own sibling files (the only ones it may have).
    const folder = join(import.meta.dirname, '..', '..', 'runtime', 'browser-safe', 'expressions');
    const source = readdirSync(folder)
      .map((name) => readFileSync(join(folder, name), 'utf8').replace(/^import (?:type )?\{[^}]*\} from '\.\/[\w-]+\.ts';$/gm, ''))
      .join('\n');
    expect(source).not.toMatch(/\beval\s*\(/);
    expect(source).not.toMatch(/\bFunction\s*\(/);
    expect(source).not.toMatch(/\bimport\b|\brequire\s*\(/);
  });
});

describe('fieldsOf and the tree', () => {
  it.each([
    ['1 + 2', []],
    ['amount * probability / 100', ['amount', 'probability']],
    ['if(b > a, a, coalesce(c, -a, not d = null))', ['a', 'b', 'c', 'd']],
    ['concat(Z, a, _x)', ['Z', '_x', 'a']],
  ])('%s reads %j', (text, fields) => {
    expect(fieldsOf(parseExpression(text))).toEqual(fields);
  });

  it('is plain JSON that evaluates the same after a round trip', () => {
    const expr = parseExpression('if(priority = "high", round(amount * probability / 100, 2), coalesce(discount, 0))');
    const copy = JSON.parse(JSON.stringify(expr));
    expect(copy).toEqual(expr);
    expect(evaluate(copy, FIELDS, RECORD, NOW)).toBe(250);
    expect(parseExpression('-amount')).toEqual({ kind: 'unary', op: '-', operand: { kind: 'field', name: 'amount', at: 1 }, at: 0 });
  });
});

/** A random arithmetic tree over small integers and the fields a, b, c: how it prints, and its value as JS computes it. */
type Tree = { value: number | 'a' | 'b' | 'c' } | { op: '+' | '-' | '*' | '/' | '%'; left: Tree; right: Tree };
const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2 };

/** Prints with as few brackets as precedence and left-associativity allow, so the parser's precedence is what is tested. */
function print(t: Tree): string {
  if ('value' in t) return t.value === 'a' || t.value === 'b' || t.value === 'c' || t.value >= 0 ? String(t.value) : `(${t.value})`;
  const p = PRECEDENCE[t.op];
  const side = (child: Tree, right: boolean) => {
    const needs = 'op' in child && (PRECEDENCE[child.op] < p || (right && PRECEDENCE[child.op] === p));
    return needs ? `(${print(child)})` : print(child);
  };
  return `${side(t.left, false)} ${t.op} ${side(t.right, true)}`;
}

function reference(t: Tree, values: Record<string, number | null>): number | null {
  if ('value' in t) return typeof t.value === 'number' ? t.value : values[t.value]!;
  const [l, r] = [reference(t.left, values), reference(t.right, values)];
  if (l === null || r === null) return null;
  if ((t.op === '/' || t.op === '%') && r === 0) return null;
  const result = t.op === '+' ? l + r : t.op === '-' ? l - r : t.op === '*' ? l * r : t.op === '/' ? l / r : l % r;
  return Number.isFinite(result) ? result + 0 : null;
}

describe('property: arithmetic agrees with a reference computation', () => {
  const tree = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ value: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constantFrom('a' as const, 'b' as const, 'c' as const)) }),
      fc.record({ op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const, '%' as const), left: tie('tree'), right: tie('tree') }),
    ),
  })).tree;
  const values = fc.record({ a: fc.integer({ min: -50, max: 50 }), b: fc.integer({ min: -5, max: 5 }), c: fc.option(fc.integer({ min: 0, max: 3 })) });
  const fields: Record<string, ExpressionType> = { a: 'number', b: 'number', c: 'number' };

  it('for random trees printed with minimal brackets', () => {
    fc.assert(
      fc.property(tree, values, (t, v) => {
        const text = print(t);
        fc.pre(text.length <= 1000);
        let expr: Expression;
        try {
          expr = parseExpression(text);
        } catch (e) {
          fc.pre(!(e instanceof ExpressionError && /more than/.test(e.message))); // a tree over the limits proves nothing here
          throw e;
        }
        expect(evaluate(expr, fields, v, NOW)).toBe(reference(t, v));
      }),
      { numRuns: 500 },
    );
  });
});
