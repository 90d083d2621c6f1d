/** The choices of select and multiselect fields: values in the schema, labels as `<field>.<value>` translations. */
import { checkText, dropTexts, setText } from './entity.ts';
import { isOptionValue, optionValueFrom } from './keys.ts';
import { DesignerError, type EntityConfig } from './types.ts';
import { type FieldSchema, type Locale, type OptionValue } from '../../runtime/browser-safe/bundle.ts';

/** One choice as the designer edits it; leave `value` out for a new choice and a value is generated from its label. */
export interface FieldOption {
  value?: OptionValue;
  label: string;
}

const MAX_OPTIONS = 500; // form.schema.json: maxItems of options

/** The values of a field's choices, or undefined for a field without choices. */
export function optionValues(field: FieldSchema): OptionValue[] | undefined {
  return field.type === 'array' ? field.items?.enum : field.enum;
}

/**
 * Replaces the choices of field `key` with `options` (in that order): kept values stay, new ones get a
 * snake_case value from their label; labels are set in `locale` (and where a locale has none yet);
 * translations of dropped choices are removed.
 */
export function applyOptions(
  entity: EntityConfig,
  key: string,
  field: FieldSchema,
  options: readonly FieldOption[],
  locale: Locale,
): { entity: EntityConfig; field: FieldSchema } {
  const current = optionValues(field);
  if (current === undefined) throw new DesignerError('not-applicable', `a ${field['x-field']} field has no options`);
  if (options.length === 0 || options.length > MAX_OPTIONS) throw new DesignerError('invalid-value', `a field has 1 to ${MAX_OPTIONS} options`);
  const given = options.flatMap((o) => (o.value === undefined ? [] : [o.value]));
  for (const value of given) {
    // Values already stored stay valid even if they predate today's rules (numbers, say).
    if (!current.includes(value) && !(typeof value === 'string' && isOptionValue(value)))
      throw new DesignerError('invalid-value', `"${value}" is not a valid option value`);
  }
  if (new Set(given).size !== given.length) throw new DesignerError('invalid-value', 'two options have the same value');
  const taken = new Set(given.map(String));
  const values = options.map((o) => {
    if (o.value !== undefined) return o.value;
    const value = optionValueFrom(o.label, taken);
    taken.add(value);
    return value;
  });
  const labels = options.map((o) => checkText(o.label, 'an option label', 1000));
  const dropped = new Set(current.filter((v) => !values.includes(v)).map((v) => `${key}.${v}`));
  let next = dropTexts(entity, (k) => dropped.has(k));
  values.forEach((value, i) => (next = setText(next, locale, `${key}.${value}`, labels[i]!)));
  const updated: FieldSchema = field.type === 'array' ? { ...field, items: { ...field.items!, enum: values } } : { ...field, enum: values };
  return { entity: next, field: updated };
}
