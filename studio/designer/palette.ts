/** Adding fields from the field type registry, and where a new element goes next to the selection. */
import { withUischema } from './entity.ts';
import { addField } from './fields.ts';
import { controlPaths, defaultTarget, elementAt, isContainer, replaceAt } from './ui-tree.ts';
import type { EntityConfig, Path, Target } from './types.ts';
import type { FieldSchema, UiElement, XField } from '../../runtime/browser-safe/bundle.ts';

/** What the designer needs of a field type registry entry (runtime/web/kit/forms/fields). */
export interface PaletteEntry {
  key: string;
  schema: Record<string, unknown>;
  /** UI schema options its Control carries, e.g. `{ multi: true }`. */
  options?: Record<string, unknown>;
}

/** Adds a field of the registry type `entry` (see addField), its Control carrying the type's options; returns where it landed. */
export function addFromPalette(
  entity: EntityConfig,
  entry: PaletteEntry,
  label: string,
  target?: Target,
): { entity: EntityConfig; key: string; path: number[] } {
  const schema = entry.schema as Omit<FieldSchema, 'x-field' | 'title'>;
  const added = addField(entity, { xField: entry.key as XField, schema }, label, target);
  const path = controlPaths(added.entity.form.uischema, added.key)[0]!;
  if (!entry.options) return { ...added, path };
  const options = structuredClone(entry.options);
  const uischema = replaceAt(added.entity.form.uischema, path, (el) => ({ ...el, options }));
  return { entity: withUischema(added.entity, uischema), key: added.key, path };
}

/**
 * Where a new element goes: a field into a selected group, row or tab (at its end), anything else right
 * after the selected element, and without a selection at the end of the form (or of its first tab).
 */
export function insertionTarget(uischema: UiElement, selected: Path | null, what: 'field' | 'container'): Target {
  const el = selected?.length ? elementAt(uischema, selected) : undefined;
  if (!el || !selected) return defaultTarget(uischema);
  const into = el.type === 'Category' || (what === 'field' && isContainer(el) && el.type !== 'Categorization');
  if (into) return { parentPath: [...selected], index: el.elements?.length ?? 0 };
  if (el.type === 'Categorization') return defaultTarget(uischema);
  return { parentPath: selected.slice(0, -1), index: selected[selected.length - 1]! + 1 };
}
