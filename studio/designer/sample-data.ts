/** Sample values for the preview, so an owner sees a filled form (and its rules at work) without typing. */
import { optionValues } from './options.ts';
import type { EntityConfig } from './types.ts';
import type { FieldSchema } from '../../runtime/browser-safe/bundle.ts';

const BY_FORMAT: Record<string, string> = {
  email: 'sample@example.com',
  uri: 'https://www.example.com',
  date: '2030-01-15',
  'date-time': '2030-01-15T09:30:00.000Z',
};
const PHONE = '+49 30 1234567';

function sampleText(key: string, field: FieldSchema): string | undefined {
  const plain = `Sample ${field.title ?? key}`;
  // A pattern is most often a phone or code format: try a phone number before plain words.
  const candidates = field.format ? [BY_FORMAT[field.format]] : field.pattern ? [PHONE, plain] : [plain];
  const sized = candidates.flatMap((text) => (text === undefined ? [] : [text.slice(0, field.maxLength ?? text.length).padEnd(field.minLength ?? 0, 'x')]));
  return sized.find((text) => !field.pattern || new RegExp(field.pattern, 'u').test(text));
}

function sampleNumber(field: FieldSchema): number {
  const low = field.minimum ?? -Infinity;
  const high = field.maximum ?? Infinity;
  const n = Math.min(Math.max(high === Infinity ? 1000 : Math.round(high / 2), low), high);
  return field.type === 'integer' ? Math.ceil(n) : n;
}

/** A value `field` can hold, or undefined where none can be made up (references, patterns no sample fits). */
export function sampleValue(key: string, field: FieldSchema): unknown {
  if (field.readOnly || field['x-ref'] !== undefined) return undefined;
  const options = optionValues(field);
  if (options?.length) return field.type === 'array' ? [options[0]] : options[0];
  if (field.type === 'boolean') return true;
  if (field.type === 'number' || field.type === 'integer') return sampleNumber(field);
  if (field.type === 'string') return sampleText(key, field);
  return undefined;
}

/** A record's data with a sample value in every field that can have one. */
export function sampleData(entity: EntityConfig): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(entity.form.schema.properties)) {
    const value = sampleValue(key, field);
    if (value !== undefined) data[key] = value;
  }
  return data;
}
