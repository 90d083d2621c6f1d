/**
 * The runtime's catalog in the interface language: labels, descriptions and parameter titles come from the designer's
 * messages by catalog name, and from the server's English wherever the messages lack a name (an entry added later still shows).
 */
import type { Catalog, CatalogEntry } from './editor-store.ts';
import { paramProperties } from './params.ts';

type Schema = Record<string, unknown>;
/** A message by key, or undefined when the messages lack it. */
export type Lookup = (key: string) => string | undefined;

const KEY = 'workflows.catalog';

/** The lookup over vue-i18n's `t` and `te`: the interface language's text, else English's, else undefined (the server's text then shows). */
export function lookupOf(t: (key: string) => string, te: (key: string, locale?: 'en') => boolean): Lookup {
  return (key) => (te(key) || te(key, 'en') ? t(key) : undefined);
}

/** A parameter's schema with its title (and description, where the server gives one) in the interface language. */
function localParam(name: string, schema: Schema, text: Lookup): Schema {
  const title = text(`${KEY}.param.${name}.title`);
  // A name may be shared by entries where only one explains it: only a description the server gives is replaced.
  const description = typeof schema.description === 'string' ? text(`${KEY}.param.${name}.description`) : undefined;
  return { ...schema, ...(title !== undefined && { title }), ...(description !== undefined && { description }) };
}

/** A parameter schema (its own properties, or those of each `oneOf` branch) with texts in the interface language. */
export function localParams(params: Schema, text: Lookup): Schema {
  if (Array.isArray(params.oneOf)) return { ...params, oneOf: (params.oneOf as Schema[]).map((b) => localParams(b, text)) };
  const properties = params.properties as Record<string, Schema> | undefined;
  if (!properties) return params;
  return { ...params, properties: Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, localParam(name, p, text)])) };
}

/** One catalog entry in the interface language. */
export function localEntry(entry: CatalogEntry, text: Lookup): CatalogEntry {
  return {
    ...entry,
    label: text(`${KEY}.${entry.name}.label`) ?? entry.label,
    description: text(`${KEY}.${entry.name}.description`) ?? entry.description,
    params: localParams(entry.params, text),
  };
}

/** The whole catalog in the interface language. */
export function localCatalog(catalog: Catalog, text: Lookup): Catalog {
  return { guards: catalog.guards.map((e) => localEntry(e, text)), actions: catalog.actions.map((e) => localEntry(e, text)) };
}

/** A parameter as problems name it: its title in the interface language, else the server's title, else its name. */
export function paramTitle(name: string, catalog: Catalog | null, text: Lookup): string {
  const title = text(`${KEY}.param.${name}.title`);
  if (title !== undefined) return title;
  for (const e of catalog ? [...catalog.guards, ...catalog.actions] : []) {
    const schema = paramProperties(e.params)[name];
    if (typeof schema?.title === 'string') return schema.title;
  }
  return name;
}
