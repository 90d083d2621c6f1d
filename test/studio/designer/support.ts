/** Shared fixtures of the designer tests: the shipped lead form, a palette of field types, and the validity check every case runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { EntityConfig, FieldType } from '../../../studio/designer/index.ts';
import type { UiElement, XField } from '../../../runtime/browser-safe/bundle.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(readJson('schemas/form.schema.json') as object);
const checkEntity = ajv.compile(readJson('schemas/entity.schema.json') as object);

// The form's own schema must also compile in strict mode, as the runtime compiles it.
const formAjv = new Ajv2020({ strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(formAjv);
formAjv.addKeyword('x-field');
formAjv.addKeyword('x-ref');
formAjv.addKeyword('x-onDelete');
formAjv.addFormat('attachment', true);

const bundle = readJson('runtime/config/default-bundle.json') as { entities: Record<string, EntityConfig> };

/** Freezes a value deeply, so an edit that changes its input throws instead of passing unnoticed. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A frozen copy of a shipped entity (lead unless named). */
export function entity(key = 'lead'): EntityConfig {
  return deepFreeze(structuredClone(bundle.entities[key]!));
}

/** Asserts the entity is valid against entity.schema.json (and so form.schema.json) and its form schema compiles. */
export function expectValid(e: EntityConfig): void {
  const ok = checkEntity(e);
  expect(ok ? [] : checkEntity.errors).toEqual([]);
  expect(() => formAjv.compile(structuredClone(e.form.schema))).not.toThrow();
}

/** The lead entity with `uischema` as its layout, to validate layout-only edits. */
export function withLayout(uischema: UiElement, e = entity()): EntityConfig {
  return { ...e, form: { ...e.form, uischema } };
}

/** A palette with one default schema per field type, as the studio's palette would offer. */
export const FIELD_TYPES: Record<XField, FieldType> = {
  text: { xField: 'text', schema: { type: 'string', maxLength: 200 } },
  textarea: { xField: 'textarea', schema: { type: 'string', maxLength: 10000 } },
  number: { xField: 'number', schema: { type: 'number' } },
  currency: { xField: 'currency', schema: { type: 'number', minimum: 0 } },
  percent: { xField: 'percent', schema: { type: 'number', minimum: 0, maximum: 100 } },
  date: { xField: 'date', schema: { type: 'string', format: 'date' } },
  datetime: { xField: 'datetime', schema: { type: 'string', format: 'date-time' } },
  email: { xField: 'email', schema: { type: 'string', format: 'email', maxLength: 254 } },
  phone: { xField: 'phone', schema: { type: 'string', maxLength: 40 } },
  url: { xField: 'url', schema: { type: 'string', format: 'uri', maxLength: 2000 } },
  select: { xField: 'select', schema: { type: 'string', enum: ['option_1'] } },
  multiselect: { xField: 'multiselect', schema: { type: 'array', items: { type: 'string', enum: ['option_1'] }, uniqueItems: true } },
  checkbox: { xField: 'checkbox', schema: { type: 'boolean' } },
  reference: { xField: 'reference', schema: { type: 'string', 'x-ref': 'account' } },
  references: {
    xField: 'references',
    schema: { type: 'array', items: { type: 'string', maxLength: 64 }, uniqueItems: true, maxItems: 50, 'x-ref': 'contact' },
  },
  file: { xField: 'file', schema: { type: 'string', format: 'attachment' } },
};

/** The field keys of the Controls in document order. */
export function controlOrder(ui: UiElement): string[] {
  const out: string[] = [];
  const go = (el: UiElement) => {
    if (el.type === 'Control') out.push(el.scope!.split('/').at(-1)!);
    el.elements?.forEach(go);
  };
  go(ui);
  return out;
}
