import { describe, expect, it } from 'vitest';
import { addField, addGroup, addTab, addTabs, elementAt, removeContainer, setRule, type EntityConfig } from '../../../studio/designer/index.ts';
import { LOCALES } from '../../../runtime/browser-safe/bundle.ts';
import { controlOrder, deepFreeze, entity, expectValid, FIELD_TYPES } from './support.ts';

const tabbed = () => deepFreeze(addTab(addTabs(entity(), 'Main').entity, 'Details').entity);

describe('addGroup', () => {
  it.each<[string, string, Parameters<typeof addGroup>[2], number[], string]>([
    ['at the end of the form', 'Billing', undefined, [5], 'group.billing'],
    ['at the top', 'Billing', { parentPath: [], index: 0 }, [0], 'group.billing'],
    ['inside another group', 'Sub section', { parentPath: [3], index: 1 }, [3, 1], 'group.subSection'],
    ['with a label like an existing group', 'Qualification', undefined, [5], 'group.qualification2'],
    ['with an accented label', 'Données clés', undefined, [5], 'group.donneesCles'],
  ])('adds a group %s', (_, label, target, path, i18n) => {
    const { entity: after, path: landed } = addGroup(entity(), label, target);
    expectValid(after);
    expect(landed).toEqual(path);
    expect(elementAt(after.form.uischema, path)).toEqual({ type: 'Group', label, i18n, elements: [] });
    for (const l of LOCALES) expect(after.i18n[l][`${i18n}.label`]).toBe(label);
  });

  it('does not reuse a group key that only a translation still holds', () => {
    const e = deepFreeze({ ...entity(), i18n: { ...entity().i18n, en: { ...entity().i18n.en, 'group.billing.label': 'Old' } } });
    expect(elementAt(addGroup(e, 'Billing').entity.form.uischema, [5])?.i18n).toBe('group.billing2');
  });

  it.each<[string, string, Parameters<typeof addGroup>[2], string]>([
    ['a blank label', ' ', undefined, 'invalid-value'],
    ['a Control as container', 'X', { parentPath: [4], index: 0 }, 'not-container'],
    ['a missing container', 'X', { parentPath: [7], index: 0 }, 'invalid-path'],
  ])('refuses %s', (_, label, target, code) => {
    expect(() => addGroup(entity(), label, target)).toThrow(expect.objectContaining({ code }));
  });
});

describe('addTabs / addTab', () => {
  it('puts the whole form into a first tab and adds tabs after it', () => {
    const before = entity();
    const { entity: one, path } = addTabs(before, 'Main');
    expectValid(one);
    expect(path).toEqual([0]);
    expect(one.form.uischema).toEqual({
      type: 'Categorization',
      elements: [{ type: 'Category', label: 'Main', i18n: 'group.main', elements: before.form.uischema.elements }],
    });
    const { entity: two, path: second } = addTab(one, 'Details');
    expectValid(two);
    expect(second).toEqual([1]);
    const { entity: three, path: first } = addTab(two, 'Intro', 0);
    expectValid(three);
    expect(first).toEqual([0]);
    expect(three.form.uischema.elements!.map((c) => c.i18n)).toEqual(['group.intro', 'group.main', 'group.details']);
    for (const l of LOCALES) expect(three.i18n[l]['group.details.label']).toBe('Details');
  });

  it('keeps a root layout with settings of its own whole inside the first tab', () => {
    const ruled = setRule(entity(), [2], { effect: 'HIDE', field: 'rating', operator: 'equals', value: 'cold' });
    const withOptions = deepFreeze({ ...ruled, form: { ...ruled.form, uischema: { ...ruled.form.uischema, options: { compact: true } } } });
    const { entity: after } = addTabs(withOptions, 'Main');
    expectValid(after);
    expect(after.form.uischema.elements![0]!.elements).toEqual([withOptions.form.uischema]);
  });

  it('adds new fields to the first tab by default', () => {
    const { entity: after, key } = addField(tabbed(), FIELD_TYPES.text, 'Notes');
    expectValid(after);
    expect(elementAt(after.form.uischema, [0, 5])?.scope).toBe(`#/properties/${key}`);
  });

  it.each<[string, () => EntityConfig, (e: EntityConfig) => unknown, string]>([
    ['tabs twice', tabbed, (e) => addTabs(e, 'Again'), 'already-tabs'],
    ['a tab without tabs', entity, (e) => addTab(e, 'Lonely'), 'not-tabs'],
    ['a tab past the end', tabbed, (e) => addTab(e, 'Far', 5), 'invalid-path'],
  ])('refuses %s', (_, make, edit, code) => {
    expect(() => edit(make())).toThrow(expect.objectContaining({ code }));
  });
});

describe('removeContainer', () => {
  it.each<[string, () => EntityConfig, number[], string[]]>([
    ['a row: its fields take its place', entity, [0], ['VerticalLayout', 'Control', 'Control', 'HorizontalLayout']],
    ['a group: its rows take its place', entity, [3], ['VerticalLayout', 'HorizontalLayout', 'HorizontalLayout', 'Group', 'HorizontalLayout']],
    ['a row inside a group', entity, [3, 1], ['VerticalLayout', 'HorizontalLayout', 'HorizontalLayout', 'Group', 'Group']],
    ['the second tab: its fields join the first', tabbed, [1], ['Categorization', 'Category']],
    ['the first tab: its fields join the next', tabbed, [0], ['Categorization', 'Category']],
    ['all tabs: the form is a plain layout again', tabbed, [], ['VerticalLayout', 'HorizontalLayout', 'HorizontalLayout', 'Group']],
  ])('removes %s, keeping every field', (_, make, path, firstTypes) => {
    const before = make();
    const after = removeContainer(before, path);
    expectValid(after);
    expect(controlOrder(after.form.uischema)).toEqual(controlOrder(before.form.uischema));
    const types: string[] = [after.form.uischema.type, ...after.form.uischema.elements!.map((e) => e.type)];
    expect(types.slice(0, firstTypes.length)).toEqual(firstTypes);
  });

  it('removes the label texts of a removed group, and of the last tab', () => {
    const after = removeContainer(entity(), [2]);
    for (const l of LOCALES) expect(after.i18n[l]).not.toHaveProperty('group.contactDetails.label');
    expect(after.i18n.de['group.qualification.label']).toBe('Qualifizierung');
    const { entity: one } = addTabs(entity(), 'Main');
    const plain = removeContainer(one, [0]);
    expectValid(plain);
    expect(plain.form.uischema.type).toBe('VerticalLayout');
    expect(plain.i18n.en).not.toHaveProperty('group.main.label');
  });

  it.each<[string, () => EntityConfig, number[], string]>([
    ['a Control', entity, [4], 'not-container'],
    ['the root layout', entity, [], 'invalid-path'],
    ['nothing', entity, [8], 'invalid-path'],
  ])('refuses %s', (_, make, path, code) => {
    expect(() => removeContainer(make(), path)).toThrow(expect.objectContaining({ code }));
  });
});
