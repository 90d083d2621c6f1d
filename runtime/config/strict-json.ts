/**
 * A JSON parser for documents from outside (imported bundles): unlike JSON.parse it refuses duplicate
 * object keys (JSON.parse silently keeps the last), nesting deeper than a limit, and keys that reach into
 * prototypes. Every refusal names the JSON Pointer where it happened.
 */

export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** A refused document: `path` is the JSON Pointer of the value where parsing stopped. */
export class StrictJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const escapeKey = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

class Parser {
  pos = 0;
  constructor(
    readonly text: string,
    readonly maxDepth: number,
  ) {}

  fail(path: string, what?: string): never {
    const found = this.pos >= this.text.length ? 'the end of the text' : JSON.stringify(this.text[this.pos]);
    throw new StrictJsonError(path, what ?? `unexpected ${found} at character ${this.pos + 1}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(path: string, depth: number): unknown {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '[') {
      if (depth >= this.maxDepth) this.fail(path, `is nested deeper than ${this.maxDepth} levels`);
      return ch === '{' ? this.object(path, depth + 1) : this.array(path, depth + 1);
    }
    if (ch === '"') return this.string(path);
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(path);
  }

  string(path: string): string {
    const start = this.pos++;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code) || code < 0x20) this.fail(path, `has an unterminated string or a control character at character ${this.pos + 1}`);
      if (code === 0x5c) this.pos += 2;
      else if (code === 0x22) break;
      else this.pos++;
    }
    this.pos++;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return this.fail(path, `has an invalid escape in the string starting at character ${start + 1}`);
    }
  }

  object(path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') return (this.pos++, out);
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail(path);
      const key = this.string(path);
      const childPath = `${path}/${escapeKey(key)}`;
      if (FORBIDDEN_KEYS.has(key)) throw new StrictJsonError(childPath, `the key "${key}" is not allowed`);
      if (seen.has(key)) throw new StrictJsonError(childPath, 'is a duplicate key');
      seen.add(key);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(childPath);
      this.pos++;
      out[key] = this.value(childPath, depth);
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === '}') return out;
      if (next !== ',') {
        this.pos--;
        this.fail(path);
      }
    }
  }

  array(path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') return (this.pos++, out);
    for (;;) {
      out.push(this.value(`${path}/${out.length}`, depth));
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ']') return out;
      if (next !== ',') {
        this.pos--;
        this.fail(path);
      }
    }
  }
}

/** Parses `text` strictly; throws StrictJsonError (with the pointer of the offending value) on any refusal. */
export function parseStrictJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const parser = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, maxDepth);
  const value = parser.value('', 0);
  parser.skipSpace();
  if (parser.pos < parser.text.length) parser.fail('');
  return value;
}
