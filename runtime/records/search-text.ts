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

/** The people and teams a narrow read scope reaches records through (own, team, shares), as index tokens. */
function scopeTokens(scope: RecordScope): string[] {
  const tokens = [ownerToken(scope.userId), creatorToken(scope.userId), ...scope.teams.map((team) => teamToken(scope.tenantId, team))];
  if (scope.shares) tokens.push(personShareToken(scope.tenantId, scope.userId), ...scope.shares.teams.map((team) => teamShareToken(scope.tenantId, team)));
  return tokens;
}

/** Whether a scope reaches so much of its entity that it searches by the entity's token rather than by people and teams. */
const wideScope = (scope: RecordScope) => scope.kind === 'all' || scope.broad;

/** The FTS5 expression matching the records of a read scope (own/team: of every entity; the SQL scope narrows further). */
export function scopeMatch(scope: RecordScope): string {
  // A broad scope reaches so much of the entity that its people and team tokens would match nearly as many records.
  if (wideScope(scope)) return `"${entityToken(scope.tenantId, scope.entity)}"`;
  // The people tokens alone are far more selective than the entity's; SQL narrows to the entity.
  return `(${scopeTokens(scope)
    .map((t) => `"${t}"`)
    .join(' OR ')})`;
}

/** Fields whose text is searchable: strings and lists of strings. */
export function textFields(schema: FormSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, f]) => f.type === 'string' || (f.type === 'array' && f.items?.type === 'string'))
    .map(([key]) => key);
}

/**
 * The texts stored for one record in the two full-text indexes:
 * - `text` (records_fts): its words tagged by field, and its scope tokens;
 * - `scoped` (records_words): each of its words joined to each person or team whose scope reaches it (owner, creator,
 *   team, shares), so a narrow reader's search reads only the index entries of their own records.
 */
export function indexTexts(schema: FormSchema, data: Record<string, unknown>, scope: IndexScope): { text: string; scoped: string } {
  const owner = ownerToken(scope.ownerId);
  const creator = creatorToken(scope.createdBy);
  const reach = (scope.sharedWith ?? []).map((share) =>
    share.userId !== null ? personShareToken(scope.tenantId, share.userId) : teamShareToken(scope.tenantId, share.team!),
  );
  if (scope.team !== null) reach.unshift(teamToken(scope.tenantId, scope.team));
  const out: string[] = [entityToken(scope.tenantId, scope.entity), owner, creator, ...reach];
  // A record's creator is most often its owner: the owner's entries serve both.
  const principals = [owner, ...(scope.createdBy === scope.ownerId ? [] : [creator]), ...reach];
  const all = new Set<string>();
  for (const field of textFields(schema)) {
    const value = data[field];
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts)
      if (typeof part === 'string')
        for (const w of words(part)) {
          out.push(fieldCode(field) + w);
          all.add(w);
        }
  }
  return { text: out.join(' '), scoped: principals.flatMap((p) => [...all].map((w) => p + w)).join(' ') };
}

/** An FTS5 query: every word of `q` must start a word in one of the `readable` fields; undefined when q has no words. */
export function matchQuery(q: string, readable: string[]): string | undefined {
  const terms = words(q).slice(0, 8);
  if (terms.length === 0) return undefined;
  if (readable.length === 0) return '"knomatch"'; // a term no indexed text contains: codes are 'k' + 8 hex + a word
  return terms.map((t) => '(' + readable.map((f) => `"${fieldCode(f)}${t}"*`).join(' OR ') + ')').join(' AND ');
}

/**
 * The records_words query of a narrow reader who may read every text field: every word of `q` must start a word of a
 * record their scope reaches. Undefined for wide scopes, for readers with hidden text fields (the index does not say
 * which field a word is in), and when q has no words.
 */
export function scopedWordsMatch(q: string, scope: RecordScope, schema: FormSchema): string | undefined {
  const terms = words(q).slice(0, 8);
  if (terms.length === 0 || wideScope(scope) || textFields(schema).some((f) => scope.hidden.has(f))) return undefined;
  const tokens = scopeTokens(scope);
  return terms.map((t) => '(' + tokens.map((p) => `"${p}${t}"*`).join(' OR ') + ')').join(' AND ');
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
