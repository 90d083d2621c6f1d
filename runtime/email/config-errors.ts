import type { Bundle, EntityDef } from '../browser-safe/bundle.ts';
import { placeholders } from '../browser-safe/email-template.ts';

/**
 * Problems of one entity's mail settings, as [message, ...path under the entity]: address fields must hold addresses,
 * filing fields must be references, and templates may only name fields of the form.
 */
export function emailConfigErrors(bundle: Bundle, entity: EntityDef): [string, ...string[]][] {
  const email = entity.email;
  if (!email) return [];
  const fields = entity.form.schema.properties;
  const errors: [string, ...string[]][] = [];
  email.addressFields?.forEach((name, i) => {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!field) errors.push(['is not a field of the form', 'email', 'addressFields', String(i)]);
    else if (field.format !== 'email' && field['x-field'] !== 'email') errors.push(['is not an email field', 'email', 'addressFields', String(i)]);
  });
  for (const part of ['alsoFileOn', 'filedThrough'] as const) {
    email[part]?.forEach((name, i) => {
      const field = Object.hasOwn(fields, name) ? fields[name]! : undefined;
      if (field?.['x-field'] !== 'reference' || !Object.hasOwn(bundle.entities, field['x-ref']!))
        errors.push(['is not a reference field to one record', 'email', part, String(i)]);
    });
  }
  for (const [key, template] of Object.entries(email.templates ?? {})) {
    const texts: [string[], string][] = [
      [['subject'], template.subject],
      [['text'], template.text],
      ...Object.entries(template.i18n ?? {}).flatMap(([locale, t]) => [
        [['i18n', locale, 'subject'], t.subject ?? ''] as [string[], string],
        [['i18n', locale, 'text'], t.text ?? ''] as [string[], string],
      ]),
    ];
    for (const [path, text] of texts) {
      for (const name of placeholders(text)) {
        if (!Object.hasOwn(fields, name)) errors.push([`names {{${name}}}, which is not a field of the form`, 'email', 'templates', key, ...path]);
      }
    }
  }
  return errors;
}
