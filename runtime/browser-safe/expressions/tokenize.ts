/** The tokenizer: an expression's text as numbers, strings, names and symbols, each with its offset. */
import { ExpressionError, type ExpressionProblemArgs } from './types.ts';

/** One token; `value` is a string literal's unescaped text (for the rest, the same as `text`). */
export type Token = { kind: 'number' | 'string' | 'name' | 'symbol' | 'end'; text: string; value: string; at: number };

const SPACE = /\s+/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SYMBOL = /<=|>=|!=|[-+*/%=<>(),]/y;

/** A problem with the text's shape, which names where it is: `params.at`. */
export const syntaxError = (problem: string, ...args: Extract<ExpressionProblemArgs, [string, { at: number }]>) =>
  new ExpressionError(`${problem} at ${args[1].at}`, args[1].at, ...args);

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** The string literal opening at `start`: its value and the offset after its closing quote. Only `\"` and `\\` escape. */
function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      if (next !== '"' && next !== '\\') throw syntaxError(`Unknown escape "\\${next}"`, 'unknown-escape', { escape: `\\${next}`, at: i - 1 });
      value += next;
    } else value += c;
  }
  throw syntaxError('Unclosed string', 'unclosed-string', { at: start });
}

/** The tokens of `text`, ending with an `end` token; throws ExpressionError at an unexpected character or bad string. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = (matchAt(SPACE, text, 0) ?? '').length;
  while (at < text.length) {
    let token: Token;
    if (text[at] === '"') {
      const { value, end } = readString(text, at);
      token = { kind: 'string', text: text.slice(at, end), value, at };
    } else {
      const number = matchAt(NUMBER, text, at);
      const name = number === undefined ? matchAt(NAME, text, at) : undefined;
      const symbol = number === undefined && name === undefined ? matchAt(SYMBOL, text, at) : undefined;
      const kind = number !== undefined ? 'number' : name !== undefined ? 'name' : 'symbol';
      const word = number ?? name ?? symbol;
      if (word === undefined) throw syntaxError(`Unexpected character "${text[at]}"`, 'unexpected-character', { character: text[at]!, at });
      token = { kind, text: word, value: word, at };
    }
    tokens.push(token);
    at += token.text.length;
    at += (matchAt(SPACE, text, at) ?? '').length;
  }
  tokens.push({ kind: 'end', text: '', value: '', at: text.length });
  return tokens;
}

/** Whether `t` is the operator, keyword or bracket written as one of `texts` (never a string literal). */
export const isOperator = (t: Token, texts: readonly string[]) => (t.kind === 'symbol' || t.kind === 'name') && texts.includes(t.text);
