import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FormSchema } from '../browser-safe/bundle.ts';

interface Rule {
  effect: 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE';
  condition: { scope: string; schema: object };
}
interface Form {
  schema: FormSchema;
  uischema: unknown;
}

// Only decides what a condition says about a missing value; answers are kept by the condition's text.
const conditionAjv = new Ajv2020({ strict: false, validateFormats: false });
const missingAnswers = new Map<string, boolean>();
/** A form's schema as validation sees it: with the conditions under which rule-hidden fields are required. */
type ValidationSchema = FormSchema & { allOf?: object[] };

const derived = new WeakMap<object, ValidationSchema>();

function holdsWhenMissing(schema: object): boolean {
  const key = JSON.stringify(schema);
  let answer = missingAnswers.get(key);
  if (answer === undefined) {
    answer = conditionAjv.validate(schema, undefined);
    conditionAjv.removeSchema(schema);
    if (missingAnswers.size > 5000) missingAnswers.clear();
    missingAnswers.set(key, answer);
  }
  return answer;
}

/**
 * The schema record data is validated against: the form's schema, except that a required field placed
 * under a SHOW or HIDE rule (its own or a container's) is required only while the rule shows it, as the
 * person filling in the form sees it. Pure over the form; cached per form object.
 */
export function validationSchema(form: Form): ValidationSchema {
  const hit = derived.get(form);
  if (hit) return hit;
  const required = new Set(form.schema.required ?? []);
  const conditional = new Map<string, object[]>();
  const walk = (node: unknown, visibleWhen: object[]) => {
    if (node === null || typeof node !== 'object') return;
    const { type, scope, rule, elements } = node as { type?: string; scope?: string; rule?: Rule; elements?: unknown[] };
    const here = rule && (rule.effect === 'SHOW' || rule.effect === 'HIDE') ? [...visibleWhen, visibility(rule)] : visibleWhen;
    const field = type === 'Control' && typeof scope === 'string' ? scope.split('/').at(-1)! : undefined;
    if (field && required.has(field) && here.length) conditional.set(field, [...(conditional.get(field) ?? []), { type: 'object', allOf: here }]);
    for (const child of elements ?? []) walk(child, here);
  };
  walk(form.uischema, []);
  let schema: ValidationSchema = form.schema;
  if (conditional.size) {
    // A field shown by several controls is required when any of them shows.
    const rules = [...conditional].map(([field, when]) => ({ if: when.length === 1 ? when[0] : { anyOf: when }, then: { type: 'object', required: [field] } }));
    schema = { ...form.schema, required: [...required].filter((f) => !conditional.has(f)), allOf: rules };
  }
  derived.set(form, schema);
  return schema;
}

/** A JSON Schema over the whole record that holds exactly when JSON Forms would show the element. */
function visibility(rule: Rule): object {
  const field = rule.condition.scope.split('/').at(-1)!;
  // JSON Forms validates the field's value, `undefined` when it is missing: mirror what that gives.
  const holds = holdsWhenMissing(rule.condition.schema)
    ? { anyOf: [{ not: { type: 'object', required: [field] } }, { type: 'object', properties: { [field]: rule.condition.schema } }] }
    : { type: 'object', properties: { [field]: rule.condition.schema }, required: [field] };
  return rule.effect === 'SHOW' ? holds : { not: holds };
}
