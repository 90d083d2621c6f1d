/** Adding and removing fields: the property, its Controls, its translations and the rules that name it move together. */
import { checkText, dropTexts, mapI18n, requireField, withSchema, withUischema } from './entity.ts';
import { fieldKeyFrom, labelFromValue } from './keys.ts';
import { optionValues } from './options.ts';
import { defaultTarget, fieldOfScope, insertAt, mapTree, scopeOf } from './ui-tree.ts';
import { DesignerError, type EntityConfig, type Target } from './types.ts';
import { type FieldSchema, type XField } from '../../runtime/browser-safe/bundle.ts';

/** A field type of the palette: its `x-field` and the schema a new field of that type starts with. */
export interface FieldType {
  xField: XField;
  schema: Omit<FieldSchema, 'x-field' | 'title'>;
}

const MAX_FIELDS = 200; // form.schema.json: maxProperties

/**
 * Adds a field labelled `label` with a key generated from the label, its `<key>.label` text in every
 * locale (and a text for each option the type starts with), and a Control at `target` (default: the end of the form).
 */
export function addField(entity: EntityConfig, type: FieldType, label: string, target?: Target): { entity: EntityConfig; key: string } {
  const title = checkText(label, 'a field label', 200);
  const schema = entity.form.schema;
  if (Object.keys(schema.properties).length >= MAX_FIELDS) throw new DesignerError('too-many', `a form has at most ${MAX_FIELDS} fields`);
  const key = fieldKeyFrom(title, new Set(Object.keys(schema.properties)));
  const field: FieldSchema = { ...structuredClone(type.schema), 'x-field': type.xField, title };
  const uischema = insertAt(entity.form.uischema, target ?? defaultTarget(entity.form.uischema), { type: 'Control', scope: scopeOf(key) });
  const options = optionValues(field) ?? [];
  let next = withUischema(withSchema(entity, { ...schema, properties: { ...schema.properties, [key]: field } }), uischema);
  next = mapI18n(next, (dict) => {
    const texts: Record<string, string> = { ...dict, [`${key}.label`]: title };
    for (const value of options) texts[`${key}.${value}`] = labelFromValue(value);
    return texts;
  });
  return { entity: next, key };
}

/** What removeField took along with the property. */
export interface RemovedField {
  entity: EntityConfig;
  /** Controls of the field taken out of the layout. */
  removedControls: number;
  /** Rules elsewhere in the layout whose condition named the field; their elements now always show and are enabled. */
  removedRules: number;
}

/**
 * Removes field `key`: its property, required entry, Controls, `<key>.*` translations, and every rule
 * whose condition names it. Refuses the entity's title field and the last field (a form needs one).
 */
export function removeField(entity: EntityConfig, key: string): RemovedField {
  requireField(entity, key);
  if (entity.titleField === key) throw new DesignerError('title-field', `"${key}" is the record title; choose another title field first`);
  const { properties, required, ...rest } = entity.form.schema;
  if (Object.keys(properties).length === 1) throw new DesignerError('last-field', 'a form needs at least one field');
  const remaining = Object.fromEntries(Object.entries(properties).filter(([k]) => k !== key));
  const stillRequired = required?.filter((k) => k !== key);
  let removedControls = 0;
  let removedRules = 0;
  const uischema = mapTree(entity.form.uischema, (el) => {
    if (el.type === 'Control' && fieldOfScope(el.scope) === key) {
      removedControls++;
      return null;
    }
    if (el.rule && fieldOfScope(el.rule.condition.scope) === key) {
      removedRules++;
      const { rule: _, ...kept } = el;
      return kept;
    }
    return el;
  });
  const schema = { ...rest, properties: remaining, ...(stillRequired?.length ? { required: stillRequired } : {}) };
  const next = dropTexts(withUischema(withSchema(entity, schema), uischema), (k) => k.startsWith(`${key}.`));
  return { entity: next, removedControls, removedRules };
}
