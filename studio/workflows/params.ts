/** Parameter forms of catalog guards and actions: the catalog's JSON Schema, with roles and fields offered as choices. */

type Schema = Record<string, unknown>;
/** A key with its name, as pickers offer it. */
export interface Named {
  key: string;
  label: string;
}
/** The lists a parameter may choose from, by what it names. */
export interface ParamChoices {
  roles: readonly Named[];
  fields: readonly Named[];
}
/** What the form renders: the schema for the workspace's renderers and the texts of its labels and options. */
export interface ParamsView {
  schema: Schema;
  texts: Record<string, string>;
}

// Parameters that name a role or a field of the entity: offered from the draft instead of typed.
const NAMES: Record<string, keyof ParamChoices> = { role: 'roles', roles: 'roles', field: 'fields', fields: 'fields' };

/** One property of a parameter schema, annotated for the renderer set (`x-field`), with choices where it names roles or fields. */
function property(name: string, schema: Schema, choices: ParamChoices, texts: Record<string, string>): Schema {
  const list = NAMES[name] ? choices[NAMES[name]] : undefined;
  const items = schema.items as Schema | undefined;
  if (list?.length && schema.type === 'string' && !schema.enum) {
    for (const c of list) texts[`${name}.${c.key}`] = c.label;
    return { ...schema, enum: list.map((c) => c.key), 'x-field': 'select' };
  }
  if (list?.length && schema.type === 'array' && items?.type === 'string' && !items.enum) {
    for (const c of list) texts[`${name}.${c.key}`] = c.label;
    return { ...schema, items: { ...items, enum: list.map((c) => c.key) }, uniqueItems: true, 'x-field': 'multiselect' };
  }
  if (schema.type === 'string' && Array.isArray(schema.enum)) return { ...schema, 'x-field': 'select' };
  if (schema.type === 'array' && Array.isArray(items?.enum)) return { ...schema, uniqueItems: true, 'x-field': 'multiselect' };
  // Values of any type (`items: {}`) are typed as text: the verifier judges them against the field they compare with.
  if (schema.type === 'array' && items?.type === undefined) return { ...schema, items: { ...items, type: 'string' } };
  if (schema.type === 'string' || schema.type === undefined) return { ...schema, type: 'string', 'x-field': 'text' };
  if (schema.type === 'number' || schema.type === 'integer') return { ...schema, 'x-field': 'number' };
  if (schema.type === 'boolean') return { ...schema, 'x-field': 'checkbox' };
  return schema;
}

/**
 * The properties a parameter schema offers: its own, or those of every `oneOf` branch together (the form shows them
 * all; the catalog's description says which go together and the verifier refuses a wrong mix).
 */
export function paramProperties(params: Schema): Record<string, Schema> {
  const branches = Array.isArray(params.oneOf) ? (params.oneOf as Schema[]) : [params];
  return Object.assign({}, ...branches.map((b) => (b.properties ?? {}) as Record<string, Schema>)) as Record<string, Schema>;
}

/** The view of a catalog entry's parameter schema: each property annotated, with labels from `title` or the name. */
export function paramsView(params: Schema, choices: ParamChoices): ParamsView {
  const texts: Record<string, string> = {};
  const properties = Object.fromEntries(
    Object.entries(paramProperties(params)).map(([name, schema]) => {
      texts[`${name}.label`] = typeof schema.title === 'string' ? schema.title : humanize(name);
      return [name, property(name, schema, choices, texts)];
    }),
  );
  // Only the properties: `oneOf` and `required` are the verifier's to judge, so a half-filled form still renders.
  return { schema: { type: 'object', properties }, texts };
}

/** A parameter's name as a label: "dueIn" → "Due in". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** True when a parameter schema has nothing to fill in. */
export const noParams = (params: Schema) => Object.keys(paramProperties(params)).length === 0;
