import type { Bundle } from '../browser-safe/bundle.ts';
import { PUBLIC_FIELD_TYPES } from '../browser-safe/public-forms.ts';
import { isCalculated } from '../browser-safe/calculated.ts';

/**
 * Problems of a bundle's public forms, as [message, ...path under the bundle]: the record type must exist, each field
 * must be one of its form a visitor can fill in, no field the record type requires may be left out (but the one a
 * feedback link sets, a reference of the record type), and labels may only name the form's fields.
 */
export function publicFormConfigErrors(bundle: Bundle): [string, ...string[]][] {
  const errors: [string, ...string[]][] = [];
  for (const [key, form] of Object.entries(bundle.publicForms ?? {})) {
    const at = ['publicForms', key];
    const entity = Object.hasOwn(bundle.entities, form.entity) ? bundle.entities[form.entity] : undefined;
    if (!entity) {
      errors.push(['is not an entity', ...at, 'entity']);
      continue;
    }
    const fields = entity.form.schema.properties;
    form.fields.forEach((name, i) => {
      const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (!field) errors.push([`is not a field of ${form.entity}`, ...at, 'fields', String(i)]);
      else if (!PUBLIC_FIELD_TYPES.includes(field['x-field']))
        errors.push([`is a ${field['x-field']} field, which visitors cannot fill in`, ...at, 'fields', String(i)]);
      else if (isCalculated(field)) errors.push(['is calculated, so visitors cannot fill it in', ...at, 'fields', String(i)]);
    });
    if (form.about !== undefined) {
      const about = Object.hasOwn(fields, form.about) ? fields[form.about] : undefined;
      if (about?.['x-field'] !== 'reference') errors.push([`is not a reference field of ${form.entity} (to one record)`, ...at, 'about']);
      else if (form.fields.includes(form.about)) errors.push(['is set by the link, so visitors cannot fill it in', ...at, 'about']);
    }
    const missing = (entity.form.schema.required ?? []).filter((name) => !form.fields.includes(name) && name !== form.about);
    if (missing.length) errors.push([`leaves out ${missing.join(', ')}, which every ${form.entity} needs`, ...at, 'fields']);
    for (const name of Object.keys(form.labels ?? {})) {
      if (!form.fields.includes(name)) errors.push(['is not a field of this public form', ...at, 'labels', name]);
    }
  }
  return errors;
}
