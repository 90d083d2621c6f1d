/** Where a server error about the bundle points: JSON Pointers like `/entities/lead/form/schema/properties/budget/pattern`. */

export interface ProblemPlace {
  entity: string;
  /** The field the pointer names, when it names one. */
  field?: string;
  /** What of the field it names (`maxLength`, `items/enum`), when it goes deeper. */
  setting?: string;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The entity and field a pointer into the bundle names (a leading `/bundle`, as publish reports, is skipped), or null. */
export function problemPlace(path: string): ProblemPlace | null {
  const parts = path.split('/').slice(1).map(unescape);
  if (parts[0] === 'bundle') parts.shift();
  if (parts[0] !== 'entities' || parts[1] === undefined || parts[1] === '') return null;
  const entity = parts[1];
  const [form, schema, properties, field, ...rest] = parts.slice(2);
  if (form === 'form' && schema === 'schema' && properties === 'properties' && field)
    return { entity, field, ...(rest.length ? { setting: rest.join('/') } : {}) };
  if (form === 'i18n' && parts[4]) {
    const key = parts[4].split('.')[0]!;
    if (key !== 'entity' && key !== 'group') return { entity, field: key };
  }
  return { entity };
}

/** The server errors among `errors` that name field `field` of entity `entity`, each with what of the field it names. */
export function fieldProblems(errors: readonly { path: string; message: string }[], entity: string, field: string): { message: string; setting?: string }[] {
  return errors.flatMap((error) => {
    const place = problemPlace(error.path);
    return place?.entity === entity && place.field === field ? [{ message: error.message, ...(place.setting ? { setting: place.setting } : {}) }] : [];
  });
}
