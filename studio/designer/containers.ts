/** Groups and tabs, which carry a translated label `group.<key>.label`, and removing containers without losing fields. */
import { checkText, dropTexts, mapI18n, withUischema } from './entity.ts';
import { fieldKeyFrom } from './keys.ts';
import { defaultTarget, insertAt, isContainer, removeAt, replaceAt, requireElement, walk } from './ui-tree.ts';
import { DesignerError, type EntityConfig, type Path, type Target } from './types.ts';
import { type UiElement } from '../../runtime/browser-safe/bundle.ts';

/** A changed entity and the path of the element the edit was about. */
export interface ContainerResult {
  entity: EntityConfig;
  path: number[];
}

/** A labelled container with a fresh `group.<key>` i18n key, and the entity with that label in every locale. */
function labelled(entity: EntityConfig, type: 'Group' | 'Category', label: string, elements: UiElement[]): { entity: EntityConfig; element: UiElement } {
  const text = checkText(label, 'a label', 200);
  const taken = new Set<string>();
  walk(entity.form.uischema, (el) => el.i18n?.startsWith('group.') && taken.add(el.i18n.slice(6)));
  for (const dict of Object.values(entity.i18n)) {
    for (const k of Object.keys(dict)) if (k.startsWith('group.') && k.endsWith('.label')) taken.add(k.slice(6, -6));
  }
  const i18n = `group.${fieldKeyFrom(text, taken)}`;
  const withText = mapI18n(entity, (dict) => ({ ...dict, [`${i18n}.label`]: text }));
  return { entity: withText, element: { type, label: text, i18n, elements } };
}

/** Adds an empty group labelled `label` at `target` (by default the end of the form). */
export function addGroup(entity: EntityConfig, label: string, target?: Target): ContainerResult {
  const where = target ?? defaultTarget(entity.form.uischema);
  const { entity: next, element } = labelled(entity, 'Group', label, []);
  return { entity: withUischema(next, insertAt(next.form.uischema, where, element)), path: [...where.parentPath, where.index] };
}

/** Turns the form into tabs: everything the form holds now goes into a first tab labelled `label`. */
export function addTabs(entity: EntityConfig, label: string): ContainerResult {
  const root = entity.form.uischema;
  if (root.type === 'Categorization') throw new DesignerError('already-tabs', 'the form already has tabs');
  // A plain root layout dissolves into the tab; one with its own settings is kept whole inside it.
  const plain = root.type === 'VerticalLayout' && Object.keys(root).every((k) => k === 'type' || k === 'elements');
  const { entity: next, element } = labelled(entity, 'Category', label, plain ? (root.elements ?? []) : [root]);
  return { entity: withUischema(next, { type: 'Categorization', elements: [element] }), path: [0] };
}

/** Adds an empty tab labelled `label` at `index` (by default after the last tab). */
export function addTab(entity: EntityConfig, label: string, index?: number): ContainerResult {
  const root = entity.form.uischema;
  if (root.type !== 'Categorization') throw new DesignerError('not-tabs', 'the form has no tabs; add tabs first');
  const at = index ?? root.elements?.length ?? 0;
  const { entity: next, element } = labelled(entity, 'Category', label, []);
  return { entity: withUischema(next, insertAt(next.form.uischema, { parentPath: [], index: at }, element)), path: [at] };
}

/**
 * Removes the container at `path` but keeps what it holds: its elements take its place in the parent; a tab's
 * go to the neighbouring tab, and without tabs left the form is a plain layout again. The container's own rule
 * goes with it. Translations of group labels no longer used are removed.
 */
export function removeContainer(entity: EntityConfig, path: Path): EntityConfig {
  const root = entity.form.uischema;
  const element = requireElement(root, path);
  if (!isContainer(element)) throw new DesignerError('not-container', `a ${element.type} is not a container`);
  const parentPath = path.slice(0, -1);
  const parent = path.length ? requireElement(root, parentPath) : undefined;
  let uischema: UiElement;
  const lastTab = element.type === 'Category' && parent?.elements?.length === 1;
  if (element.type === 'Categorization' || lastTab) {
    const tabs = lastTab ? parent! : element;
    uischema = dissolve(
      root,
      lastTab ? parentPath : path,
      (tabs.elements ?? []).flatMap((t) => t.elements ?? []),
    );
  } else if (element.type === 'Category') {
    const at = path[path.length - 1]!;
    const into = at > 0 ? at - 1 : 1; // the tab before, or for the first tab the one after
    const moved = element.elements ?? [];
    const filled = replaceAt(root, [...parentPath, into], (tab) => ({
      ...tab,
      elements: into < at ? [...tab.elements!, ...moved] : [...moved, ...tab.elements!],
    }));
    uischema = removeAt(filled, path);
  } else {
    if (!parent) throw new DesignerError('invalid-path', 'the root layout cannot be removed');
    uischema = dissolve(root, path, element.elements ?? []);
  }
  const used = new Set<string>();
  walk(uischema, (el) => el.i18n && used.add(`${el.i18n}.label`));
  const gone = new Set<string>();
  walk(element, (el) => el.i18n && !used.has(`${el.i18n}.label`) && gone.add(`${el.i18n}.label`));
  return dropTexts(withUischema(entity, uischema), (k) => gone.has(k));
}

/** Replaces the element at `path` with `children`; at the root, a vertical layout holding them. */
function dissolve(root: UiElement, path: Path, children: UiElement[]): UiElement {
  if (path.length === 0) return { type: 'VerticalLayout', elements: children };
  const at = path[path.length - 1]!;
  const without = removeAt(root, path);
  return insertAt(without, { parentPath: path.slice(0, -1), index: at }, ...children);
}
