import type { ErrorObject } from 'ajv';
import equal from 'ajv/dist/runtime/equal.js';
import ucs2length from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { markRaw } from 'vue';
import { stableJson } from '../../../browser-safe/stable-json.ts';

type Check = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The part of Ajv that JSON Forms uses: compile a schema, validate against one. */
export interface PrecompiledAjv {
  compile(schema: object): Check;
  validate(schema: object, data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// CommonJS helpers as Ajv's generated code asks for them (`require(name).default`).
const fn = <T>(m: T | { default: T }) => ((m as { default?: T }).default ?? m) as T;
const RUNTIME: Record<string, unknown> = {
  'ajv/dist/runtime/equal': { default: fn(equal) },
  'ajv/dist/runtime/ucs2length': { default: fn(ucs2length) },
  'ajv-formats/dist/formats': { fullFormats },
};
const runtimeRequire = (name: string) => {
  if (!(name in RUNTIME)) throw new Error(`A form validator needs ${name}, which the page does not ship.`);
  return RUNTIME[name];
};

// A schema the server did not precompile (it cannot happen for published forms): accept, the server decides.
const acceptAll: Check = () => true;

/**
 * Loads the validators the server precompiled for a form (an ES module at `url`) and answers
 * JSON Forms' compile/validate calls from them: no `eval`, so the page's CSP stays strict.
 */
export async function loadValidators(url: string): Promise<PrecompiledAjv> {
  const module = (await import(/* @vite-ignore */ url)) as { keys: string[]; default: (r: typeof runtimeRequire) => Check[] };
  const checks = module.default(runtimeRequire);
  const byKey = new Map(module.keys.map((key, i) => [key, checks[i]!]));
  const ajv: PrecompiledAjv = {
    compile: (schema) => byKey.get(stableJson(schema)) ?? acceptAll,
    validate(schema, data) {
      const check = ajv.compile(schema);
      const ok = check(data);
      ajv.errors = check.errors;
      return ok;
    },
  };
  return markRaw(ajv);
}
