/**
 * Safety of a field's `pattern`. Browsers check patterns with JavaScript's backtracking engine, and the
 * server with RE2, which has no lookarounds or backreferences: a pattern must work in both and must not
 * backtrack catastrophically. The checks are conservative; a refused pattern can always be rewritten.
 */

interface Item {
  kind: 'char' | 'class' | 'assert' | 'group';
  /** The character a plain literal (or an escaped punctuation mark) matches. */
  literal?: string;
  alternatives?: Item[][];
  min: number;
  max: number;
}

class Unsupported extends Error {}

const MAX_PATTERN = 500; // form.schema.json: maxLength of `pattern`
const MAX_REPEAT = 1000; // RE2 refuses larger counts
const CATEGORY = /^[A-Z][a-z]?$/; // \p{L}, \p{Lu}: the Unicode names both engines know

/** Why `pattern` may not be used in a form, phrased to follow "the pattern …", or null when it is safe. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `is longer than ${MAX_PATTERN} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  try {
    const parser = new Parser(pattern);
    const top = parser.alternatives();
    return firstProblem(top);
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}

/** The first repeated group that repeats something variable, or an ambiguous choice. */
function firstProblem(alternatives: Item[][]): string | null {
  for (const item of alternatives.flat()) {
    if (item.kind !== 'group') continue;
    const body = item.alternatives!;
    const repeats = item.max > 1 && item.max !== item.min;
    if (repeats && body.flat().some(varies)) return 'nests quantifiers (like (a+)+), which can take exponential time';
    if (repeats && body.length > 1 && !distinctStarts(body)) {
      return 'repeats a choice whose options can overlap (like (a|aa)+), which can take exponential time; use a character class such as [ab] instead';
    }
    const inner = firstProblem(body);
    if (inner) return inner;
  }
  return null;
}

const varies = (item: Item): boolean => item.min !== item.max || (item.alternatives?.flat().some(varies) ?? false);

/** Whether each option starts with its own literal character, so at most one option can match at any place. */
function distinctStarts(body: Item[][]): boolean {
  const firsts = body.map((alt) => alt[0]?.literal);
  return firsts.every((c) => c !== undefined) && new Set(firsts).size === firsts.length;
}

/** A small parser of patterns that already compile in JavaScript's `u` mode, so only the shape matters. */
class Parser {
  private i = 0;
  private readonly src: string;
  constructor(src: string) {
    this.src = src;
  }

  alternatives(): Item[][] {
    const alts: Item[][] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== ')') {
      if (this.src[this.i] === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const item = this.atom();
      this.quantifier(item);
      alts[alts.length - 1]!.push(item);
    }
    return alts;
  }

  private atom(): Item {
    const c = this.src[this.i++]!;
    if (c === '\\') return this.escape(false);
    if (c === '[') return this.characterClass();
    if (c === '(') return this.group();
    if (c === '^' || c === '$') return { kind: 'assert', min: 1, max: 1 };
    return c === '.' ? { kind: 'class', min: 1, max: 1 } : { kind: 'char', literal: c, min: 1, max: 1 };
  }

  private group(): Item {
    if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3)))
      throw new Unsupported('uses a lookaround ((?=…), (?!…), (?<=…), (?<!…)), which the server cannot run');
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?<', this.i))
      this.i = this.src.indexOf('>', this.i) + 1; // (?<name>…)
    // Newer browsers accept (?i:…); case-insensitive letters would slip past the checks of overlapping choices.
    else if (this.src[this.i] === '?') throw new Unsupported('uses inline flags such as (?i:…); write both cases instead, like [Aa]');
    const alternatives = this.alternatives();
    this.i++; // ')'
    return { kind: 'group', alternatives, min: 1, max: 1 };
  }

  private characterClass(): Item {
    while (this.src[this.i] !== ']') {
      if (this.src[this.i++] === '\\') this.escape(true);
    }
    this.i++;
    return { kind: 'class', min: 1, max: 1 };
  }

  /** Reads the escape after a backslash, refusing those RE2 lacks. */
  private escape(inClass: boolean): Item {
    const c = this.src[this.i++]!;
    if (/[1-9]/.test(c) || c === 'k') throw new Unsupported('uses a backreference (\\1, \\k<name>), which the server cannot run');
    if (c === 'u') throw new Unsupported('uses a \\u escape, which the server cannot read; type the character itself');
    if (c === 'c') throw new Unsupported('uses a \\c control escape, which the server cannot read');
    if (c === 'p' || c === 'P') {
      const end = this.src.indexOf('}', this.i);
      const name = this.src.slice(this.i + 1, end);
      this.i = end + 1;
      if (!CATEGORY.test(name)) throw new Unsupported(`uses \\${c}{${name}}; only Unicode categories such as \\p{L} or \\p{Lu} work on the server`);
      return { kind: 'class', min: 1, max: 1 };
    }
    if (c === 'x') this.i += 2;
    if (!inClass && (c === 'b' || c === 'B')) return { kind: 'assert', min: 1, max: 1 };
    // In `u` mode only syntax characters may be escaped as themselves; letters are classes or control characters.
    return /[A-Za-z0-9]/.test(c) ? { kind: 'class', min: 1, max: 1 } : { kind: 'char', literal: c, min: 1, max: 1 };
  }

  private quantifier(item: Item): void {
    const rest = this.src.slice(this.i);
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})/.exec(rest);
    if (!m) return;
    this.i += m[0].length;
    if (this.src[this.i] === '?') this.i++; // lazy: same backtracking, other order
    if (m[1]) [item.min, item.max] = m[1] === '*' ? [0, Infinity] : m[1] === '+' ? [1, Infinity] : [0, 1];
    else {
      item.min = Number(m[2]);
      item.max = m[3] === undefined ? item.min : m[4] === '' ? Infinity : Number(m[4]);
    }
    if (item.min > MAX_REPEAT || (item.max !== Infinity && item.max > MAX_REPEAT))
      throw new Unsupported(`repeats more than ${MAX_REPEAT} times, which the server refuses`);
  }
}
