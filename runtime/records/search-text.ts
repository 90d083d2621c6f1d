import { createHash } from 'node:crypto';
import type { RecordScope } from '../access/scope.ts';
import type { FormSchema } from '../browser-safe/bundle.ts';

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
const code = (prefix: string, text: string, length: number) => prefix + createHash('sha256').update(text).digest('hex').slice(0, length);
const fieldCode = (field: string) => code('k', field, 8);

/** Who a record belongs to, as indexed beside its words, so a search matches inside the reader's scope only. */
export interface IndexScope {
  tenantId: string;
  entity: string;
  ownerId: string;
  createdBy: string;
  team: string | null;
  /** Whom the record is shared with, whatever the share's access or end: the SQL scope checks those. */
  sharedWith?: readonly { userId: string | null; team: string | null }[];
}

// Scope tokens start with letters field tokens never start with ('k'), so no search word can produce one.
const entityToken = (tenantId: string, entity: string) => code('e', `${tenantId}:${entity}`, 16);
const ownerToken = (userId: string) => code('o', userId, 16);
const creatorToken = (userId: string) => code('c', userId, 16);
const teamToken = (tenantId: string, team: string) => code('t', `${tenantId}:${team}`, 16);
const personShareToken = (tenantId: string, userId: string) => code('g', `${tenantId}:u:${userId}`, 16);
const teamShareToken = (tenantId: string, team: string) => code('g', `${tenantId}:t:${team}`, 16);

/** The FTS5 expression matching the records of a read scope (own/team: of every entity; the SQL scope narrows further). */
export function scopeMatch(scope: RecordScope): string {
  // A broad scope reaches so much of the entity that its people and team tokens would match nearly as many records.
  if (scope.kind === 'all' || scope.broad) return `"${entityToken(scope.tenantId, scope.entity)}"`;
  // The people tokens alone are far more selective than the entity's; SQL narrows to the entity.
  const anyOf = [ownerToken(scope.userId), creatorToken(scope.userId), ...scope.teams.map((team) => teamToken(scope.tenantId, team))];
  if (scope.shares) anyOf.push(personShareToken(scope.tenantId, scope.userId), ...scope.shares.teams.map((team) => teamShareToken(scope.tenantId, team)));
  return `(${anyOf.map((t) => `"${t}"`).join(' OR ')})`;
}

/** Fields whose text is searchable: strings and lists of strings. */
export function textFields(schema: FormSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, f]) => f.type === 'string' || (f.type === 'array' && f.items?.type === 'string'))
    .map(([key]) => key);
}

/** The text stored in the full-text index for one record: its words, tagged by field, and its scope tokens. */
export function indexText(schema: FormSchema, data: Record<string, unknown>, scope: IndexScope): string {
  const out: string[] = [entityToken(scope.tenantId, scope.entity), ownerToken(scope.ownerId), creatorToken(scope.createdBy)];
  if (scope.team !== null) out.push(teamToken(scope.tenantId, scope.team));
  for (const share of scope.sharedWith ?? [])
    out.push(share.userId !== null ? personShareToken(scope.tenantId, share.userId) : teamShareToken(scope.tenantId, share.team!));
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

/**
 * An FTS5 query for the records of one entity whose `field` holds `value` (its words in order): a narrow candidate set
 * for an exact comparison, so finding records by an address or a reference never walks the whole entity.
 */
export function fieldValueMatch(tenantId: string, entity: string, field: string, value: string): string | undefined {
  const terms = words(value);
  if (terms.length === 0) return undefined;
  return `"${entityToken(tenantId, entity)}" AND "${terms.map((t) => fieldCode(field) + t).join(' ')}"`;
}
