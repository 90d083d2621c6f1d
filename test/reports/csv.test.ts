import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../runtime/reports/csv.ts';

describe('CSV cells', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+x', "'+x"],
    ['-x', "'-x"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['  =x', "'  =x"],
    [' +x', "' +x"],
    ['-1', "'-1"],
    ['Negotiation', 'Negotiation'],
    ['a = b', 'a = b'],
    ['Acme, Inc.', '"Acme, Inc."'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['', ''],
  ])('text %j becomes %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [0, '0'],
    [42, '42'],
    [-5, '-5'],
    [-0.25, '-0.25'],
    [1234.5, '1234.5'],
    [Number.NaN, ''],
    [null, ''],
  ])('number %j stays a plain number: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('joins rows with CRLF, numbers unquoted and unprefixed in numeric columns', () => {
    expect(toCsv([['label', 'amount'], ['-x', -12.5], ['=x', 3], []])).toBe("label,amount\r\n'-x,-12.5\r\n'=x,3\r\n\r\n");
  });
});
