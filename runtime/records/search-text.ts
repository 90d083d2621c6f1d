import { createHash } from 'node:crypto';
import type { FormSchema } from '../config/bundle.ts';

/** Lower-case words without diacritics, split the way both indexing and searching do. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Each indexed word is tagged with a fixed-length code of its field, so a search can match only the
 * fields the viewer may read: a hidden field's words can never make a record match.
 */
const fieldCode = (field: string) => 'k' + createHash('sha256').update(field).digest('hex').slice(0, 8);

/** Fields whose text is searchable: strings and lists of strings. */
export function textFields(schema: FormSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, f]) => f.type === 'string' || (f.type === 'array' && f.items?.type === 'string'))
    .map(([key]) => key);
}

/** The text stored in the full-text index for one record. */
export function indexText(schema: FormSchema, data: Record<string, unknown>): string {
  const out: string[] = [];
  for (const field of textFields(schema)) {
    const value = data[field];
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) if (typeof part === 'string') for (const w of words(part)) out.push(fieldCode(field) + w);
  }
  return out.join(' ');
}

/** An FTS5 query: every word of `q` must start a word in one of the `readable` fields; undefined when q has no words. */
export function matchQuery(q: string, readable: string[]): string | undefined {
  const terms = words(q).slice(0, 8);
  if (terms.length === 0) return undefined;
  if (readable.length === 0) return '"knomatch"'; // a term no indexed text contains: codes are 'k' + 8 hex + a word
  return terms.map((t) => '(' + readable.map((f) => `"${fieldCode(f)}${t}"*`).join(' OR ') + ')').join(' AND ');
}
