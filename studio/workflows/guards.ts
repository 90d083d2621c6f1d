/**
 * Guards as the designer edits them: catalog guards, each of which may be negated ("not"), that must all pass (`and`)
 * or of which one is enough (`or`). Deeper combinations are shown as they are, and can only be replaced.
 */
import type { CatalogRef, Guard } from './model.ts';

const COMBINATORS = new Set(['and', 'or', 'not']);
const plain = (g: Guard | undefined): boolean => !!g && !COMBINATORS.has(g.type);

/** A transition's conditions as the panel edits them. */
export interface GuardSet {
  /** One passing guard is enough (`or`), else all must pass (`and`). */
  any: boolean;
  items: CatalogRef[];
  /** Per item: it passes when its guard does not. */
  negated: boolean[];
}

/** One guard, or `not` over one, as an item of a set; null for anything else. */
function item(g: Guard): { ref: CatalogRef; negated: boolean } | null {
  if (plain(g)) return { ref: g, negated: false };
  if (g.type === 'not' && plain(g.guard)) return { ref: g.guard!, negated: true };
  return null;
}

/** The conditions of a transition as a set; null when they combine guards more deeply than a set can say. */
export function guardList(guard: Guard | undefined): GuardSet | null {
  if (!guard) return { any: false, items: [], negated: [] };
  const combined = guard.type === 'and' || guard.type === 'or';
  const items = (combined ? (guard.guards ?? []) : [guard]).map(item);
  if (items.some((x) => x === null)) return null;
  return { any: guard.type === 'or', items: items.map((x) => x!.ref), negated: items.map((x) => x!.negated) };
}

/** The guard of a set: none, the one (negated or not), or `and` / `or` over them. */
export function guardFrom(set: GuardSet): Guard | null {
  const guards = set.items.map((g, i): Guard => (set.negated[i] ? { type: 'not', guard: g } : g));
  if (guards.length === 0) return null;
  return guards.length === 1 ? guards[0]! : { type: set.any ? 'or' : 'and', guards };
}

/** How conditions are joined in words: "and", "or", and "not …" around a condition. */
export interface GuardWords {
  and: string;
  or: string;
  not: (condition: string) => string;
}

/** A guard in words: its catalog guards by `name`, joined by "and" or "or", "not" before those turned around; groups inside others in brackets. */
export function guardText(guard: Guard | undefined, name: (type: string) => string, words: GuardWords, nested = false): string {
  if (!guard) return '';
  if (guard.type === 'not') return words.not(guardText(guard.guard, name, words, true));
  if (guard.type === 'and' || guard.type === 'or') {
    const parts = (guard.guards ?? []).map((g) => guardText(g, name, words, true));
    const text = parts.join(` ${words[guard.type]} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  return name(guard.type);
}
