import { createHash } from 'node:crypto';
import type { FormSchema } from '../browser-safe/bundle.ts';
import { Problem } from '../http/problem.ts';
import { scopeConditions, scopeWalk, type RecordScope } from '../access/scope.ts';
import { isLinkField } from './links.ts';
import { RECORD_JOINS, recordJsonSql } from './record-json.ts';
import { matchQuery, scopedWordsMatch, scopeMatch, textFields } from './search-text.ts';

/** `links`: a `references` field, matched through the link table. */
type Kind = 'string' | 'number' | 'boolean' | 'array' | 'links' | 'date';
type Arg = string | number;
interface Sql {
  sql: string;
  args: Arg[];
}

const SYSTEM: Record<string, { column: string; kind: Kind }> = {
  $createdAt: { column: 'r.created_at', kind: 'date' },
  $updatedAt: { column: 'r.updated_at', kind: 'date' },
  $ownerId: { column: 'r.owner_id', kind: 'string' },
  $createdBy: { column: 'r.created_by', kind: 'string' },
  $state: { column: 'r.state', kind: 'string' },
  $stage: { column: 'r.stage', kind: 'string' },
  $pipeline: { column: 'r.pipeline', kind: 'string' },
};
const SORTABLE_SYSTEM: Record<string, string> = {
  updatedAt: 'r.updated_at',
  createdAt: 'r.created_at',
  state: "coalesce(r.state, '')",
  stage: "coalesce(r.stage, '')",
};
const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'empty'] as const;
type Operator = (typeof OPERATORS)[number];
const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

export interface ListQuery {
  /** FTS5 match expression for `q`, restricted to readable fields (the scope is added by listStatements). */
  match?: string;
  /** The same search in records_words, when the reader's scope is narrow and every text field readable: the plan then. */
  scopedMatch?: string;
  where: Sql[];
  sort: { expr: string; desc: boolean }[];
  limit: number;
  after?: Arg[];
  count: boolean;
}

const bad = (message: string, path: string) => new Problem(400, message, [{ path, message }]);

/** Kinds of the form fields a scope may read; hidden fields are absent, exactly like unknown ones. */
function readableKinds(schema: FormSchema, scope: RecordScope): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const [key, field] of Object.entries(schema.properties)) {
    if (scope.hidden.has(key)) continue;
    const type = Array.isArray(field.type) ? field.type.find((t) => t !== 'null') : field.type;
    if (type === 'string') kinds.set(key, 'string');
    else if (type === 'number' || type === 'integer') kinds.set(key, 'number');
    else if (type === 'boolean') kinds.set(key, 'boolean');
    else if (type === 'array') kinds.set(key, isLinkField(field) ? 'links' : 'array');
  }
  return kinds;
}

const fieldExpr = (key: string) => `json_extract(r.data, '$.${key}')`;

function operand(kind: Kind, value: unknown, path: string): Arg {
  if (kind === 'date') {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw bad('expects an ISO 8601 date', path);
    return ms;
  }
  if (kind === 'boolean') {
    if (typeof value !== 'boolean') throw bad('expects true or false', path);
    return value ? 1 : 0;
  }
  if (kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('expects a number', path);
    return value;
  }
  if (typeof value !== 'string' || value.length > 500) throw bad('expects a string of at most 500 characters', path);
  return value;
}

function condition(expr: string, kind: Kind, op: Operator, value: unknown, path: string): Sql {
  const itemKind: Kind = kind === 'array' ? 'string' : kind;
  switch (op) {
    case 'empty': {
      if (typeof value !== 'boolean') throw bad('expects true or false', path);
      const empty = `(${expr} IS NULL OR ${expr} = '' OR ${expr} = '[]')`;
      return { sql: value ? empty : `NOT ${empty}`, args: [] };
    }
    case 'in': {
      if (!Array.isArray(value) || value.length === 0 || value.length > 100) throw bad('expects a list of 1 to 100 values', path);
      const args = value.map((v, i) => operand(itemKind, v, `${path}/${i}`));
      if (kind === 'array') return { sql: `EXISTS (SELECT 1 FROM json_each(${expr}) WHERE value IN (${args.map(() => '?').join(', ')}))`, args };
      return { sql: `${expr} IN (${args.map(() => '?').join(', ')})`, args };
    }
    case 'contains': {
      const arg = operand(itemKind, value, path);
      if (kind === 'array') return { sql: `EXISTS (SELECT 1 FROM json_each(${expr}) WHERE value = ?)`, args: [arg] };
      if (kind !== 'string') throw bad('contains applies to text and lists', path);
      return { sql: `instr(lower(${expr}), lower(?)) > 0`, args: [arg] };
    }
    default: {
      if (kind === 'array') throw bad(`${op} does not apply to lists; use contains or in`, path);
      const arg = operand(kind, value, path);
      const sqlOp = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
      return { sql: op === 'ne' ? `(${expr} IS NULL OR ${expr} <> ?)` : `${expr} ${sqlOp} ?`, args: [arg] };
    }
  }
}

