import { describe, expect, it } from 'vitest';
import { addField, DesignerError, elementAt, removeField, renameKey, setRule } from '../../../studio/designer/index.ts';
import { LOCALES, type XField } from '../../../runtime/browser-safe/bundle.ts';
import { controlOrder, entity, expectValid, FIELD_TYPES } from './support.ts';

describe('addField', () => {
  it.each(Object.keys(FIELD_TYPES) as XField[])('adds a %s field at the end of the form, labelled in every locale', (xField) => {
    const before = entity();
    const { entity: after, key } = addField(before, FIELD_TYPES[xField], 'Lieferadresse für Rechnungen');
    expectValid(after);
    expect(key).toBe('lieferadresseFurRechnungen');
    expect(after.form.schema.properties[key]).toEqual({ ...FIELD_TYPES[xField].schema, 'x-field': xField, title: 'Lieferadresse für Rechnungen' });
    expect(after.form.uischema.elements!.at(-1)).toEqual({ type: 'Control', scope: `#/properties/${key}` });
    for (const locale of LOCALES) expect(after.i18n[locale][`${key}.label`]).toBe('Lieferadresse für Rechnungen');
    if (xField === 'select' || xField === 'multiselect') expect(after.i18n.de[`${key}.option_1`]).toBe('Option 1');
    expect(before.form.schema.properties[key]).toBeUndefined();
  });

  it.each([
    ['into the first row, first column', { parentPath: [0], index: 0 }, [0, 0]],
    ['into the first row, after both columns', { parentPath: [0], index: 2 }, [0, 2]],
    ['into a group', { parentPath: [2], index: 1 }, [2, 1]],
    ['into a row inside a group', { parentPath: [3, 1], index: 1 }, [3, 1, 1]],
    ['at the top of the form', { parentPath: [], index: 0 }, [0]],
  ])('inserts %s', (_, target, path) => {
    const { entity: after, key } = addField(entity(), FIELD_TYPES.text, 'Notes', target);
    expectValid(after);
    expect(elementAt(after.form.uischema, path)).toEqual({ type: 'Control', scope: `#/properties/${key}` });
  });

  it.each([
    ['a label that is taken', 'Company', 'company2'],
    ['a reserved word', 'Entity', 'entity2'],
    ['a label without letters', '???', 'field'],
  ])('generates a valid, unique key from %s', (_, label, key) => {
    const result = addField(entity(), FIELD_TYPES.text, label);
    expectValid(result.entity);
    expect(result.key).toBe(key);
  });

  it.each([
    ['a blank label', '  ', undefined, 'invalid-value'],
    ['a label over 200 characters', 'x'.repeat(201), undefined, 'invalid-value'],
    ['a path that leads nowhere', 'Notes', { parentPath: [9], index: 0 }, 'invalid-path'],
    ['an index past the end', 'Notes', { parentPath: [0], index: 3 }, 'invalid-path'],
    ['a negative index', 'Notes', { parentPath: [], index: -1 }, 'invalid-path'],
    ['a Control as the container', 'Notes', { parentPath: [4], index: 0 }, 'not-container'],
  ])('refuses %s', (_, label, target, code) => {
    expect(() => addField(entity(), FIELD_TYPES.text, label, target)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a 201st field', () => {
    let e = entity();
    while (Object.keys(e.form.schema.properties).length < 200) e = addField(e, FIELD_TYPES.checkbox, 'Flag').entity;
    expectValid(e);
    expect(() => addField(e, FIELD_TYPES.checkbox, 'Flag')).toThrow(DesignerError);
  });
});

describe('removeField', () => {
  const ruled = () =>
    setRule(setRule(entity(), [2], { effect: 'HIDE', field: 'rating', operator: 'equals', value: 'cold' }), [4], {
      effect: 'SHOW',
      field: 'rating',
      operator: 'notEmpty',
    });

  it.each([
    ['an optional field', entity, 'company', 1, 0],
    ['a field inside a group', entity, 'phone', 1, 0],
    ['a field two rules depend on', ruled, 'rating', 1, 2],
  ])('removes %s with its control, texts and rules', (_, make, key, controls, rules) => {
    const before = make();
    const { entity: after, removedControls, removedRules } = removeField(before, key);
    expectValid(after);
    expect([removedControls, removedRules]).toEqual([controls, rules]);
    expect(after.form.schema.properties).not.toHaveProperty(key);
    expect(controlOrder(after.form.uischema)).not.toContain(key);
    for (const locale of LOCALES) expect(Object.keys(after.i18n[locale]).filter((k) => k.startsWith(`${key}.`))).toEqual([]);
    expect(JSON.stringify(after.form.uischema)).not.toContain(`/${key}"`);
    expect(before.form.schema.properties).toHaveProperty(key);
  });

  it('removes a required field from required (and drops an emptied list)', () => {
    const base = { ...entity(), titleField: 'firstName' };
    const { entity: after } = removeField(base, 'lastName');
    expectValid(after);
    expect(after.form.schema.required).toBeUndefined();
  });

  it.each([
    ['an unknown field', 'nope', 'unknown-field'],
    ['the title field', 'lastName', 'title-field'],
    ['an inherited name', 'toString', 'unknown-field'],
  ])('refuses %s', (_, key, code) => {
    expect(() => removeField(entity(), key)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses the last field', () => {
    let e = entity();
    for (const key of Object.keys(e.form.schema.properties)) if (key !== 'lastName') e = removeField(e, key).entity;
    expectValid(e);
    expect(() => removeField({ ...e, titleField: undefined }, 'lastName')).toThrow(expect.objectContaining({ code: 'last-field' }));
  });
});

describe('renameKey', () => {
  const withRule = () => setRule(entity(), [4], { effect: 'SHOW', field: 'rating', operator: 'in', value: ['hot', 'warm'] });

  it.each([
    ['a field others depend on', 'rating', 'leadRating'],
    ['the title field', 'lastName', 'surname'],
    ['a field inside a group', 'phone', 'phoneNumber'],
  ])('renames %s everywhere', (_, from, to) => {
    const before = withRule();
    const after = renameKey(before, from, to, new Set(['company']));
    expectValid(after);
    expect(Object.keys(after.form.schema.properties)).toEqual(Object.keys(before.form.schema.properties).map((k) => (k === from ? to : k)));
    expect(controlOrder(after.form.uischema)).toEqual(controlOrder(before.form.uischema).map((k) => (k === from ? to : k)));
    expect(JSON.stringify(after.form.uischema)).not.toContain(`/${from}"`);
    for (const locale of LOCALES) {
      const keys = Object.keys(before.i18n[locale]).map((k) => (k.startsWith(`${from}.`) ? to + k.slice(from.length) : k));
      expect(Object.keys(after.i18n[locale])).toEqual(keys);
    }
    expect(after.form.schema.required).toEqual(before.form.schema.required!.map((k) => (k === from ? to : k)));
    expect(after.titleField).toBe(before.titleField === from ? to : before.titleField);
  });

  it('keeps the entity when the key does not change', () => {
    const e = entity();
    expect(renameKey(e, 'company', 'company', new Set(['company']))).toBe(e);
  });

  it.each([
    ['a published key', 'company', 'firm', ['company'], 'published-key'],
    ['an unknown field', 'nope', 'other', [], 'unknown-field'],
    ['a key that is taken', 'company', 'title', [], 'key-taken'],
    ['a key published before and since removed', 'company', 'oldField', ['oldField'], 'key-taken'],
    ['an upper-case key', 'company', 'Company', [], 'invalid-key'],
    ['a reserved word', 'company', 'group', [], 'invalid-key'],
    ['a key with a dot', 'company', 'com.pany', [], 'invalid-key'],
    ['a key over 64 characters', 'company', 'c'.repeat(65), [], 'invalid-key'],
  ])('refuses %s', (_, from, to, published, code) => {
    expect(() => renameKey(entity(), from, to, new Set(published))).toThrow(expect.objectContaining({ code }));
  });
});
