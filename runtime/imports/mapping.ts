import { LOCALES, type EntityDef, type FieldSchema } from '../browser-safe/bundle.ts';
import { isCalculated } from '../browser-safe/calculated.ts';
import type { FieldError } from '../http/problem.ts';

/** Which form field each column of the file fills (by column index); columns left out are ignored. */
export type Mapping = Record<string, string>;

/** What to do with a row whose `match` field equals an existing record's. */
export interface DuplicateRule {
  match: string | null;
  then: 'skip' | 'update' | 'create';
}

/** Whether a cell can fill the field: not a file field (files are uploaded on the record) nor a calculated one. */
export const fillableFromCell = (field: FieldSchema): boolean => field['x-field'] !== 'file' && !isCalculated(field);

const squash = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The field each column most likely fills: a column named like a field's key, or its label in any of the four
 * languages (accents, case and spacing aside); each field at most once; null when nothing fits.
 */
export function suggestMapping(def: EntityDef, header: string[], fields: string[]): (string | null)[] {
  const names = new Map<string, string>();
  for (const field of fields) {
    const labels = [field, def.form.schema.properties[field]?.title ?? '', ...LOCALES.map((l) => def.i18n[l]?.[`${field}.label`] ?? '')];
    for (const label of labels) if (label && !names.has(squash(label))) names.set(squash(label), field);
  }
  const taken = new Set<string>();
  return header.map((column) => {
    const field = names.get(squash(column));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

const YES = new Set(['true', 'yes', 'y', '1', 'ja', 'oui', 'si', 'sí', 'x']);
const NO = new Set(['false', 'no', 'n', '0', 'nein', 'non', '']);

/** A choice's key from the cell: the key itself or its label in any language. */
function choice(def: EntityDef, field: string, options: readonly unknown[], text: string): unknown {
  const wanted = squash(text);
  for (const option of options) {
    const labels = [String(option), ...LOCALES.map((l) => def.i18n[l]?.[`${field}.${String(option)}`] ?? '')];
    if (labels.some((label) => label && squash(label) === wanted)) return option;
  }
  return undefined;
}

/** A date cell as YYYY-MM-DD: ISO, or day.month.year / day/month/year as most of Europe writes it. */
function date(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : undefined;
}

/** One cell as the field's type wants it; undefined (with why) when it cannot be one. */
function typed(def: EntityDef, field: string, schema: FieldSchema, cell: string): { value?: unknown; problem?: string } {
  const type = schema.type;
  const options = schema.enum ?? schema.items?.enum;
  if (type === 'array') {
    const parts = cell
      .split(/[;,]/)
      .map((p) => p.trim())
      .filter(Boolean);
    const values = parts.map((p) => (options ? choice(def, field, options, p) : p));
    return values.includes(undefined) ? { problem: 'is not one of the choices' } : { value: values };
  }
  if (options) {
    const value = choice(def, field, options, cell);
    return value === undefined ? { problem: 'is not one of the choices' } : { value };
  }
  if (type === 'number' || type === 'integer') {
    // 1,234.5 and 1.234,5 (or 1 234,5) alike: a comma before the last one or two digits is the decimal mark.
    const compact = cell.replace(/\s/g, '');
    const n = Number(/,\d{1,2}$/.test(compact) ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, ''));
    return Number.isFinite(n) ? { value: n } : { problem: 'is not a number' };
  }
  if (type === 'boolean') {
    const word = squash(cell);
    return YES.has(word) ? { value: true } : NO.has(word) ? { value: false } : { problem: 'is not yes or no' };
  }
  if (schema.format === 'date') {
    const value = date(cell);
    return value ? { value } : { problem: 'is not a date (YYYY-MM-DD)' };
  }
  return { value: cell };
}

/**
 * A row's data by the mapping: each mapped, non-empty cell typed as its field wants it; problems at the column's
 * JSON Pointer (`/columns/<index>`), so an import can say which cell is wrong.
 */
export function rowData(def: EntityDef, mapping: Mapping, cells: string[]): { data: Record<string, unknown>; problems: FieldError[] } {
  const data: Record<string, unknown> = {};
  const problems: FieldError[] = [];
  for (const [index, field] of Object.entries(mapping)) {
    const cell = (cells[Number(index)] ?? '').trim();
    const schema = def.form.schema.properties[field];
    if (cell === '' || !schema) continue;
    const { value, problem } = typed(def, field, schema, cell);
    if (problem) problems.push({ path: `/columns/${index}`, message: problem });
    else data[field] = value;
  }
  return { data, problems };
}