/** "Links one of these records" (or, empty, "links none") on a `references` field: through the link table's index. */
function linkCondition(tenantId: string, field: string, op: Operator, value: unknown, path: string): Sql {
  if (op === 'empty') return condition(fieldExpr(field), 'array', op, value, path);
  if (op !== 'contains' && op !== 'in') throw bad(`${op} does not apply to lists; use contains or in`, path);
  const targets = op === 'in' ? value : [value];
  if (!Array.isArray(targets) || targets.length === 0 || targets.length > 100) throw bad('expects a list of 1 to 100 values', path);
  const args = targets.map((v, i) => operand('string', v, op === 'in' ? `${path}/${i}` : path));
  return {
    sql: `r.id IN (SELECT record_id FROM record_links WHERE tenant_id = ? AND field = ? AND target_id IN (${args.map(() => '?').join(', ')}))`,
    args: [tenantId, field, ...args],
  };
}

function filterSql(node: unknown, kinds: Map<string, Kind>, tenantId: string, path: string, depth: number): Sql {
  if (depth > 8) throw bad('the filter is nested too deeply', path);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw bad('expects an object', path);
  const parts: Sql[] = [];
  for (const [key, spec] of Object.entries(node)) {
    const here = `${path}/${key}`;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(spec) || spec.length === 0 || spec.length > 20) throw bad('expects a list of 1 to 20 filters', here);
      const subs = spec.map((s, i) => filterSql(s, kinds, tenantId, `${here}/${i}`, depth + 1));
      parts.push({ sql: '(' + subs.map((s) => s.sql).join(key === 'and' ? ' AND ' : ' OR ') + ')', args: subs.flatMap((s) => s.args) });
      continue;
    }
    const system = Object.hasOwn(SYSTEM, key) ? SYSTEM[key] : undefined;
    const kind = system?.kind ?? kinds.get(key);
    if (!kind) throw bad('is not a field you can filter on', here);
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw bad('expects an object of operators', here);
    for (const [op, value] of Object.entries(spec)) {
      if (!(OPERATORS as readonly string[]).includes(op)) throw bad(`is not an operator (${OPERATORS.join(', ')})`, `${here}/${op}`);
      if (kind === 'links') parts.push(linkCondition(tenantId, key, op as Operator, value, `${here}/${op}`));
      else parts.push(condition(system?.column ?? fieldExpr(key), kind, op as Operator, value, `${here}/${op}`));
    }
  }
  if (parts.length === 0) return { sql: '1', args: [] };
  return { sql: '(' + parts.map((p) => p.sql).join(' AND ') + ')', args: parts.flatMap((p) => p.args) };
}

function sortKeys(sort: string | undefined, kinds: Map<string, Kind>): { expr: string; desc: boolean }[] {
  const names = (sort ?? '-updatedAt').split(',').filter(Boolean);
  if (names.length > 3) throw bad('sorts by at most 3 fields', '/sort');
  const keys = names.map((raw) => {
    const desc = raw.startsWith('-');
    const name = desc ? raw.slice(1) : raw;
    const system = Object.hasOwn(SORTABLE_SYSTEM, name) ? SORTABLE_SYSTEM[name] : undefined;
    if (system) return { expr: system, desc };
    const kind = kinds.get(name);
    if (kind === 'string') return { expr: `lower(coalesce(${fieldExpr(name)}, ''))`, desc };
    if (kind === 'number' || kind === 'boolean') return { expr: `coalesce(${fieldExpr(name)}, -1e308)`, desc };
    throw bad(`"${name}" is not a field you can sort on`, '/sort');
  });
  // The id makes the order total, so cursors never skip or repeat a record.
  return [...keys, { expr: 'r.id', desc: keys.at(-1)?.desc ?? true }];
}

