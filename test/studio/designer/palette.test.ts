import { describe, expect, it } from 'vitest';
import { elementAt } from '../../../studio/designer/index.ts';
import { addFromPalette, insertionTarget } from '../../../studio/designer/palette.ts';
import { FIELD_TYPES as REGISTRY } from '../../../runtime/web/kit/forms/fields/index.ts';
import { entity, expectValid } from './support.ts';

describe('addFromPalette', () => {
  it.each(REGISTRY.map((t) => [t.key, t] as const))('adds a valid %s field from the registry and says where it landed', (_, type) => {
    const { entity: after, key, path } = addFromPalette(entity(), type, 'New field');
    expectValid(after);
    expect(key).toBe('newField');
    expect(after.form.schema.properties[key]!['x-field']).toBe(type.key);
    expect(elementAt(after.form.uischema, path)).toEqual({
      type: 'Control',
      scope: '#/properties/newField',
      ...(type.options ? { options: type.options } : {}),
    });
  });

  it('gives the Control the options of its type (a long text spans lines)', () => {
    const textarea = REGISTRY.find((t) => t.key === 'textarea')!;
    const { entity: after, path } = addFromPalette(entity(), textarea, 'Notes', { parentPath: [], index: 0 });
    expect(path).toEqual([0]);
    expect(elementAt(after.form.uischema, [0])!.options).toEqual({ multi: true });
  });
});

describe('insertionTarget', () => {
  const ui = entity().form.uischema; // [row, row, group(contact), group(qualification), …]
  it.each([
    ['nothing selected: the end of the form', null, 'field', { parentPath: [], index: ui.elements!.length }],
    ['a field selected: right after it', [0, 1], 'field', { parentPath: [0], index: 2 }],
    ['a row selected: a field goes into it', [1], 'field', { parentPath: [1], index: 2 }],
    ['a group selected: a field goes to its end', [2], 'field', { parentPath: [2], index: 1 }],
    ['a group selected: a container goes after it', [2], 'container', { parentPath: [], index: 3 }],
    ['a path that leads nowhere: the end of the form', [42], 'field', { parentPath: [], index: ui.elements!.length }],
  ] as const)('%s', (_, selected, what, target) => {
    expect(insertionTarget(ui, selected, what)).toEqual(target);
  });

  it('inside tabs: into the selected tab, else the first tab', () => {
    const tabs = {
      type: 'Categorization' as const,
      elements: [
        { type: 'Category' as const, elements: [] },
        { type: 'Category' as const, elements: [{ type: 'Label' as const, text: 'x' }] },
      ],
    };
    expect(insertionTarget(tabs, [1], 'container')).toEqual({ parentPath: [1], index: 1 });
    expect(insertionTarget(tabs, null, 'field')).toEqual({ parentPath: [0], index: 0 });
    expect(insertionTarget(tabs, [], 'field')).toEqual({ parentPath: [0], index: 0 });
  });
});
