import type { ValidateFunction } from 'ajv';
import type { FormSchema } from '../browser-safe/bundle.ts';
import { createAjv, fieldErrors } from '../http/validate.ts';
import type { FieldError } from '../http/problem.ts';

// Defaults from the form fill fields left out (e.g. a case's priority); patterns run in linear time.
const ajv = createAjv({ useDefaults: true, linearPatterns: true });

// Keyed by the schema's text, so tenants sharing a form share one validator. Ajv keeps every schema it
// compiled, so an evicted one is removed from Ajv as well, or memory would grow with each compile.
const cache = new Map<string, { check: ValidateFunction; schema: FormSchema }>();
const CACHE_LIMIT = 500;

/** The compiled validator of a form schema; throws when the schema cannot be compiled. */
export function formValidator(schema: FormSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: most recently used last
    cache.set(key, hit);
    return hit.check;
  }
  const own = structuredClone(schema); // Ajv keys its own cache by object: one object per text
  const check = ajv.compile(own);
  if (cache.size >= CACHE_LIMIT) {
    const [oldest, entry] = cache.entries().next().value!;
    cache.delete(oldest);
    ajv.removeSchema(entry.schema);
  }
  cache.set(key, { check, schema: own });
  return check;
}

/** Validates record data; errors point at `/data/<field>`. */
export function validateData(check: ValidateFunction, data: Record<string, unknown>): FieldError[] {
  return check(data) ? [] : fieldErrors(check.errors, '/data');
}
