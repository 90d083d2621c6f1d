import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { patternProblem } from '../../../studio/designer/index.ts';

describe('patternProblem', () => {
  // Every safe pattern must also compile on the server's engine, or publishing would refuse it.
  it.each([
    '',
    '^[0-9+()./ -]*$',
    '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$',
    '^\\d{5}$',
    '^(\\d{1,3}\\.){3}\\d{1,3}$',
    '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
    '^(?:\\+|00)?[0-9 ]+$',
    '^(a|b|-)+$',
    '^(\\.|,)*$',
    '^(?<zip>\\d{5})(-\\d{4})?$',
    '^\\p{Lu}\\p{L}*$',
    '^[\\w.-]+$',
    '^(abc)+$',
    '^(ab|cd)+$',
    '^(?:Mr|Mrs|Dr)\\.? [A-Z]',
    '^(\\d{3}-)+\\d{4}$',
    '^x{1000}$',
    '\\bword\\b',
    '^[(+*)]+$',
    '^\\x41+$',
  ])('accepts %j', (pattern) => {
    expect(patternProblem(pattern)).toBeNull();
    expect(() => RE2JS.compile(pattern)).not.toThrow();
  });

  it.each([
    ['(a+)+', /nests quantifiers/],
    ['^(a*)*$', /nests quantifiers/],
    ['^(\\w+\\s?)*$', /nests quantifiers/],
    ['^([a-z0-9]+-?)+$', /nests quantifiers/],
    ['^(?:a+){2,}$', /nests quantifiers/],
    ['^((ab)*c)+$', /nests quantifiers/],
    ['^(a?a)+$', /nests quantifiers/],
    ['^(a+){1,20}$', /nests quantifiers/],
    ['^x(\\d+(\\.\\d+)*)*$', /nests quantifiers/],
    ['^(a|aa)+$', /overlap/],
    ['^(a|a)*$', /overlap/],
    ['^(\\d|1)+$', /overlap/],
    ['^(.|\\n)*$', /overlap/],
    ['^(ab|ac)+$', /overlap/],
    ['^(a|)+$', /overlap/],
    ['^([ab]|c)+$', /overlap/],
    ['(?=a)a', /lookaround/],
    ['a(?!b)', /lookaround/],
    ['(?<=a)b', /lookaround/],
    ['(?<!a)b', /lookaround/],
    ['(a)\\1', /backreference/],
    ['(?<x>a)\\k<x>', /backreference/],
    ['\\u00e9', /\\u escape/],
    ['[\\u{1F600}]', /\\u escape/],
    ['\\cA', /control escape/],
    ['\\p{Letter}', /Unicode categories/],
    ['\\p{Script=Greek}', /Unicode categories/],
    ['a{1001}', /more than 1000/],
    ['a{2,1001}', /more than 1000/],
    ['(', /not a valid regular expression/],
    ['a{2,1}', /not a valid regular expression/],
    ['\\-', /not a valid regular expression/],
    ['(?i)abc', /not a valid regular expression/],
    // Refused either way: engines without inline flags find it invalid, newer ones reach the flag check.
    ['^(?i:a|A)+$', /not a valid regular expression|inline flags/],
    ['[', /not a valid regular expression/],
    ['x'.repeat(501), /longer than 500/],
  ])('refuses %j', (pattern, problem) => {
    expect(patternProblem(pattern)).toMatch(problem);
  });
});
