import type { ValidateFunction } from 'ajv';
import type { FormSchema } from '../config/bundle.ts';
import { createAjv, fieldErrors } from '../http/validate.ts';
import type { FieldError } from '../http/problem.ts';

// Defaults from the form fill fields left out (e.g. a case's priority).
const ajv = createAjv({ useDefaults: true });
// Published versions are immutable, so a validator compiled for (tenant, version, entity) stays right forever.
const cache = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 500;

/** The compiled validator of one entity's form in one published configuration version. */
export function formValidator(tenantId: string, version: number, entity: string, schema: FormSchema): ValidateFunction {
  const key = `${tenantId}\0${version}\0${entity}`;
  let check = cache.get(key);
  if (!check) {
    check = ajv.compile(schema);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, check);
  }
  return check;
}

/** Compiles a form schema that is not yet published (drafts, publish checks); not cached. */
export function compileForm(schema: FormSchema): ValidateFunction {
  return ajv.compile(schema);
}

/** Validates record data; errors point at `/data/<field>`. */
export function validateData(check: ValidateFunction, data: Record<string, unknown>): FieldError[] {
  return check(data) ? [] : fieldErrors(check.errors, '/data');
}
