/** Renaming a field's key everywhere the entity names it. */
import { mapI18n, requireField, withSchema, withUischema } from './entity.ts';
import { isFieldKey } from './keys.ts';
import { fieldOfScope, mapTree, scopeOf } from './ui-tree.ts';
import { DesignerError, type EntityConfig } from './types.ts';
import { type UiElement } from '../../runtime/browser-safe/bundle.ts';

/**
 * Renames field `oldKey` to `newKey` in the properties (keeping their order), required, Control scopes,
 * rule conditions, `<key>.*` translations and titleField. Refuses keys of the published form, since
 * stored records use them, and new keys that are invalid or taken.
 */
export function renameKey(entity: EntityConfig, oldKey: string, newKey: string, publishedKeys: ReadonlySet<string>): EntityConfig {
  requireField(entity, oldKey);
  if (newKey === oldKey) return entity;
  if (publishedKeys.has(oldKey)) throw new DesignerError('published-key', `"${oldKey}" is published; records store their data under it`);
  if (!isFieldKey(newKey)) throw new DesignerError('invalid-key', `"${newKey}" is not a valid field key`);
  const { properties, required } = entity.form.schema;
  // A key once published and later removed may still sit in old records: reusing it would adopt their data.
  if (Object.hasOwn(properties, newKey) || publishedKeys.has(newKey)) throw new DesignerError('key-taken', `"${newKey}" is already used`);

  const renamed = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k === oldKey ? newKey : k, v]));
  const swap = (k: string) => (k === oldKey ? newKey : k);
  let next = withSchema(entity, { ...entity.form.schema, properties: renamed, ...(required ? { required: required.map(swap) } : {}) });
  next = withUischema(
    next,
    mapTree(entity.form.uischema, (el) => renameInElement(el, oldKey, newKey)),
  );
  const prefix = `${oldKey}.`;
  next = mapI18n(next, (dict) => Object.fromEntries(Object.entries(dict).map(([k, v]) => [k.startsWith(prefix) ? newKey + k.slice(oldKey.length) : k, v])));
  return entity.titleField === oldKey ? { ...next, titleField: newKey } : next;
}

function renameInElement(el: UiElement, oldKey: string, newKey: string): UiElement {
  let out = el;
  if (el.type === 'Control' && fieldOfScope(el.scope) === oldKey) out = { ...out, scope: scopeOf(newKey) };
  if (el.rule && fieldOfScope(el.rule.condition.scope) === oldKey) {
    out = { ...out, rule: { ...el.rule, condition: { ...el.rule.condition, scope: scopeOf(newKey) } } };
  }
  return out;
}
