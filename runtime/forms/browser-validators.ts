import { createHash } from 'node:crypto';
import { _, Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { stableJson } from '../browser-safe/stable-json.ts';
import { validationSchema } from './validation-schema.ts';

// A CommonJS module whose function is also its own `default` (the types only know the latter).
const standaloneCode = (standalone as unknown as { default: typeof standalone.default }).default;

/** The part of a form the browser validates: its schema, and the UI schema whose rules carry condition schemas. */
export interface BrowserForm {
  schema: object;
  uischema: unknown;
}

/** The condition schema of every rule in the UI schema: JSON Forms hands each to Ajv. */
function schemasOf(form: BrowserForm): object[] {
  const found: object[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const { rule, elements } = node as { rule?: { condition?: { schema?: object } }; elements?: unknown };
    if (rule?.condition?.schema) found.push(rule.condition.schema);
    walk(elements);
  };
  walk(form.uischema);
  return found;
}

/** Each schema JSON Forms will compile, by its stable JSON, with the schema to check it against. */
function validatorSources(form: BrowserForm): [key: string, schema: object][] {
  // JSON Forms compiles the form schema it was given; data is checked as the server checks it.
  const sources: [string, object][] = [[stableJson(form.schema), validationSchema(form as Parameters<typeof validationSchema>[0])]];
  for (const s of schemasOf(form)) sources.push([stableJson(s), s]);
  return [...new Map(sources)];
}

// Patterns run on the browser's RegExp here: the browser checks are for the person's convenience,
// the server (RE2, linear time) stays the authority on what is stored.
function browserAjv() {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: false,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  // A file field's id is checked by the server alone (no code is generated for it).
  ajv.addFormat('attachment', true);
  return ajv;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 300;

/**
 * The form's validators, precompiled so the page needs no `eval` (its CSP has no 'unsafe-eval'): an ES module
 * whose default export takes a `require` for Ajv's small runtime helpers and returns the validators, and whose
 * `keys` lists the stable JSON of the schema each one answers for, in the same order.
 */
export function browserValidatorModule(form: BrowserForm): string {
  const sources = validatorSources(form);
  const keys = sources.map(([key]) => key);
  const id = createHash('sha256')
    .update(sources.map(([key, s]) => `${key}\n${stableJson(s)}`).join('\n'))
    .digest('base64url');
  const hit = cache.get(id);
  if (hit) return hit;
  const ajv = browserAjv();
  sources.forEach(([, schema], i) => ajv.addSchema(structuredClone(schema), `s${i}`));
  const code = standaloneCode(ajv, Object.fromEntries(keys.map((_k, i) => [`s${i}`, `s${i}`])));
  const module = `export const keys = ${JSON.stringify(keys)};\nexport default function (require) {\nconst module = { exports: {} }; const exports = module.exports;\n${code}\nreturn keys.map((_k, i) => module.exports["s" + i]);\n}\n`;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(id, module);
  return module;
}

/** A short fingerprint of what the module would hold: part of its URL, so a changed form is a new module. */
export function formFingerprint(form: BrowserForm): string {
  return createHash('sha256').update(stableJson(form)).digest('base64url').slice(0, 16);
}

/** Where the browser loads an entity's validators; the fingerprint makes a changed form a new address. */
export const validatorsUrl = (entity: string, form: BrowserForm) => `/api/forms/${entity}.js?v=${formFingerprint(form)}`;
