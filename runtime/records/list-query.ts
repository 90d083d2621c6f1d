import { createHash } from 'node:crypto';
import type { EntityDef, FormSchema } from '../browser-safe/bundle.ts';
import { Problem } from '../http/problem.ts';
import type { RecordScope } from '../access/scope.ts';
import { isLinkField } from './links.ts';
import { matchQuery, scopedWordsMatch, textFields } from './search-text.ts';
import { slaCondition } from '../service-levels/list-filter.ts';

/** `links`: a `references` field, matched through the link table. */
type Kind = 'string' | 'number' | 'boolean' | 'array' | 'links' | 'date';
export type Arg = string | number;
export interface Sql {
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
  /** What a cursor of this query is bound to: its search, filter and sort. */
  binding: string;
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

/** The values of an `in`: a list of 1 to 100, each of `kind`. */
function listOperands(kind: Kind, value: unknown, path: string): Arg[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) throw bad('expects a list of 1 to 100 values', path);
  return value.map((v, i) => operand(kind, v, `${path}/${i}`));
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
      const args = listOperands(itemKind, value, path);
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
  const args = op === 'in' ? listOperands('string', value, path) : [operand('string', value, path)];
  return {
    sql: `r.id IN (SELECT record_id FROM record_links WHERE tenant_id = ? AND field = ? AND target_id IN (${args.map(() => '?').join(', ')}))`,
    args: [tenantId, field, ...args],
  };
}

/** What a filter is checked against: the fields the reader may filter on, and whose records of which kind they are. */
interface FilterContext {
  kinds: Map<string, Kind>;
  tenantId: string;
  entity: string;
  /** Whether the kind of record has service levels: `$sla` filters on their status. */
  serviceLevels: boolean;
}

function filterSql(node: unknown, ctx: FilterContext, path: string, depth: number): Sql {
  if (depth > 8) throw bad('the filter is nested too deeply', path);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw bad('expects an object', path);
  const parts: Sql[] = [];
  for (const [key, spec] of Object.entries(node)) {
    const here = `${path}/${key}`;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(spec) || spec.length === 0 || spec.length > 20) throw bad('expects a list of 1 to 20 filters', here);
      const subs = spec.map((s, i) => filterSql(s, ctx, `${here}/${i}`, depth + 1));
      parts.push({ sql: '(' + subs.map((s) => s.sql).join(key === 'and' ? ' AND ' : ' OR ') + ')', args: subs.flatMap((s) => s.args) });
      continue;
    }
    if (key === '$sla' && ctx.serviceLevels) {
      parts.push(slaCondition(ctx.tenantId, ctx.entity, spec, here));
      continue;
    }
    const system = Object.hasOwn(SYSTEM, key) ? SYSTEM[key] : undefined;
    const kind = system?.kind ?? ctx.kinds.get(key);
    if (!kind) throw bad('is not a field you can filter on', here);
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw bad('expects an object of operators', here);
    for (const [op, value] of Object.entries(spec)) {
      if (!(OPERATORS as readonly string[]).includes(op)) throw bad(`is not an operator (${OPERATORS.join(', ')})`, `${here}/${op}`);
      if (kind === 'links') parts.push(linkCondition(ctx.tenantId, key, op as Operator, value, `${here}/${op}`));
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
const bindingOf = (params: URLSearchParams) =>
  createHash('sha256')
    .update(JSON.stringify([params.get('q') ?? '', params.get('filter') ?? '', params.get('sort') ?? '']))
    .digest('base64url')
    .slice(0, 12);

/** The cursor of the page after the one whose last record has the sort keys `values`. */
export function encodeCursor(query: ListQuery, values: Arg[]): string {
  return Buffer.from(JSON.stringify({ f: query.binding, v: values })).toString('base64url');
}

function decodeCursor(binding: string, cursor: string, size: number): Arg[] {
  try {
    const { f, v } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (f === binding && Array.isArray(v) && v.length === size && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v;
  } catch {
    // falls through to the refusal
  }
  throw bad('is not a cursor of this query', '/cursor');
}

/** Parses `q filter sort limit cursor count` of a list of `def`'s records (400 naming the parameter on any problem). */
export function parseListQuery(params: URLSearchParams, def: EntityDef, scope: RecordScope): ListQuery {
  const schema = def.form.schema;
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
    where.push(filterSql(parsed, { kinds, tenantId: scope.tenantId, entity: scope.entity, serviceLevels: def.serviceLevels !== undefined }, '/filter', 0));
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
  const binding = bindingOf(params);
  return {
    match,
    scopedMatch: scopedWordsMatch(q, scope, schema),
    where,
    sort,
    limit,
    after: cursor ? decodeCursor(binding, cursor, sort.length) : undefined,
    count: count === 'true',
    binding,
  };
}
