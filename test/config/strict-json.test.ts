import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson, StrictJsonError } from '../../runtime/config/strict-json.ts';

const refusal = (text: string) => {
  try {
    parseStrictJson(text);
  } catch (e) {
    expect(e).toBeInstanceOf(StrictJsonError);
    return { path: (e as StrictJsonError).path, message: (e as StrictJsonError).message };
  }
  throw new Error(`accepted: ${text}`);
};

describe('parseStrictJson', () => {
  it.each([
    ['{"a":1,"b":[true,false,null,"x\\u00e9\\n"],"c":{"d":-1.5e3}}'],
    ['  [ ]  '],
    ['"plain"'],
    ['0'],
    ['{"emoji":"\\ud83d\\ude00","nested":[[[{}]]]}'],
    ['\ufeff{"bom":true}'],
  ])('parses %s exactly as JSON.parse does', (text) => {
    expect(parseStrictJson(text)).toEqual(JSON.parse(text.replace(/^\ufeff/, '')));
  });

  it.each([
    ['{"a":{"b":1,"b":2}}', '/a/b', 'duplicate'],
    ['{"list":[{"k":1},{"k":2,"k":3}]}', '/list/1/k', 'duplicate'],
    ['{"x":{"__proto__":{"admin":true}}}', '/x/__proto__', 'not allowed'],
    ['{"constructor":1}', '/constructor', 'not allowed'],
    ['[{"prototype":{}}]', '/0/prototype', 'not allowed'],
    ['{"a/b":{"~":{"c":1,"c":1}}}', '/a~1b/~0/c', 'duplicate'],
    ['{"a":[1,2,}', '/a/2', 'unexpected "}"'],
    ['{"a":01}', '', 'unexpected "1"'],
    ['{"a":"\\x"}', '/a', 'invalid escape'],
    ['{"a":"line\nbreak"}', '/a', 'control character'],
    ['{"a":1} extra', '', 'unexpected "e"'],
    ['{"a":', '/a', 'the end of the text'],
    ["{'a':1}", '', 'unexpected'],
    ['', '', 'the end of the text'],
  ])('refuses %s at %s', (text, path, message) => {
    const r = refusal(text);
    expect(r.path).toBe(path);
    expect(r.message).toContain(message);
  });

  it('refuses nesting deeper than the limit, naming the first container past the limit', () => {
    expect(parseStrictJson('['.repeat(64) + ']'.repeat(64))).toBeDefined();
    const r = refusal('{"a":' + '['.repeat(70) + ']'.repeat(70) + '}');
    expect(r.message).toContain('deeper than 64');
    expect(r.path).toBe('/a' + '/0'.repeat(63));
  });

  it('agrees with JSON.parse on every JSON text without duplicate or prototype keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        fc.pre(!/"(?:__proto__|constructor|prototype)":/.test(text));
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no prototype reachable through parsed keys', () => {
    const value = parseStrictJson('{"a":{"b":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).b).toBeUndefined();
  });
});
