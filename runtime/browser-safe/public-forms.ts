import type { FieldSchema, Locale, LocalizedText, XField } from './bundle.ts';

/** Field types a visitor can fill in on a public page (no record pickers, uploads or date-times with a timezone). */
export const PUBLIC_FIELD_TYPES: readonly XField[] = [
  'text',
  'textarea',
  'number',
  'currency',
  'percent',
  'date',
  'email',
  'phone',
  'url',
  'select',
  'multiselect',
  'checkbox',
];

/** Why a submission was refused; each is counted per form and day, none is stored. */
export const REFUSALS = ['honeypot', 'tooFast', 'token', 'rate', 'proof', 'invalid', 'malformed'] as const;
export type Refusal = (typeof REFUSALS)[number];

/** Leading zero bits SHA-256(token + nonce) must have on a form with proof of work (about 260,000 tries). */
export const PROOF_BITS = 18;

/** A visitor waits at least this long between opening a form and sending it; a day later its token expired. */
export const MIN_FILL_MS = 3000;
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** At most this many accepted submissions per address and form in RATE_WINDOW_MS. */
export const RATE_LIMIT = 5;
export const RATE_WINDOW_MS = 10 * 60 * 1000;

/** A text in `locale`, else in `fallback` (the company's language), else English, else any; '' when there is none. */
export function textIn(text: LocalizedText | undefined, locale: Locale, fallback: Locale = 'en'): string {
  if (!text) return '';
  return text[locale] ?? text[fallback] ?? text.en ?? Object.values(text).find((t) => t !== undefined) ?? '';
}

/** Where visitors open a form: `<origin>/f/<company>/<form>`. */
export const publicFormUrl = (origin: string, tenantSlug: string, key: string) => `${origin}/f/${encodeURIComponent(tenantSlug)}/${encodeURIComponent(key)}`;

const attribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML a site owner pastes to show the form in a frame (the site must be among the form's allowed sites). */
export const embedSnippet = (url: string, title: string) =>
  `<iframe src="${attribute(url)}" title="${attribute(title)}" width="100%" height="720" style="border:0;max-width:40rem"></iframe>`;

/** The day (YYYY-MM-DD) a moment falls on in a timezone: submissions are counted per day of the company. */
export function dayIn(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Submissions of one form on one day: how many were accepted, and how many refused for each reason. */
export interface DayCount {
  form: string;
  day: string;
  accepted: number;
  refused: Record<Refusal, number>;
}

/** Whether a field is a rating: a whole number on a scale of at most eleven steps (0–10 for a Net Promoter Score, 1–5). */
export const isRating = (field: FieldSchema) =>
  field.type === 'integer' && field.minimum !== undefined && field.maximum !== undefined && field.maximum - field.minimum <= 10;
