/** Arranging the UI schema: moving elements (drag and drop, keyboard) and adding rows. Each result says where the element landed. */
import { canHold, defaultTarget, elementAt, insertAt, isWithin, removeAt, requireElement } from './ui-tree.ts';
import { DesignerError, type Path, type Target } from './types.ts';
import { type UiElement } from '../../runtime/browser-safe/bundle.ts';

/** A changed UI schema and the path of the element the edit was about, for selection and focus to follow. */
export interface LayoutResult {
  uischema: UiElement;
  path: number[];
}

/**
 * Moves the element at `from` to `to`, a position in the tree as it is now (before the element at `to`;
 * one past the last index appends). Works across containers; refuses moving an element into itself.
 */
export function moveElement(uischema: UiElement, from: Path, to: Path): LayoutResult {
  if (from.length === 0 || to.length === 0) throw new DesignerError('invalid-move', 'the root layout cannot move');
  if (to.length > from.length && isWithin(to, from)) throw new DesignerError('invalid-move', 'an element cannot move into itself');
  const element = requireElement(uischema, from);
  // Taking the element out shifts its later siblings, and everything inside them, up by one.
  const depth = from.length - 1;
  const shifted = isWithin(to, from.slice(0, depth)) && to[depth]! > from[depth]!;
  const path = shifted ? to.map((i, n) => (n === depth ? i - 1 : i)) : [...to];
  if (path.join('.') === from.join('.')) return { uischema, path }; // back where it was: the same tree
  const moved = insertAt(removeAt(uischema, from), { parentPath: path.slice(0, -1), index: path[path.length - 1]! }, element);
  return { uischema: moved, path };
}

// Fields step into a neighbouring row or group, so the keyboard reaches every place a drag can; containers move past each other.
const entersNeighbour = (element: UiElement, neighbour: UiElement | undefined): neighbour is UiElement =>
  (element.type === 'Control' || element.type === 'Label') && neighbour !== undefined && canHold(neighbour, element);

/** Moves an element one place up: past or into the element before it; the first of a container steps out before it (or into the previous tab). */
export function moveUp(uischema: UiElement, path: Path): LayoutResult {
  const index = path[path.length - 1];
  if (index === undefined) return { uischema, path: [] };
  if (index === 0) return stepOut(uischema, path, -1);
  const parentPath = path.slice(0, -1);
  const previous = elementAt(uischema, [...parentPath, index - 1]);
  if (entersNeighbour(requireElement(uischema, path), previous)) return moveElement(uischema, path, [...parentPath, index - 1, previous.elements?.length ?? 0]);
  return moveElement(uischema, path, [...parentPath, index - 1]);
}

/** Moves an element one place down: past or into the element after it; the last of a container steps out after it (or into the next tab). */
export function moveDown(uischema: UiElement, path: Path): LayoutResult {
  const index = path[path.length - 1];
  if (index === undefined) return { uischema, path: [] };
  const parentPath = path.slice(0, -1);
  const next = elementAt(uischema, [...parentPath, index + 1]);
  if (!next) return stepOut(uischema, path, 1);
  if (entersNeighbour(requireElement(uischema, path), next)) return moveElement(uischema, path, [...parentPath, index + 1, 0]);
  return moveElement(uischema, path, [...parentPath, index + 2]);
}

/** Moves the element out of its container, next to it; a field at the edge of a tab goes to the neighbouring tab. */
function stepOut(uischema: UiElement, path: Path, direction: -1 | 1): LayoutResult {
  const element = requireElement(uischema, path);
  const parentPath = path.slice(0, -1);
  if (parentPath.length === 0) return { uischema, path: [...path] }; // already at the edge of the form
  const grandPath = parentPath.slice(0, -1);
  const grand = requireElement(uischema, grandPath);
  const at = parentPath[parentPath.length - 1]!;
  if (canHold(grand, element)) return moveElement(uischema, path, [...grandPath, direction < 0 ? at : at + 1]);
  const neighbour = grand.elements?.[at + direction];
  if (!neighbour || !canHold(neighbour, element)) return { uischema, path: [...path] };
  const index = direction < 0 ? (neighbour.elements?.length ?? 0) : 0;
  return moveElement(uischema, path, [...grandPath, at + direction, index]);
}

/** Adds an empty row (a HorizontalLayout: its elements become columns) at `target`, by default the end of the form. */
export function addRow(uischema: UiElement, target?: Target): LayoutResult {
  const where = target ?? defaultTarget(uischema);
  const next = insertAt(uischema, where, { type: 'HorizontalLayout', elements: [] });
  return { uischema: next, path: [...where.parentPath, where.index] };
}
