import type { JsonSchema } from '../http/contract.ts';
import { FORMAT_SCHEMAS } from './validate.ts';

/** `bundle.schema.json` → `Bundle`: the name of a configuration format among the API document's schemas. */
const componentName = (file: string) => file.replace(/\.schema\.json$/, '').replace(/^./, (c) => c.toUpperCase());

/** Rewrites a schema file's references (`#/$defs/key`, `entity.schema.json`, `form.schema.json#/$defs/fieldKey`) into the document. */
function rewrite(value: unknown, own: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, own));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '$id' && k !== '$schema')
      .map(([k, v]) => {
        if (k !== '$ref' || typeof v !== 'string') return [k, rewrite(v, own)];
        const [file, fragment = ''] = v.split('#');
        return [k, `#/components/schemas/${file ? componentName(file) : own}${fragment}`];
      }),
  );
}

/** The configuration formats of schemas/ (Bundle, Entity, Form, Pipeline, Role, Workflow) as schemas of the API document. */
export function formatComponents(): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(FORMAT_SCHEMAS).map(([file, schema]) => [componentName(file), rewrite(schema, componentName(file)) as JsonSchema]));
}