/** Binds a cursor to its query: a cursor from one sort or filter is refused by another. */
const fingerprint = (params: URLSearchParams) =>
  createHash('sha256')
    .update(JSON.stringify([params.get('q') ?? '', params.get('filter') ?? '', params.get('sort') ?? '']))
    .digest('base64url')
    .slice(0, 12);

export function encodeCursor(params: URLSearchParams, values: Arg[]): string {
  return Buffer.from(JSON.stringify({ f: fingerprint(params), v: values })).toString('base64url');
}

function decodeCursor(params: URLSearchParams, cursor: string, size: number): Arg[] {
  try {
    const { f, v } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (f === fingerprint(params) && Array.isArray(v) && v.length === size && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v;
  } catch {
    // falls through to the refusal
  }
  throw bad('is not a cursor of this query', '/cursor');
}

/** Parses `q filter sort limit cursor count` of a list request (400 naming the parameter on any problem). */
export function parseListQuery(params: URLSearchParams, schema: FormSchema, scope: RecordScope): ListQuery {
  const known = new Set(['q', 'filter', 'sort', 'limit', 'cursor', 'count']);
  for (const key of params.keys()) if (!known.has(key)) throw bad('is not a list parameter', `/${key}`);
  const kinds = readableKinds(schema, scope);
  const where: Sql[] = [];
  const rawFilter = params.get('filter');
  if (rawFilter) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawFilter);
    } catch {
      throw bad('is not valid JSON', '/filter');
    }
    where.push(filterSql(parsed, kinds, scope.tenantId, '/filter', 0));
  }
  const q = params.get('q') ?? '';
  if (q.length > 200) throw bad('is longer than 200 characters', '/q');
  const readableText = textFields(schema).filter((f) => !scope.hidden.has(f));
  const match = matchQuery(q, readableText);
  const sort = sortKeys(params.get('sort') ?? undefined, kinds);
  const rawLimit = params.get('limit');
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw bad(`must be a whole number from 1 to ${MAX_LIMIT}`, '/limit');
  const cursor = params.get('cursor');
  const count = params.get('count');
  if (count !== null && count !== 'true' && count !== 'false') throw bad('must be true or false', '/count');
  return {
    match,
    scopedMatch: scopedWordsMatch(q, scope, schema),
    where,
    sort,
    limit,
    after: cursor ? decodeCursor(params, cursor, sort.length) : undefined,
    count: count === 'true',
  };
}

/** `(a, b) < (?, ?)` when every key sorts one way (an index range), else the expanded keyset condition. */
function afterSql(sort: ListQuery['sort'], after: Arg[]): Sql {
  if (sort.every((k) => k.desc === sort[0]!.desc)) {
    const cols = sort.map((k) => k.expr).join(', ');
    return { sql: `(${cols}) ${sort[0]!.desc ? '<' : '>'} (${sort.map(() => '?').join(', ')})`, args: after };
  }
  const ors: Sql[] = sort.map((key, i) => {
    const eqs = sort.slice(0, i).map((k) => `${k.expr} = ?`);
    return { sql: '(' + [...eqs, `${key.expr} ${key.desc ? '<' : '>'} ?`].join(' AND ') + ')', args: [...after.slice(0, i), after[i]!] };
  });
  return { sql: '(' + ors.map((o) => o.sql).join(' OR ') + ')', args: ors.flatMap((o) => o.args) };
}

/** Above this many full-text matches, walking the sort index and checking each row beats sorting every match. */
export const MANY_MATCHES = 2000;

/** The full-text expression of a search: the reader's scope and the words of `q`. */
const fullTextMatch = (scope: RecordScope, query: ListQuery) => `${scopeMatch(scope)} AND ${query.match}`;

/** Counts a search's matches up to just past MANY_MATCHES, to choose the plan of `listStatements`. */
export const matchProbe = (scope: RecordScope, query: ListQuery): Sql => ({
  sql: 'SELECT count(*) AS n FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT ?)',
  args: [fullTextMatch(scope, query), MANY_MATCHES + 1],
});

/** Whether a list must first count its search's matches to choose its plan (see `listStatements`). */
export const needsMatchProbe = (query: ListQuery) => query.match !== undefined && query.scopedMatch === undefined;

