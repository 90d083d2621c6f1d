import type { Client, Transaction } from '@libsql/client';
import { scopeConditions, type RecordScope } from '../access/scope.ts';
import type { Bundle, FormSchema } from '../config/bundle.ts';
import { indexText, type IndexScope } from './search-text.ts';
import type { Db } from '../db/client.ts';
import { encodeCursor, listStatements, MANY_MATCHES, matchProbe, type ListQuery } from './list-query.ts';
import { RECORD_JOINS, recordJsonSql } from './record-json.ts';

/** A record as one request sees it: what the policy and writes need, and `json`, its view for this reader. */
export interface StoredRecord {
  seq: number;
  id: string;
  entity: string;
  data: Record<string, unknown>;
  ownerId: string;
  createdBy: string;
  team: string | null;
  pipeline: string | null;
  stage: string | null;
  /** The record's workflow state (dotted path), when its entity has a workflow. */
  state: string | null;
  version: number;
  /** The record as it travels, without the fields the reader's role hides. */
  json: string;
}

/** One record inside `scope`, or undefined: missing and out-of-scope are the same answer. */
export async function getRecord(db: Client | Transaction, scope: RecordScope, id: string): Promise<StoredRecord | undefined> {
  const disjuncts = scopeConditions(scope);
  const sql = `SELECT r.seq, r.id, r.entity, r.data, r.owner_id, r.created_by, r.team, r.pipeline, r.stage, r.state, r.version, ${recordJsonSql(scope.hidden)} AS json
    FROM records r ${RECORD_JOINS} WHERE r.tenant_id = ? AND r.id = ? AND (${disjuncts.map((d) => d.sql).join(' OR ')})`;
  const row = (await db.execute({ sql, args: [scope.tenantId, id, ...disjuncts.flatMap((d) => d.args)] })).rows[0];
  if (!row) return undefined;
  return {
    seq: Number(row.seq),
    id: String(row.id),
    entity: String(row.entity),
    data: JSON.parse(String(row.data)),
    ownerId: String(row.owner_id),
    createdBy: String(row.created_by),
    team: row.team === null ? null : String(row.team),
    pipeline: row.pipeline === null ? null : String(row.pipeline),
    stage: row.stage === null ? null : String(row.stage),
    state: row.state === null ? null : String(row.state),
    version: Number(row.version),
    json: String(row.json),
  };
}

/** One page of the records inside `scope` matching the query (as JSON texts), plus the total when asked. */
export async function listRecords(db: Db, scope: RecordScope, query: ListQuery, params: URLSearchParams) {
  const manyMatches = query.match !== undefined && Number((await db.client.execute(matchProbe(scope, query))).rows[0]!.n) > MANY_MATCHES;
  const { page, count } = listStatements(scope, query, manyMatches);
  const rows = (await db.client.execute(page)).rows;
  const more = rows.length > query.limit;
  const shown = more ? rows.slice(0, query.limit) : rows;
  const last = shown.at(-1);
  const nextCursor =
    more && last
      ? encodeCursor(
          params,
          query.sort.map((_, i) => last[`s${i}`] as string | number),
        )
      : null;
  const total = count ? Number((await db.client.execute(count)).rows[0]!.n) : undefined;
  return { items: shown.map((r) => String(r.json)), nextCursor, total };
}

/** Writes a record's full-text entry (replacing any earlier one) inside the caller's transaction. */
export async function indexRecord(tx: Transaction, seq: number | bigint, schema: FormSchema, data: Record<string, unknown>, scope: IndexScope): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM records_fts WHERE rowid = ?', args: [seq] });
  await tx.execute({ sql: 'INSERT INTO records_fts (rowid, text) VALUES (?, ?)', args: [seq, indexText(schema, data, scope)] });
}

/** Re-indexes every record a person owns, after their team changed (search scope tokens carry the team). */
export async function reindexOwner(tx: Transaction, tenantId: string, ownerId: string, bundle: Bundle): Promise<void> {
  const rows = (
    await tx.execute({ sql: 'SELECT seq, entity, data, created_by, team FROM records WHERE tenant_id = ? AND owner_id = ?', args: [tenantId, ownerId] })
  ).rows;
  for (const row of rows) {
    const def = bundle.entities[String(row.entity)];
    if (!def) continue;
    const scope = { tenantId, entity: String(row.entity), ownerId, createdBy: String(row.created_by), team: row.team === null ? null : String(row.team) };
    await indexRecord(tx, Number(row.seq), def.form.schema, JSON.parse(String(row.data)), scope);
  }
}
