import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, LOCALES, SCOPES, TASKS, X_FIELDS } from '../../runtime/browser-safe/bundle.ts';
import { FIELD_TYPES } from '../../runtime/web/kit/forms/fields/index.ts';

const schema = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', `${name}.schema.json`), 'utf8'));

/** The bundle's types are written once in runtime/browser-safe/bundle.ts; these keep them to what schemas/ says. */
describe('the bundle types say what the schemas say', () => {
  it('locales, scopes, actions and tasks', () => {
    expect([...LOCALES]).toEqual(schema('entity').properties.i18n.propertyNames.enum);
    const role = schema('role');
    expect([...SCOPES]).toEqual(role.$defs.scope.enum);
    expect([...ACTIONS]).toEqual(Object.keys(role.$defs.entityPrivileges.properties).filter((k) => k !== 'fields'));
    expect([...TASKS]).toEqual(role.properties.tasks.items.enum);
  });

  it('field types, each with a renderer in the workspace registry', () => {
    expect([...X_FIELDS]).toEqual(schema('form').$defs.field.properties['x-field'].enum);
    expect(FIELD_TYPES.map((t) => t.key).sort()).toEqual([...X_FIELDS].sort());
  });
});
