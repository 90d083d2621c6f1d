/** Editing one field's properties from the designer's property panel. */
import { checkText, dropTexts, requireField, setText, withField, withSchema } from './entity.ts';
import { applyOptions, optionValues, type FieldOption } from './options.ts';
import { patternProblem } from './pattern.ts';
import { DesignerError, type EntityConfig } from './types.ts';
import { type FieldSchema, type Locale } from '../../runtime/browser-safe/bundle.ts';

/** Changes to a field; a key present with the value undefined clears that setting (label and required cannot be cleared). */
export interface FieldPatch {
  label?: string;
  required?: boolean;
  description?: string | undefined;
  default?: unknown;
  minimum?: number | undefined;
  maximum?: number | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  options?: FieldOption[];
}

/** The numeric limits a field may have: a range for numbers, a length for texts. */
export const FIELD_LIMITS = ['minimum', 'maximum', 'minLength', 'maxLength'] as const;
export type FieldLimit = (typeof FIELD_LIMITS)[number];
const NUMERIC = new Set(['number', 'integer']);

/**
 * Applies `patch` to field `key`. The label sets the schema title and the `<key>.label` text of `locale`;
 * the help text likewise (`description` and `<key>.description`). Refuses settings the field's type does
 * not have, contradictory limits, unsafe patterns and defaults the field could not hold.
 */
export function updateField(entity: EntityConfig, key: string, patch: FieldPatch, locale: Locale = 'en'): EntityConfig {
  let field = requireField(entity, key);
  let next = entity;
  const has = (k: keyof FieldPatch) => Object.hasOwn(patch, k);
  if (patch.label !== undefined) {
    const title = checkText(patch.label, 'a field label', 200);
    field = { ...field, title };
    next = setText(next, locale, `${key}.label`, title);
  }
  if (has('description')) {
    const text = patch.description?.trim();
    if (text) {
      field = { ...field, description: checkText(text, 'the help text', 1000) };
      next = setText(next, locale, `${key}.description`, text);
    } else {
      field = without(field, 'description');
      next = dropTexts(next, (k) => k === `${key}.description`);
    }
  }
  for (const limit of FIELD_LIMITS) if (has(limit)) field = setLimit(field, limit, patch[limit]);
  if (has('pattern')) field = setPattern(field, patch.pattern);
  checkRanges(field);
  if (patch.options) ({ entity: next, field } = applyOptions(next, key, field, patch.options, locale));
  if (has('default') && patch.default !== undefined) {
    if (!holds(field, patch.default)) throw new DesignerError('invalid-value', `${JSON.stringify(patch.default)} is not a value this field can hold`);
    field = { ...field, default: structuredClone(patch.default) };
  } else if (has('default') || (field.default !== undefined && !holds(field, field.default))) {
    field = without(field, 'default'); // cleared, or no longer a value the field can hold
  }
  next = withField(next, key, field);
  return patch.required === undefined ? next : setRequired(next, key, patch.required);
}

function without(field: FieldSchema, keyword: keyof FieldSchema): FieldSchema {
  const copy = { ...field };
  delete copy[keyword];
  return copy;
}

function setLimit(field: FieldSchema, limit: FieldLimit, value: number | undefined): FieldSchema {
  if (value === undefined) return without(field, limit);
  const numeric = limit === 'minimum' || limit === 'maximum';
  if (numeric ? !NUMERIC.has(field.type) : field.type !== 'string') throw new DesignerError('not-applicable', `a ${field['x-field']} field has no ${limit}`);
  const ok = numeric ? Number.isFinite(value) : Number.isInteger(value) && value >= 0 && value <= 100_000;
  if (!ok) throw new DesignerError('invalid-value', `${value} is not a valid ${limit}`);
  return { ...field, [limit]: value };
}

function setPattern(field: FieldSchema, pattern: string | undefined): FieldSchema {
  if (pattern === undefined || pattern === '') return without(field, 'pattern');
  if (field.type !== 'string') throw new DesignerError('not-applicable', `a ${field['x-field']} field has no pattern`);
  const problem = patternProblem(pattern);
  if (problem) throw new DesignerError('unsafe-pattern', `the pattern ${problem}`);
  return { ...field, pattern };
}

function checkRanges(field: FieldSchema): void {
  if (field.minimum !== undefined && field.maximum !== undefined && field.minimum > field.maximum) {
    throw new DesignerError('invalid-value', 'the minimum is greater than the maximum');
  }
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
    throw new DesignerError('invalid-value', 'the minimum length is greater than the maximum length');
  }
}

/** Whether the field can hold `value`: its JSON type, options and limits (formats and patterns are left to the server). */
function holds(field: FieldSchema, value: unknown): boolean {
  const options = optionValues(field);
  if (field.type === 'array') {
    return Array.isArray(value) && new Set(value).size === value.length && value.every((v) => options?.includes(v) ?? typeof v === field.items?.type);
  }
  if (options && !options.includes(value as never)) return false;
  if (field.type === 'boolean') return typeof value === 'boolean';
  if (field.type === 'string') {
    return typeof value === 'string' && value.length >= (field.minLength ?? 0) && value.length <= (field.maxLength ?? Infinity);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || (field.type === 'integer' && !Number.isInteger(value))) return false;
  return value >= (field.minimum ?? -Infinity) && value <= (field.maximum ?? Infinity);
}

/** Makes field `key` required or optional. */
function setRequired(entity: EntityConfig, key: string, required: boolean): EntityConfig {
  requireField(entity, key);
  const { required: list = [], ...rest } = entity.form.schema;
  const others = list.filter((k) => k !== key);
  const updated = required ? [...others, key] : others;
  // Keep a field's place in the list when it stays required, so the change is a no-op.
  const kept = required && list.includes(key) ? list : updated;
  return withSchema(entity, { ...rest, ...(kept.length ? { required: kept } : {}) });
}
