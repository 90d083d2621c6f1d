/** Edits the property panel makes on whatever is selected: labels that keep untranslated copies in step, the reference target, removal. */
import { checkText, mapI18n, requireField, withField, withUischema } from './entity.ts';
import { removeField } from './fields.ts';
import { removeContainer } from './containers.ts';
import { fieldKeyFrom } from './keys.ts';
import { optionValues, type FieldOption } from './options.ts';
import { renameKey } from './rename-key.ts';
import { updateField } from './update-field.ts';
import { controlPaths, fieldOfScope, isContainer, removeAt, replaceAt, requireElement } from './ui-tree.ts';
import { DesignerError, type EntityConfig, type Path } from './types.ts';
import { type Locale } from '../../runtime/browser-safe/bundle.ts';

/**
 * Sets the text `key` in `locale`; other locales still showing the old text (never translated) follow,
 * so a new field renamed from "New field" does not keep that name in the other languages.
 */
function followText(before: EntityConfig, after: EntityConfig, locale: Locale, key: string, text: string): EntityConfig {
  const old = before.i18n[locale]?.[key];
  return mapI18n(after, (dict, l) => (l !== locale && old !== undefined && dict[key] === old ? { ...dict, [key]: text } : dict));
}

/**
 * Relabels field `key` in `locale` (schema title and `<key>.label`, see updateField); untranslated copies
 * follow. While the field is unpublished and its key is still the one made from its label, the key follows
 * the label too ("New field" → "Budget": newField → budget). Returns the field's key afterwards.
 */
export function setFieldLabel(
  entity: EntityConfig,
  key: string,
  label: string,
  locale: Locale,
  publishedKeys: ReadonlySet<string> = new Set(),
): { entity: EntityConfig; key: string } {
  const next = followText(entity, updateField(entity, key, { label }, locale), locale, `${key}.label`, label.trim());
  if (publishedKeys.has(key)) return { entity: next, key };
  const others = new Set(Object.keys(entity.form.schema.properties).filter((k) => k !== key));
  const before = entity.i18n[locale]?.[`${key}.label`] ?? requireField(entity, key).title ?? '';
  if (fieldKeyFrom(before, others) !== key) return { entity: next, key }; // a key someone chose stays
  const newKey = fieldKeyFrom(label, new Set([...others, ...publishedKeys]));
  return { entity: renameKey(next, key, newKey, publishedKeys), key: newKey };
}

/** Replaces the choices of field `key` (see updateField's `options`); untranslated copies of renamed choices follow. */
export function setOptions(entity: EntityConfig, key: string, options: FieldOption[], locale: Locale): EntityConfig {
  const next = updateField(entity, key, { options }, locale);
  const values = optionValues(next.form.schema.properties[key]!) ?? [];
  return values.reduce((out, value) => {
    const textKey = `${key}.${value}`;
    const text = next.i18n[locale]?.[textKey];
    return text === undefined ? out : followText(entity, out, locale, textKey, text);
  }, next);
}

/** Relabels the group or tab at `path` in `locale`; its fallback `label` follows the English text. */
export function setElementLabel(entity: EntityConfig, path: Path, label: string, locale: Locale): EntityConfig {
  const el = requireElement(entity.form.uischema, path);
  if (!el.i18n) throw new DesignerError('not-applicable', `a ${el.type} has no label`);
  const text = checkText(label, 'a label', 200);
  const key = `${el.i18n}.label`;
  let next = mapI18n(entity, (dict, l) => (l === locale ? { ...dict, [key]: text } : dict));
  next = followText(entity, next, locale, key, text);
  return withUischema(
    next,
    replaceAt(next.form.uischema, path, (e) => ({ ...e, label: next.i18n.en[key] ?? text })),
  );
}

/** Points reference field `key` at entity `target`, one of `entities` (the bundle's entity keys). */
export function setReference(entity: EntityConfig, key: string, target: string, entities: readonly string[]): EntityConfig {
  const field = requireField(entity, key);
  if (field['x-ref'] === undefined) throw new DesignerError('not-applicable', `a ${field['x-field']} field refers to no entity`);
  if (!entities.includes(target)) throw new DesignerError('invalid-value', `there is no entity "${target}"`);
  return withField(entity, key, { ...field, 'x-ref': target });
}

/**
 * Makes reference field `key` link one record (`reference`, an id) or several (`references`, a list of ids): only
 * while it is unpublished, since records store their value in one shape or the other.
 */
export function setReferenceCount(entity: EntityConfig, key: string, many: boolean, publishedKeys: ReadonlySet<string>): EntityConfig {
  const field = requireField(entity, key);
  if (field['x-ref'] === undefined) throw new DesignerError('not-applicable', `a ${field['x-field']} field refers to no entity`);
  if ((field['x-field'] === 'references') === many) return entity;
  if (publishedKeys.has(key)) throw new DesignerError('published-key', `"${key}" is published; records store their data in its shape`);
  const kept = {
    'x-ref': field['x-ref'],
    ...(field.title === undefined ? {} : { title: field.title }),
    ...(field.description === undefined ? {} : { description: field.description }),
    ...(field['x-onDelete'] === undefined ? {} : { 'x-onDelete': field['x-onDelete'] }),
  };
  return withField(
    entity,
    key,
    many
      ? { type: 'array', 'x-field': 'references', items: { type: 'string', maxLength: 64 }, uniqueItems: true, maxItems: 50, ...kept }
      : { type: 'string', 'x-field': 'reference', maxLength: 64, ...kept },
  );
}

/** What deleting the record reference field `key` points at does to records pointing at it (undefined: they keep pointing). */
export function setOnDelete(entity: EntityConfig, key: string, onDelete: 'refuse' | 'clear' | undefined): EntityConfig {
  const field = { ...requireField(entity, key) };
  if (field['x-ref'] === undefined) throw new DesignerError('not-applicable', `a ${field['x-field']} field refers to no entity`);
  if (onDelete === undefined) delete field['x-onDelete'];
  else field['x-onDelete'] = onDelete;
  return withField(entity, key, field);
}

/** Names, in `locale`, the list of records pointing through reference field `key` on the record they point at (blank: named after the record type). */
export function setReverseName(entity: EntityConfig, key: string, locale: Locale, text: string): EntityConfig {
  if (requireField(entity, key)['x-ref'] === undefined) throw new DesignerError('not-applicable', 'only a reference names a list');
  const id = `${key}.reverse`;
  const value = text.trim() ? checkText(text, 'a list name', 200) : '';
  return mapI18n(entity, (dict, l) => {
    if (l !== locale) return dict;
    if (value) return { ...dict, [id]: value };
    const { [id]: _, ...rest } = dict;
    return rest;
  });
}

/** What removeElement took along: rules elsewhere that named a removed field. */
export interface RemovedElement {
  entity: EntityConfig;
  removedRules: number;
}

/**
 * Removes the element at `path`: a field's only Control removes the field (removeField), a second Control
 * of the same field only that Control; a container gives its elements to its parent (removeContainer).
 */
export function removeElement(entity: EntityConfig, path: Path): RemovedElement {
  const el = requireElement(entity.form.uischema, path);
  if (isContainer(el)) return { entity: removeContainer(entity, path), removedRules: 0 };
  const key = el.type === 'Control' ? fieldOfScope(el.scope) : undefined;
  if (key !== undefined && controlPaths(entity.form.uischema, key).length === 1) {
    const { entity: next, removedRules } = removeField(entity, key);
    return { entity: next, removedRules };
  }
  return { entity: withUischema(entity, removeAt(entity.form.uischema, path)), removedRules: 0 };
}
