/** Values typed into the designer (a default, a rule's value) read as the field's JSON type, and shown back as text. */
import { optionValues } from './options.ts';
import { DesignerError } from './types.ts';
import { type FieldSchema } from '../../runtime/browser-safe/bundle.ts';

/** The text an input shows for a stored value ('' for none). */
export function valueText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The value `text` stands for in `field` (undefined for a blank text): one of its options, a number,
 * true/false, or the text itself. A text that is none of these is refused.
 */
export function readValue(field: FieldSchema, text: string): string | number | boolean | undefined {
  if (text.trim() === '') return undefined;
  const options = optionValues(field);
  if (options) {
    const found = options.find((o) => String(o) === text);
    if (found === undefined) throw new DesignerError('invalid-value', `"${text}" is not one of the options`);
    return found;
  }
  if (field.type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new DesignerError('invalid-value', `"${text}" is not true or false`);
    return text === 'true';
  }
  if (field.type === 'number' || field.type === 'integer') {
    const n = Number(text.trim().replace(',', '.'));
    if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) throw new DesignerError('invalid-value', `"${text}" is not a number`);
    return n;
  }
  return text;
}
