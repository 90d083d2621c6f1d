import type { Bundle, EntityDef, Locale, PublicFormDef } from '../browser-safe/bundle.ts';
import { textIn } from '../browser-safe/public-forms.ts';
import { publishedBundle } from '../config/store.ts';
import type { Deps } from '../http/env.ts';
import { DEFAULT_SETTINGS, type TenantSettings } from '../tenants/settings.ts';

/** A public form as a request addresses it: its company, the published version it is read from, and its definition. */
export interface FormTarget {
  tenantId: string;
  slug: string;
  settings: TenantSettings;
  bundle: Bundle;
  configVersion: number;
  key: string;
  form: PublicFormDef;
  entity: EntityDef;
}

/** The active public form `key` of the company `slug` in its published configuration; undefined for any other address. */
export async function findForm(deps: Pick<Deps, 'db'>, slug: string, key: string): Promise<FormTarget | undefined> {
  const row = (await deps.db.client.execute({ sql: 'SELECT id, slug, settings, config_version FROM tenants WHERE slug = ?', args: [slug] })).rows[0];
  if (!row || Number(row.config_version) < 1) return undefined;
  const tenantId = String(row.id);
  const configVersion = Number(row.config_version);
  const bundle = await publishedBundle(deps.db.client, tenantId, configVersion);
  const forms = bundle.publicForms ?? {};
  const form = Object.hasOwn(forms, key) ? forms[key] : undefined;
  const entity = form && Object.hasOwn(bundle.entities, form.entity) ? bundle.entities[form.entity] : undefined;
  if (!form?.active || !entity) return undefined;
  const settings = { ...DEFAULT_SETTINGS, ...(JSON.parse(String(row.settings)) as Partial<TenantSettings>) };
  return { tenantId, slug: String(row.slug), settings, bundle, configVersion, key, form, entity };
}

/** The company's default language, which texts missing in the visitor's fall back to. */
export const companyLocale = (target: Pick<FormTarget, 'settings'>): Locale => target.settings.defaultLocale;

/** The form's title in a language (the company's language and English standing in). */
export const formTitle = (target: FormTarget, locale: Locale) => textIn(target.form.title, locale, companyLocale(target));

/**
 * A field's label for visitors: the form's own label in their language, else the record type's translation, else the
 * form's own label in another language, else the field's title, else its key.
 */
export function fieldLabel(target: FormTarget, field: string, locale: Locale): string {
  const own = target.form.labels?.[field];
  const i18n = target.entity.i18n;
  return (
    own?.[locale] ||
    i18n[locale]?.[`${field}.label`] ||
    textIn(own, locale, companyLocale(target)) ||
    i18n.en?.[`${field}.label`] ||
    target.entity.form.schema.properties[field]?.title ||
    field
  );
}

/** A field's help text, translated as the record type has it. */
export function fieldHelp(target: FormTarget, field: string, locale: Locale): string {
  const i18n = target.entity.i18n;
  return i18n[locale]?.[`${field}.description`] || i18n.en?.[`${field}.description`] || target.entity.form.schema.properties[field]?.description || '';
}

/** A choice's label, translated as the record type has it (`<field>.<value>`), else the value itself. */
export function optionLabel(target: FormTarget, field: string, value: string | number, locale: Locale): string {
  const i18n = target.entity.i18n;
  return i18n[locale]?.[`${field}.${value}`] || i18n.en?.[`${field}.${value}`] || String(value);
}
