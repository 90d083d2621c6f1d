/** Immutable edits of a UI schema addressed by paths: every function returns a new tree and never changes its input. */
import { DesignerError, type Path, type Target } from './types.ts';
import { type UiElement } from '../../runtime/browser-safe/bundle.ts';

const CONTAINERS = new Set(['VerticalLayout', 'HorizontalLayout', 'Group', 'Categorization', 'Category']);
const MAX_ELEMENTS = 200; // form.schema.json: maxItems of `elements`

/** Whether the element may hold others: layouts, groups, tabs and tab sets. */
export const isContainer = (el: UiElement): boolean => CONTAINERS.has(el.type);

/** Categorizations hold only Categories, and Categories live only in Categorizations. */
export function canHold(parent: UiElement, child: UiElement): boolean {
  if (!isContainer(parent)) return false;
  return parent.type === 'Categorization' ? child.type === 'Category' : child.type !== 'Category';
}

/** The Control scope of field `key`. */
export const scopeOf = (key: string): string => `#/properties/${key}`;

/** Whether `path` is `ancestor` itself or leads to an element inside it. */
export function isWithin(path: Path, ancestor: Path): boolean {
  return path.length >= ancestor.length && ancestor.every((i, n) => path[n] === i);
}

/** The field a scope names (`#/properties/x` → `x`), or undefined for any other scope. */
export function fieldOfScope(scope: string | undefined): string | undefined {
  const m = scope === undefined ? null : /^#\/properties\/([^/]+)$/.exec(scope);
  return m ? m[1] : undefined;
}

/** The element at `path`, or undefined when the path leads nowhere. */
export function elementAt(root: UiElement, path: Path): UiElement | undefined {
  let el: UiElement | undefined = root;
  for (const i of path) el = el?.elements?.[i];
  return el;
}

/** The element at `path`, or a DesignerError when the path leads nowhere. */
export function requireElement(root: UiElement, path: Path): UiElement {
  const el = elementAt(root, path);
  if (!el) throw new DesignerError('invalid-path', `no element at [${path.join(',')}]`);
  return el;
}

/** A copy of the tree with the element at `path` replaced by `fn(element)`. */
export function replaceAt(root: UiElement, path: Path, fn: (el: UiElement) => UiElement): UiElement {
  if (path.length === 0) return fn(root);
  const [i, ...rest] = path as [number, ...number[]];
  const child = root.elements?.[i];
  if (!child) throw new DesignerError('invalid-path', `no element at index ${i}`);
  const elements = root.elements!.slice();
  elements[i] = replaceAt(child, rest, fn);
  return { ...root, elements };
}

/** A copy of the tree without the element at `path` (not the root). */
export function removeAt(root: UiElement, path: Path): UiElement {
  if (path.length === 0) throw new DesignerError('invalid-path', 'the root layout cannot be removed');
  requireElement(root, path);
  const index = path[path.length - 1]!;
  return replaceAt(root, path.slice(0, -1), (parent) => ({ ...parent, elements: parent.elements!.filter((_, i) => i !== index) }));
}

/** A copy of the tree with `items` inserted into the container at `target`; refuses what the container may not hold. */
export function insertAt(root: UiElement, target: Target, ...items: UiElement[]): UiElement {
  const parent = requireElement(root, target.parentPath);
  if (!isContainer(parent)) throw new DesignerError('not-container', `a ${parent.type} holds no elements`);
  const bad = items.find((item) => !canHold(parent, item));
  if (bad) throw new DesignerError('invalid-move', `a ${parent.type} cannot hold a ${bad.type}`);
  const elements = parent.elements ?? [];
  const { index } = target;
  if (!Number.isInteger(index) || index < 0 || index > elements.length) throw new DesignerError('invalid-path', `index ${index} is outside the container`);
  if (elements.length + items.length > MAX_ELEMENTS) throw new DesignerError('too-many', `a container holds at most ${MAX_ELEMENTS} elements`);
  return replaceAt(root, target.parentPath, (p) => ({ ...p, elements: [...elements.slice(0, index), ...items, ...elements.slice(index)] }));
}

/** Where new elements go by default: the end of the root layout, or of the first tab when the root has tabs. */
export function defaultTarget(root: UiElement): Target {
  if (root.type === 'Categorization') {
    const first = root.elements?.[0];
    if (!first) throw new DesignerError('invalid-path', 'the form has no tab to add to');
    return { parentPath: [0], index: first.elements?.length ?? 0 };
  }
  if (!isContainer(root)) throw new DesignerError('not-container', `a ${root.type} holds no elements`);
  return { parentPath: [], index: root.elements?.length ?? 0 };
}

/** A copy of the tree with every element passed through `fn` (children first); `fn` returning null drops the element. */
export function mapTree(root: UiElement, fn: (el: UiElement) => UiElement | null): UiElement {
  const visit = (el: UiElement): UiElement | null => {
    const elements = el.elements?.map(visit).filter((e): e is UiElement => e !== null);
    return fn(elements ? { ...el, elements } : el);
  };
  return visit(root) ?? root;
}

/** Calls `visit` for every element in document order with its path and ancestors (outermost first). */
export function walk(root: UiElement, visit: (el: UiElement, path: number[], ancestors: UiElement[]) => void): void {
  const go = (el: UiElement, path: number[], ancestors: UiElement[]) => {
    visit(el, path, ancestors);
    el.elements?.forEach((child, i) => go(child, [...path, i], [...ancestors, el]));
  };
  go(root, [], []);
}

/** Paths of the Controls of `key`, in document order. */
export function controlPaths(root: UiElement, key: string): number[][] {
  const found: number[][] = [];
  walk(root, (el, path) => {
    if (el.type === 'Control' && fieldOfScope(el.scope) === key) found.push(path);
  });
  return found;
}
