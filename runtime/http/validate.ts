import { Ajv2020, type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { RE2JS } from 're2js';
import type { Context } from 'hono';
import { readJson } from './body.ts';
import { Problem, type FieldError } from './problem.ts';

/**
 * Regular expressions for `pattern` in configured forms run on RE2, which matches in linear time, so a
 * pattern with catastrophic backtracking cannot stall the process; patterns RE2 cannot run (lookarounds,
 * backreferences) fail to compile, and the bundle is refused.
 */
const linearRegExp = Object.assign(
  (pattern: string) => {
    const re = RE2JS.compile(pattern);
    // Ajv shares compiled patterns by their toString(), so it must name the pattern.
    return { test: (text: string) => re.matcher(text).find(), toString: () => `/${pattern}/` };
  },
  { code: 'require("re2js").RE2JS' },
);

/** Ajv with formats and our field annotations; `allErrors` so a response lists every failing field. */
export function createAjv(options: { useDefaults?: boolean; linearPatterns?: boolean } = {}): Ajv2020 {
  const { linearPatterns, ...rest } = options;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    strictRequired: false,
    ...rest,
    ...(linearPatterns ? { code: { regExp: linearRegExp } } : {}),
  });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addKeyword('x-field');
  ajv.addKeyword('x-ref');
  ajv.addKeyword('x-formula');
  ajv.addKeyword('x-rollup');
  ajv.addKeyword('x-onDelete');
  // A file field's value is an attachment id: the one write path checks it against the files kept, not a pattern.
  ajv.addFormat('attachment', true);
  return ajv;
}

/** Turns Ajv errors into field errors whose paths point into the body (a missing field at its own path). */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors ?? []) {
    // A failed `if`/`then` (a field required while a rule shows it) is already reported at that field.
    if (e.keyword === 'if') continue;
    // A key that breaks its rule is reported once, by name (below), not with the rule's pattern.
    if ((e as { propertyName?: string }).propertyName !== undefined) continue;
    let path = prefix + e.instancePath;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      path += `/${(e.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
      message = 'unknown key';
    } else if (e.keyword === 'propertyNames') {
      message = `has a key that is not allowed here: “${(e.params as { propertyName: string }).propertyName}”`;
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${path}\0${message}`;
    if (seen.has(key)) continue;
    out.push({ path, message });
    seen.add(key);
  }
  return out;
}

const ajv = createAjv();

/** A compiled check for one request body shape. */
export function bodySchema<T>(schema: JSONSchemaType<T> | Record<string, unknown>): ValidateFunction<T> {
  return ajv.compile<T>(schema as JSONSchemaType<T>);
}

/**
 * Reads and checks a JSON body: a body that does not have the expected shape is a 400 naming each bad path.
 * With `optional`, a request without any body counts as `{}`.
 */
export async function parseBody<T>(c: Context, check: ValidateFunction<T>, optional = false): Promise<T> {
  const sent = c.req.header('content-type') !== undefined || (c.req.header('content-length') ?? '0') !== '0';
  const body = optional && !sent ? {} : await readJson(c);
  if (!check(body)) throw new Problem(400, 'The body does not have the expected shape.', fieldErrors(check.errors));
  return body;
}
