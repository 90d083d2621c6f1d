import { useI18n } from 'vue-i18n';
import { fieldType } from '../../runtime/web/kit/forms/fields/index.ts';
import { useCanvasStore, type DragItem } from './canvas-store.ts';
import { useDraftStore } from './draft-store.ts';
import { removeElement } from './element-edits.ts';
import { addFromPalette, insertionTarget } from './palette.ts';
import { useDesignerText } from './use-designer-text.ts';
import {
  addGroup,
  addRow,
  addTab,
  addTabs,
  DesignerError,
  elementAt,
  moveDown,
  moveElement,
  moveUp,
  withUischema,
  type EntityConfig,
  type LayoutResult,
  type Target,
} from './index.ts';
import { type UiElement } from '../../runtime/browser-safe/bundle.ts';

/** The id of the property panel's label input, focused when a field or group is added. */
export const LABEL_INPUT = 'designer-label';

/** The designer's edits as the palette and canvas trigger them: each selects, announces and reports what happened. */
export function useDesignerActions() {
  const { t } = useI18n();
  const draft = useDraftStore();
  const canvas = useCanvasStore();
  const names = useDesignerText();

  /** Why the model refused an edit, in words; anything that is not a DesignerError is a bug and is rethrown. */
  function reason(e: unknown): string {
    if (!(e instanceof DesignerError)) throw e;
    // The model's own sentence adds the detail (which limit, which value) to the translated summary.
    return t(`designer.errors.${e.code}`, { detail: e.message });
  }

  /** Runs a model edit on the current entity; the reason when the model refuses it, else null. */
  function attempt(fn: (e: EntityConfig) => EntityConfig, tag?: string): string | null {
    try {
      draft.edit(canvas.entityKey, fn, tag);
      return null;
    } catch (e) {
      return reason(e);
    }
  }

  /** Like attempt, with the refusal shown as the designer's notice. */
  function run(fn: (e: EntityConfig) => EntityConfig, tag?: string): boolean {
    const error = attempt(fn, tag);
    canvas.notice = error ? { kind: 'error', text: error } : null;
    return error === null;
  }

  const uischema = () => names.entity.value!.form.uischema;

  /** Where the element at `path` now sits, in words: "position 2 of 3 in Contact details". */
  function place(ui: UiElement, path: number[]): string {
    const parent = elementAt(ui, path.slice(0, -1));
    const container = path.length > 1 && parent ? names.elementName(parent) : t('designer.theForm');
    return t('designer.announce.place', { n: path[path.length - 1]! + 1, of: parent?.elements?.length ?? 1, container });
  }

  function added(path: number[], name: string) {
    canvas.select(path);
    canvas.announce(t('designer.announce.added', { name, place: place(uischema(), path) }));
    void canvas.focusProperty(LABEL_INPUT);
  }

  function addField(typeKey: string, target?: Target) {
    const entry = fieldType(typeKey);
    if (!entry) return;
    let path: number[] = [];
    const ok = run((e) => {
      const result = addFromPalette(e, entry, t('designer.newField'), target ?? insertionTarget(e.form.uischema, canvas.selected, 'field'));
      path = result.path;
      return result.entity;
    });
    if (ok) added(path, t('designer.newField'));
  }

  function addContainer(kind: 'group' | 'row' | 'tabs') {
    let path: number[] = [];
    const ok = run((e) => {
      const where = insertionTarget(e.form.uischema, canvas.selected, 'container');
      if (kind === 'row') {
        const result = addRow(e.form.uischema, where);
        path = result.path;
        return withUischema(e, result.uischema);
      }
      if (kind === 'group') {
        const result = addGroup(e, t('designer.newGroup'), where);
        path = result.path;
        return result.entity;
      }
      // Turning a form into tabs puts what it has into a first tab and opens a second, empty one.
      const tabbed = e.form.uischema.type === 'Categorization' ? e : addTabs(e, t('designer.firstTab')).entity;
      const result = addTab(tabbed, t('designer.newTab'));
      path = result.path;
      return result.entity;
    });
    if (ok) added(path, names.elementName(elementAt(uischema(), path)!));
  }

  /** Applies a layout change to the current form, then selects, announces and focuses the element where it landed. */
  function arrange(layout: (ui: UiElement) => LayoutResult, from: number[]) {
    let result = null as LayoutResult | null;
    const ok = run((e) => {
      result = layout(e.form.uischema);
      // A move that goes nowhere (the edge of the form) is no edit: nothing to undo, nothing to save.
      return result.uischema === e.form.uischema ? e : withUischema(e, result.uischema);
    });
    if (!ok || !result) return;
    const { uischema: ui, path } = result;
    const name = names.elementName(elementAt(ui, path)!);
    canvas.select(path);
    const moved = path.join('.') !== from.join('.');
    canvas.announce(moved ? t('designer.announce.moved', { name, place: place(ui, path) }) : t('designer.announce.edge', { name }));
    void canvas.focusCard(path);
  }

  /** Keyboard and button moves: one step up or down, into and out of rows, groups and tabs. */
  function move(path: number[], direction: -1 | 1) {
    arrange((ui) => (direction < 0 ? moveUp(ui, path) : moveDown(ui, path)), path);
  }

  /** A drop on the canvas: a palette type becomes a new field there, an element moves there. */
  function drop(item: DragItem, target: Target) {
    if (item.kind === 'type') return addField(item.type, target);
    arrange((ui) => moveElement(ui, item.path, [...target.parentPath, target.index]), item.path);
  }

  function remove(path: number[]) {
    const el = elementAt(uischema(), path);
    if (!el) return;
    const name = names.elementName(el);
    let rules = 0;
    const ok = run((e) => {
      const result = removeElement(e, path);
      rules = result.removedRules;
      return result.entity;
    });
    if (!ok) return;
    canvas.select(null);
    if (rules) canvas.notice = { kind: 'info', text: t('designer.removedRules', { name, n: rules }, rules) };
    canvas.announce(t('designer.announce.removed', { name }));
  }

  return { attempt, addField, addContainer, move, drop, remove };
}
