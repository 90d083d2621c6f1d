/** Pure edits of one entity's mail settings (`entities.<key>.email`): filing fields and templates. */
import type { EmailTemplate, EntityEmail, Locale } from '../../runtime/browser-safe/bundle.ts';
import type { EntityConfig } from '../designer/types.ts';
import { keyFrom } from '../pipelines/model.ts';

/** The three lists of fields that decide where mail is filed. */
export const FILING_PARTS = ['addressFields', 'alsoFileOn', 'filedThrough'] as const;
export type FilingPart = (typeof FILING_PARTS)[number];
/** The texts of a template. */
export const TEMPLATE_TEXTS = ['label', 'subject', 'text'] as const;
export type TemplateText = (typeof TEMPLATE_TEXTS)[number];
/** The languages a template is translated into; its own texts serve English and any language left empty. */
export const TRANSLATED: readonly Locale[] = ['de', 'fr', 'es'];

/** An entity's mail settings, empty when it has none. */
export const emailOf = (e: EntityConfig | undefined): EntityEmail => (e?.email ?? {}) as EntityEmail;

/** `e` with `email` as its settings: empty lists and maps left out, and no `email` at all when nothing is left. */
function withEmail(e: EntityConfig, email: EntityEmail): EntityConfig {
  const kept = Object.entries(email).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v && Object.keys(v).length > 0));
  const { email: _old, ...rest } = e;
  return kept.length ? { ...rest, email: Object.fromEntries(kept) } : rest;
}

/** The fields of a form an address may be filed by: its email fields (as the server checks them). */
export const emailFields = (e: EntityConfig): string[] =>
  Object.entries(e.form.schema.properties)
    .filter(([, f]) => f['x-field'] === 'email' || f.format === 'email')
    .map(([k]) => k);

/** The fields of a form referring to one record, each with the record type it points to (only types the bundle has). */
export const referenceFields = (e: EntityConfig, entities: Record<string, unknown>): { key: string; target: string }[] =>
  Object.entries(e.form.schema.properties).flatMap(([key, f]) =>
    f['x-field'] === 'reference' && Object.hasOwn(entities, f['x-ref']!) ? [{ key, target: f['x-ref']! }] : [],
  );

/** `e` with `field` ticked or not in `part`; the list keeps the form's order (entries the form lacks stay last). */
export function setFiling(e: EntityConfig, part: FilingPart, field: string, on: boolean): EntityConfig {
  const email = emailOf(e);
  const list = email[part] ?? [];
  if (list.includes(field) === on) return e;
  const next = on ? [...list, field] : list.filter((f) => f !== field);
  const order = Object.keys(e.form.schema.properties);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return withEmail(e, { ...email, [part]: next.sort((a, b) => rank(a) - rank(b)) });
}

/** The entity's templates. */
export const templatesOf = (e: EntityConfig | undefined): Record<string, EmailTemplate> => emailOf(e).templates ?? {};

/** `e` with a new template named `label` (its key made from the name); returns the key too. */
export function addTemplate(e: EntityConfig, label: string): { entity: EntityConfig; key: string } {
  const email = emailOf(e);
  const templates = email.templates ?? {};
  const key = keyFrom(label, new Set(Object.keys(templates)), 'template');
  return { entity: withEmail(e, { ...email, templates: { ...templates, [key]: { label, subject: '', text: '' } } }), key };
}

/** `e` without template `key`. */
export function removeTemplate(e: EntityConfig, key: string): EntityConfig {
  const email = emailOf(e);
  if (!email.templates?.[key]) return e;
  const { [key]: _gone, ...templates } = email.templates;
  return withEmail(e, { ...email, templates });
}

function updateTemplate(e: EntityConfig, key: string, fn: (t: EmailTemplate) => EmailTemplate): EntityConfig {
  const email = emailOf(e);
  const template = email.templates?.[key];
  if (!template) return e;
  const next = fn(template);
  return next === template ? e : withEmail(e, { ...email, templates: { ...email.templates, [key]: next } });
}

/** `e` with one of template `key`'s own texts set. */
export const setTemplateText = (e: EntityConfig, key: string, part: TemplateText, value: string): EntityConfig =>
  updateTemplate(e, key, (t) => (t[part] === value ? t : { ...t, [part]: value }));

/** `e` with one translated text of template `key` set; an empty text is removed (its own text is used then). */
export function setTemplateTranslation(e: EntityConfig, key: string, locale: Locale, part: TemplateText, value: string): EntityConfig {
  return updateTemplate(e, key, (t) => {
    const texts = { ...t.i18n?.[locale] };
    if ((texts[part] ?? '') === value) return t;
    if (value) texts[part] = value;
    else delete texts[part];
    const i18n = { ...t.i18n, [locale]: texts };
    if (!Object.keys(texts).length) delete i18n[locale];
    const { i18n: _old, ...rest } = t;
    return Object.keys(i18n).length ? { ...rest, i18n } : rest;
  });
}

/** `text` with `{{field}}` put in place of characters `start`…`end`; where the cursor goes after it. */
export function insertPlaceholder(text: string, start: number, end: number, field: string): { text: string; caret: number } {
  const token = `{{${field}}}`;
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

/** One piece of a template's text: as written, or a placeholder naming a field. */
export type TextPart = { text: string } | { field: string; raw: string };

/** A template's text cut into what is written and its `{{field}}` placeholders (as the runtime fills them). */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ field: m[1]!, raw: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** The placeholders among `texts` that name no field of `e`. */
export function unknownPlaceholders(e: EntityConfig, texts: string[]): string[] {
  const fields = e.form.schema.properties;
  const names = texts.flatMap((t) => textParts(t).flatMap((p) => ('field' in p && !Object.hasOwn(fields, p.field) ? [p.field] : [])));
  return [...new Set(names)];
}