/**
 * The page and count statements of a list. With a scope of several disjuncts (own: owner or creator),
 * each disjunct is its own index-ordered LIMIT subquery and the union is merged: far faster than `a OR b`.
 * A narrow reader's search is driven by records_words, whose entries are those of the reader's own records
 * (so its matches are few). Any other search with few matches is driven by records_fts, whose match carries
 * the scope too; with many matches (`manyMatches`) the sort index is walked instead and each row checked
 * against the matches (the unary `+` keeps SQLite from driving by them).
 * The SQL scope is applied to every row either way.
 */
export function listStatements(scope: RecordScope, query: ListQuery, manyMatches = false): { page: Sql; count?: Sql } {
  let disjuncts = scope.broad ? [scopeWalk(scope)] : scopeConditions(scope);
  const common: Sql[] = [...query.where];
  const anyOf = (ds: Sql[]): Sql[] => [{ sql: `(${ds.map((d) => `(${d.sql})`).join(' OR ')})`, args: ds.flatMap((d) => d.args) }];
  if (query.scopedMatch) {
    disjuncts = anyOf(disjuncts);
    common.push({ sql: 'r.seq IN (SELECT rowid FROM records_words WHERE records_words MATCH ?)', args: [query.scopedMatch] });
  } else if (query.match) {
    if (!manyMatches) disjuncts = anyOf(disjuncts);
    common.push({ sql: `${manyMatches ? '+' : ''}r.seq IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)`, args: [fullTextMatch(scope, query)] });
  }
  const filtered = disjuncts.map((d) => {
    const parts = [d, ...common];
    return { sql: parts.map((p) => p.sql).join(' AND '), args: parts.flatMap((p) => p.args) };
  });
  const order = query.sort.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
  const sortCols = query.sort.map((k, i) => `${k.expr} AS s${i}`).join(', ');
  const after = query.after ? afterSql(query.sort, query.after) : undefined;
  const take = query.limit + 1;
  const json = `${recordJsonSql(scope.hidden)} AS json`;
  const paged = filtered.map((f) => (after ? { sql: `${f.sql} AND ${after.sql}`, args: [...f.args, ...after.args] } : f));

  let page: Sql;
  // A page in index order is built as it is walked. Anything else (a union, or the matches of a search) is sorted
  // first by its keys alone, and only the rows kept are built: SQLite would otherwise build every candidate's JSON.
  if (paged.length === 1 && !query.match) {
    page = {
      sql: `SELECT ${json}, ${sortCols} FROM records r ${RECORD_JOINS} WHERE ${paged[0]!.sql} ORDER BY ${order} LIMIT ?`,
      args: [...paged[0]!.args, take],
    };
  } else {
    const byKeys = (alias: string) => query.sort.map((k, i) => `${alias}s${i} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
    const keys = query.sort.map((_, i) => `p.s${i}`).join(', ');
    const subs = paged.map((p) => `SELECT * FROM (SELECT r.seq, ${sortCols} FROM records r WHERE ${p.sql} ORDER BY ${order} LIMIT ?)`);
    page = {
      sql: `SELECT ${json}, ${keys} FROM (SELECT * FROM (${subs.join(' UNION ')}) ORDER BY ${byKeys('')} LIMIT ?) p
        JOIN records r ON r.seq = p.seq ${RECORD_JOINS} ORDER BY ${byKeys('p.')}`,
      args: [...paged.flatMap((p) => [...p.args, take]), take],
    };
  }
  return { page, count: query.count ? countSql(scope, query, filtered) : undefined };
}

/** How many records a list has: every record of the entity, unfiltered, is the counter the database keeps; else counted. */
function countSql(scope: RecordScope, query: ListQuery, filtered: Sql[]): Sql {
  if (scope.kind === 'all' && !query.where.length && !query.match)
    return { sql: 'SELECT coalesce((SELECT n FROM record_counts WHERE tenant_id = ? AND entity = ?), 0) AS n', args: [scope.tenantId, scope.entity] };
  return {
    sql: `SELECT count(*) AS n FROM (${filtered.map((f) => `SELECT r.seq FROM records r WHERE ${f.sql}`).join(' UNION ')})`,
    args: filtered.flatMap((f) => f.args),
  };
}
