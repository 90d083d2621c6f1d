import { describe, expect, it } from 'vitest';
import { addRow, addTabs, elementAt, moveDown, moveElement, moveUp } from '../../../studio/designer/index.ts';
import { type UiElement } from '../../../runtime/browser-safe/bundle.ts';
import { controlOrder, deepFreeze, entity, expectValid, withLayout } from './support.ts';

// Lead layout: [0] row(firstName, lastName) [1] row(company, title) [2] group(row(email, phone))
// [3] group(row(source, rating), row(industry, estimatedValue)) [4] description
const lead = () => entity().form.uischema;
const at = (ui: UiElement, path: number[]) => elementAt(ui, path)?.scope?.split('/').at(-1) ?? elementAt(ui, path)?.type;

describe('moveElement', () => {
  it.each<[string, number[], number[], number[], string]>([
    ['within a row, to the front', [0, 1], [0, 0], [0, 0], 'lastName'],
    ['within a row, to the end', [0, 0], [0, 2], [0, 1], 'firstName'],
    ['onto its own place', [0, 0], [0, 0], [0, 0], 'firstName'],
    ['just after itself (no change)', [0, 0], [0, 1], [0, 0], 'firstName'],
    ['from a row into a group', [0, 0], [2, 0, 1], [2, 0, 1], 'firstName'],
    ['out of a group to the top', [3, 1, 1], [0], [0], 'estimatedValue'],
    ['a row into a later group (the path shifts)', [1], [3, 2], [2, 2], 'HorizontalLayout'],
    ['a whole group to the end', [2], [5], [4], 'Group'],
    ['a control to the end of the form', [4], [5], [4], 'description'],
    ['into a row nested in a later sibling', [0, 0], [3, 0, 0], [3, 0, 0], 'firstName'],
  ])('moves %s', (_, from, to, landed, what) => {
    const before = lead();
    const { uischema, path } = moveElement(before, from, to);
    expectValid(withLayout(uischema));
    expect(path).toEqual(landed);
    expect(at(uischema, path)).toBe(what);
    expect(controlOrder(uischema).sort()).toEqual(controlOrder(before).sort());
    if (landed.join('.') === from.join('.')) expect(uischema).toBe(before);
  });

  it.each<[string, number[], number[], string]>([
    ['the root', [], [0], 'invalid-move'],
    ['to the root position', [0], [], 'invalid-move'],
    ['into itself', [3], [3, 0, 0], 'invalid-move'],
    ['from nowhere', [9], [0], 'invalid-path'],
    ['to nowhere', [0, 0], [9, 0], 'invalid-path'],
    ['past the end of a row', [4], [0, 3], 'invalid-path'],
    ['into a Control', [0, 0], [4, 0], 'not-container'],
  ])('refuses moving %s', (_, from, to, code) => {
    expect(() => moveElement(lead(), from, to)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a field straight into tabs and a tab out of them', () => {
    const tabs = deepFreeze(addTabs(entity(), 'Main').entity.form.uischema);
    expect(() => moveElement(tabs, [0, 4], [0])).toThrow(expect.objectContaining({ code: 'invalid-move' }));
    const withTwo: UiElement = deepFreeze({ ...tabs, elements: [...tabs.elements!, { type: 'Category', label: 'More', elements: [] }] });
    expect(() => moveElement(withTwo, [1], [0, 0])).toThrow(expect.objectContaining({ code: 'invalid-move' }));
  });
});

describe('moveUp / moveDown', () => {
  it.each<[string, 'up' | 'down', number[], number[], string[]]>([
    ['swaps within a row', 'down', [0, 0], [0, 1], ['lastName', 'firstName', 'company']],
    ['swaps within a row', 'up', [0, 1], [0, 0], ['lastName', 'firstName', 'company']],
    ['steps out of a row, before it', 'up', [0, 0], [0], ['firstName', 'lastName', 'company']],
    ['steps out of a row, after it', 'down', [0, 1], [1], ['firstName', 'lastName', 'company']],
    ['swaps rows', 'down', [0], [1], ['company', 'title', 'firstName']],
    ['stays at the top of the form', 'up', [0], [0], ['firstName', 'lastName', 'company']],
    ['stays at the bottom of the form', 'down', [4], [4], ['firstName', 'lastName', 'company']],
    ['enters the group before it, at its end', 'up', [4], [3, 2], ['firstName', 'lastName', 'company']],
    ['moves the root nowhere', 'up', [], [], ['firstName', 'lastName', 'company']],
  ])('%s (%s from %j)', (_, direction, from, landed, firstThree) => {
    const before = lead();
    const { uischema, path } = (direction === 'up' ? moveUp : moveDown)(before, from);
    expectValid(withLayout(uischema));
    expect(path).toEqual(landed);
    expect(controlOrder(uischema).slice(0, 3)).toEqual(firstThree);
    if (JSON.stringify(path) === JSON.stringify(from)) expect(uischema).toBe(before);
  });

  it('moves a field down into the row after it, and a row down past the row after it', () => {
    const top = moveElement(lead(), [4], [0]).uischema;
    const entered = moveDown(top, [0]);
    expect(entered.path).toEqual([0, 0]);
    expect(controlOrder(entered.uischema).slice(0, 3)).toEqual(['description', 'firstName', 'lastName']);
    const rows = moveDown(lead(), [0]);
    expect(rows.path).toEqual([1]);
    expect(elementAt(rows.uischema, [1])).toEqual(elementAt(lead(), [0]));
  });

  it('walks a field through every place of the form and back, one step at a time', () => {
    const start = lead();
    let ui = start;
    let path = [0, 0];
    const down: number[][] = [path];
    for (;;) {
      const next = moveDown(ui, path);
      if (next.uischema === ui) break;
      ({ uischema: ui, path } = next);
      expectValid(withLayout(ui));
      expect(at(ui, path)).toBe('firstName');
      down.push(path);
    }
    expect(path).toEqual([5]);
    // It passed through every row: each field it met was once its neighbour in a HorizontalLayout.
    expect(down.filter((p) => p.length === 3).length).toBe(9);
    const up: number[][] = [path];
    while (JSON.stringify(path) !== '[0,0]' && up.length < 100) {
      ({ uischema: ui, path } = moveUp(ui, path));
      up.push(path);
    }
    expect(up.reverse()).toEqual(down);
    expect(ui).toEqual(start);
  });

  it.each<['up' | 'down', number[], number[]]>([
    ['down', [0, 4], [1, 0]],
    ['up', [1, 0], [0, 5]],
  ])('moves a field at the edge of a tab into the neighbouring tab (%s)', (direction, from, landed) => {
    const tabs = addTabs(entity(), 'Main').entity.form.uischema;
    const two: UiElement = deepFreeze({
      ...tabs,
      elements: [...tabs.elements!, { type: 'Category', label: 'More', elements: [{ type: 'Control', scope: '#/properties/company' }] }],
    });
    const { uischema, path } = (direction === 'up' ? moveUp : moveDown)(two, from);
    expectValid(withLayout(uischema));
    expect(path).toEqual(landed);
  });
});

describe('addRow', () => {
  it.each<[string, Parameters<typeof addRow>[1], number[]]>([
    ['at the end of the form', undefined, [5]],
    ['at the top', { parentPath: [], index: 0 }, [0]],
    ['inside a group', { parentPath: [3], index: 2 }, [3, 2]],
  ])('adds an empty row %s', (_, target, path) => {
    const { uischema, path: landed } = addRow(lead(), target);
    expectValid(withLayout(uischema));
    expect(landed).toEqual(path);
    expect(elementAt(uischema, path)).toEqual({ type: 'HorizontalLayout', elements: [] });
  });

  it('refuses a row straight into tabs, and adds one to the first tab by default', () => {
    const tabs = addTabs(entity(), 'Main').entity.form.uischema;
    expect(() => addRow(tabs, { parentPath: [], index: 0 })).toThrow(expect.objectContaining({ code: 'invalid-move' }));
    expect(elementAt(addRow(tabs).uischema, [0, 5])?.type).toBe('HorizontalLayout');
  });
});
