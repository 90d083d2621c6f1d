/** Guards as the designer edits them: a list of catalog guards that must all pass (`and`), or one guard alone. */
import type { CatalogRef, Guard } from './model.ts';

const COMBINATORS = new Set(['and', 'or', 'not']);
const plain = (g: Guard) => !COMBINATORS.has(g.type);

/** The guards of a transition as a list that must all pass; null when it combines them otherwise (`or`, `not`, nesting). */
export function guardList(guard: Guard | undefined): CatalogRef[] | null {
  if (!guard) return [];
  if (plain(guard)) return [guard];
  if (guard.type === 'and' && guard.guards?.every(plain)) return guard.guards;
  return null;
}

/** The guard of a list that must all pass: none, the one, or `and` over them. */
export function guardFrom(list: readonly CatalogRef[]): Guard | null {
  if (list.length === 0) return null;
  return list.length === 1 ? list[0]! : { type: 'and', guards: [...list] };
}

/** Every catalog guard a guard uses, combinators resolved, in order. */
export function guardNames(guard: Guard | undefined): string[] {
  if (!guard) return [];
  if (guard.type === 'not') return guardNames(guard.guard);
  if (guard.type === 'and' || guard.type === 'or') return (guard.guards ?? []).flatMap(guardNames);
  return [guard.type];
}
