/** The dry run's diff as side-by-side rows: per part, per key, per differing setting, before and after. */
import type { Bundle } from '../../runtime/browser-safe/bundle.ts';
import { differingPaths, PARTS, type Change, type Part } from '../../runtime/browser-safe/diff.ts';
import type { Removal } from '../../runtime/browser-safe/transfer.ts';
import { escapeKey, segments, valueAt } from './pointer.ts';

/** One differing setting of a key: where (pointer and its keys) and its value now and after the import. */
export interface FieldRow {
  pointer: string;
  where: string[];
  before: unknown;
  after: unknown;
}
/** One key of a part that the import adds, changes or removes; `byReplace` when only the replace strategy removes it. */
export interface KeyDiff {
  key: string;
  change: Change['change'];
  byReplace: boolean;
  before: unknown;
  after: unknown;
  fields: FieldRow[];
}
export interface PartDiff {
  part: Part;
  keys: KeyDiff[];
}

type Keyed = { key: string };
const isKeyedList = (v: unknown): v is Keyed[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && typeof (x as Keyed).key === 'string');

/** Lists of keyed items (pipeline stages) compared item by item, so a renamed stage is one row, not the whole list. */
function keyedRows(pointer: string, before: Keyed[], after: Keyed[]): FieldRow[] {
  const old = new Map(before.map((x) => [x.key, x]));
  const next = new Map(after.map((x) => [x.key, x]));
  const keys = [...new Set([...old.keys(), ...next.keys()])];
  const rows = keys.flatMap((key) => {
    const at = `${pointer}/${escapeKey(key)}`;
    const [b, a] = [old.get(key), next.get(key)];
    if (!b || !a) return [{ pointer: at, where: segments(at), before: b, after: a }];
    return differingPaths(b, a).map((p) => fieldRow(`${at}${p === '/' ? '' : p}`, valueAt(b, p), valueAt(a, p)));
  });
  const order = (list: Keyed[]) =>
    list
      .map((x) => x.key)
      .filter((k) => old.has(k) && next.has(k))
      .join();
  if (order(before) !== order(after))
    rows.push(
      fieldRow(
        `${pointer}/~order`,
        before.map((x) => x.key),
        after.map((x) => x.key),
      ),
    );
  return rows;
}

const fieldRow = (pointer: string, before: unknown, after: unknown): FieldRow => ({ pointer, where: segments(pointer), before, after });

/** The rows of one changed key: each differing path, keyed lists expanded item by item. */
export function fieldRows(paths: readonly string[], before: unknown, after: unknown): FieldRow[] {
  return paths.flatMap((p) => {
    const [b, a] = [valueAt(before, p), valueAt(after, p)];
    return isKeyedList(b) && isKeyedList(a) ? keyedRows(p === '/' ? '' : p, b, a) : [fieldRow(p, b, a)];
  });
}

const sortTextsLast = (rows: FieldRow[]) => [...rows.filter((r) => r.where[0] !== 'i18n'), ...rows.filter((r) => r.where[0] === 'i18n')];
const partOf = (bundle: Bundle | null, part: Part) => (bundle?.[part] ?? {}) as Record<string, unknown>;

/**
 * Every part of the bundle (those without changes too, with no keys), each change with its values in `before`
 * (the tenant's configuration) and `after` (what the import publishes); either may be unknown (null).
 */
export function partDiffs(changes: readonly Change[], removed: readonly Removal[], before: Bundle | null, after: Bundle | null): PartDiff[] {
  const byReplace = new Set(removed.map((r) => `${r.part}/${r.key}`));
  return PARTS.map((part) => ({
    part,
    keys: changes
      .filter((c) => c.part === part)
      .map((c) => {
        const [b, a] = [partOf(before, part)[c.key], partOf(after, part)[c.key]];
        // Translations after the settings they translate, so a removed stage reads before its names.
        const fields = c.change === 'changed' ? sortTextsLast(fieldRows(c.paths ?? ['/'], b, a)) : [];
        return { key: c.key, change: c.change, byReplace: byReplace.has(`${part}/${c.key}`), before: b, after: a, fields };
      }),
  }));
}

/** How a value reads in a diff cell: text as it is, lists joined, things with a label by their label, other objects as short JSON; null when absent. */
export function displayValue(value: unknown, max = 160): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.length ? value.join(', ') : '[]';
  const label = (value as { label?: unknown }).label;
  if (typeof label === 'string') return label;
  const json = JSON.stringify(value);
  return json.length > max ? `${json.slice(0, max - 1)}…` : json;
}
