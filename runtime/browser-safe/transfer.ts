import type { Bundle } from './bundle.ts';
import { partOf, PARTS, type Part } from './diff.ts';

/** What an export carries besides the bundle: where it came from and when. */
export interface ExportMeta {
  sourceTenant: string;
  sourceVersion: number;
  exportedAt: string;
}

export type Strategy = 'merge' | 'replace';
export const STRATEGIES: Strategy[] = ['merge', 'replace'];

/** A part and key the target has, which a `replace` import removes. */
export interface Removal {
  part: Part;
  key: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `value` with the keys of every object sorted; arrays keep their order (it is meaningful). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, sortKeys(value[k])]));
}

/** Canonical JSON text (sorted keys, two-space indent, final newline): one configuration has exactly one text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/**
 * The configuration an import produces. `merge` keeps, part by part and key by key, what the target has and
 * the bundle lacks; `replace` drops it, and lists each dropped key in `removed`.
 */
export function mergeBundles(target: Bundle, incoming: Bundle, strategy: Strategy): { result: Bundle; removed: Removal[] } {
  const result = structuredClone(incoming);
  const removed: Removal[] = [];
  for (const part of PARTS) {
    const mine = partOf(target, part);
    const theirs = partOf(result, part);
    for (const key of Object.keys(mine).sort()) {
      if (Object.hasOwn(theirs, key)) continue;
      if (strategy === 'merge') theirs[key] = structuredClone(mine[key]);
      else removed.push({ part, key });
    }
    // An optional part the incoming bundle lacks gets what merge kept of the target's.
    if (Object.keys(theirs).length && !result[part]) (result as unknown as Record<string, unknown>)[part] = theirs;
  }
  return { result, removed };
}
