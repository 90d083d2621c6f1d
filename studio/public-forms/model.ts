/** Public forms as the studio edits them: pure functions from one form (or the draft's forms) to the next. */
import type { Locale, LocalizedText, PublicFormDef } from '../../runtime/browser-safe/bundle.ts';
import { PUBLIC_FIELD_TYPES } from '../../runtime/browser-safe/public-forms.ts';
import type { Bundle } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';

/** The texts a form shows besides its fields. */
export const FORM_TEXTS = ['title', 'intro', 'thankYou'] as const;
export type FormText = (typeof FORM_TEXTS)[number];

/** The draft's public forms (the designer's Bundle type passes them through untyped). */
export const formsOf = (b: Bundle | null) => (b?.publicForms ?? {}) as Record<string, PublicFormDef>;

/** The fields of a record type a visitor can fill in, in the order of its form. */
export const fillableFields = (entity: EntityConfig | undefined) =>
  Object.entries(entity?.form.schema.properties ?? {})
    .filter(([, f]) => PUBLIC_FIELD_TYPES.includes(f['x-field']))
    .map(([key]) => key);

/** The fields every record of the type needs: they are on every public form of it. */
export const requiredFields = (entity: EntityConfig | undefined) => entity?.form.schema.required ?? [];

/** A key for a new form from its title: small letters, digits and _, unlike the keys taken. */
export function keyFrom(title: string, taken: readonly string[]): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 40) || 'form';
  // Names every plain object has are no keys of a bundle.
  const stem = ['constructor', 'prototype'].includes(base) ? `${base}_form` : base;
  let key = stem;
  for (let n = 2; taken.includes(key); n++) key = `${stem}_${n}`;
  return key;
}

/** A new form of a record type: its required fields, then the others a visitor can fill in, six at least; it goes live when published. */
export function newForm(entity: string, def: EntityConfig | undefined, texts: { title: string; thankYou: string }, locale: Locale): PublicFormDef {
  const required = requiredFields(def);
  const others = fillableFields(def).filter((f) => !required.includes(f));
  return {
    entity,
    fields: [...required, ...others].slice(0, Math.max(6, required.length)),
    title: { [locale]: texts.title },
    thankYou: { [locale]: texts.thankYou },
    allowedSites: [],
    active: true,
  };
}

/** Sets one language of a text; an empty text is removed (the page then shows another language's). */
function setIn(text: LocalizedText | undefined, locale: Locale, value: string): LocalizedText {
  const next = { ...text };
  if (value.trim()) next[locale] = value;
  else delete next[locale];
  return next;
}

/** One of the form's texts in one language. */
export function setText(form: PublicFormDef, text: FormText, locale: Locale, value: string): PublicFormDef {
  const next = setIn(form[text], locale, value);
  if (text === 'intro' && !Object.keys(next).length) {
    const { intro: _gone, ...rest } = form;
    return rest;
  }
  return { ...form, [text]: next };
}

/** A field's label for visitors in one language; empty: the record type's own label is shown. */
export function setLabel(form: PublicFormDef, field: string, locale: Locale, value: string): PublicFormDef {
  const labels = { ...form.labels, [field]: setIn(form.labels?.[field], locale, value) };
  if (!Object.keys(labels[field]!).length) delete labels[field];
  const { labels: _old, ...rest } = form;
  return Object.keys(labels).length ? { ...rest, labels } : rest;
}

/** Puts a field on the form (at the end) or takes it off (with its labels). */
export function toggleField(form: PublicFormDef, field: string, on: boolean): PublicFormDef {
  if (on) return form.fields.includes(field) ? form : { ...form, fields: [...form.fields, field] };
  const { labels: old, ...rest } = { ...form, fields: form.fields.filter((f) => f !== field) };
  const labels = { ...old };
  delete labels[field];
  return Object.keys(labels).length ? { ...rest, labels } : rest;
}

/** Moves a field up (-1) or down (+1) among the form's fields. */
export function moveField(form: PublicFormDef, field: string, by: -1 | 1): PublicFormDef {
  const from = form.fields.indexOf(field);
  const to = from + by;
  if (from < 0 || to < 0 || to >= form.fields.length) return form;
  const fields = [...form.fields];
  [fields[from], fields[to]] = [fields[to]!, fields[from]!];
  return { ...form, fields };
}

/** Another record type: its fields replace the old ones (labels go with them). */
export function setEntity(form: PublicFormDef, entity: string, def: EntityConfig | undefined): PublicFormDef {
  if (entity === form.entity) return form;
  // A feedback form is about a record through a field of its type's; another type has no such field.
  const { labels: _old, about: _about, ...rest } = form;
  return { ...rest, entity, fields: newForm(entity, def, { title: '', thankYou: '' }, 'en').fields };
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/;

/** The sites of a text with one per line: each as an origin (no path, small letters), and the lines that are none. */
export function parseSites(text: string): { sites: string[]; wrong: string[] } {
  const sites: string[] = [];
  const wrong: string[] = [];
  for (const line of text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const origin = line.toLowerCase().replace(/\/+$/, '');
    if (ORIGIN.test(origin)) {
      if (!sites.includes(origin)) sites.push(origin);
    } else wrong.push(line);
  }
  return { sites, wrong };
}
