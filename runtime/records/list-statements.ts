import { scopeConditions, scopeWalk, type RecordScope } from '../access/scope.ts';
import type { Arg, ListQuery, Sql } from './list-query.ts';
import { RECORD_JOINS, recordJsonSql } from './record-json.ts';
import { scopeMatch } from './search-text.ts';

/** The SQL of a parsed list query (list-query.ts) within a reader's scope: its page, its count, and the probe that picks a search's plan. */

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
  return { page: folded(page, query), count: query.count ? countSql(scope, query, filtered) : undefined };
}

/**
 * The rows of a page (`json, s0, s1…`, one more than `limit` when there are more) folded into one: the JSON of
 * the first `limit` joined with commas, whether there are more, and the sort keys of the last one shown, for the next
 * cursor. One value crosses into JavaScript instead of three for every record.
 */
function folded(page: Sql, query: ListQuery): Sql {
  const limit = query.limit;
  // Numbered by the sort keys themselves (they end with the id, so the order is total): SQLite promises no order otherwise.
  const order = query.sort.map((k, i) => `s${i} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
  // Each key of the last row is taken as it is (a real kept exactly, which JSON text would round).
  const last = query.sort.map((_, i) => `max(s${i}) FILTER (WHERE n = ?) AS s${i}`);
  return {
    sql: `SELECT group_concat(json, ',' ORDER BY n) FILTER (WHERE n <= ?) AS items, count(*) > ? AS more, ${last.join(', ')}
      FROM (SELECT *, row_number() OVER (ORDER BY ${order}) AS n FROM (${page.sql}))`,
    args: [limit, limit, ...last.map(() => limit), ...page.args],
  };
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
