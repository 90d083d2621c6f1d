/** Small immutable setters over an entity's form and translations, shared by the designer's edits. */
import { DesignerError, type EntityConfig } from './types.ts';
import { LOCALES, type FieldSchema, type FormSchema, type Locale, type UiElement } from '../../runtime/browser-safe/bundle.ts';

/** A copy of the entity with `schema` as its form's JSON Schema. */
export function withSchema(entity: EntityConfig, schema: FormSchema): EntityConfig {
  return { ...entity, form: { ...entity.form, schema } };
}

/** A copy of the entity with `uischema` as its form's layout. */
export function withUischema(entity: EntityConfig, uischema: UiElement): EntityConfig {
  return { ...entity, form: { ...entity.form, uischema } };
}

/** The field `key`, or a DesignerError when the form has none. */
export function requireField(entity: EntityConfig, key: string): FieldSchema {
  const props = entity.form.schema.properties;
  if (!Object.hasOwn(props, key)) throw new DesignerError('unknown-field', `the form has no field "${key}"`);
  return props[key]!;
}

/** A copy of the entity with `field` as the schema of field `key` (added at the end when new). */
export function withField(entity: EntityConfig, key: string, field: FieldSchema): EntityConfig {
  const schema = entity.form.schema;
  return withSchema(entity, { ...schema, properties: { ...schema.properties, [key]: field } });
}

/** A copy with every locale's dictionary passed through `fn`; locales missing in the input start empty. */
export function mapI18n(entity: EntityConfig, fn: (dict: Record<string, string>, locale: Locale) => Record<string, string>): EntityConfig {
  const i18n = {} as Record<Locale, Record<string, string>>;
  for (const locale of LOCALES) i18n[locale] = fn(entity.i18n[locale] ?? {}, locale);
  return { ...entity, i18n };
}

/**
 * Sets `key` to `text` in `locale`, and in every other locale that has no text for it yet, so a new
 * label reads the same everywhere until someone translates it.
 */
export function setText(entity: EntityConfig, locale: Locale, key: string, text: string): EntityConfig {
  return mapI18n(entity, (dict, l) => (l === locale || !dict[key] ? { ...dict, [key]: text } : dict));
}

/** A copy without the i18n keys `drop` picks, in every locale. */
export function dropTexts(entity: EntityConfig, drop: (key: string) => boolean): EntityConfig {
  return mapI18n(entity, (dict) => Object.fromEntries(Object.entries(dict).filter(([k]) => !drop(k))));
}

/** Checks a label or text against the limits of the schemas (non-blank, at most `max` characters). */
export function checkText(text: string, what: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new DesignerError('invalid-value', `${what} may not be empty`);
  if (trimmed.length > max) throw new DesignerError('invalid-value', `${what} is longer than ${max} characters`);
  return trimmed;
}
