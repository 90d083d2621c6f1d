import type { Client, Row, Transaction } from '@libsql/client';
import type { ShareAccess } from '../access/policy.ts';
import { scopeConditions, sharedSql, type RecordScope } from '../access/scope.ts';
import type { FormSchema } from '../browser-safe/bundle.ts';
import { indexTexts, type IndexScope } from './search-text.ts';
import type { Db } from '../db/client.ts';
import { encodeCursor, type ListQuery } from './list-query.ts';
import { listStatements, MANY_MATCHES, matchProbe, needsMatchProbe } from './list-statements.ts';
import { RECORD_JOINS, recordJsonSql } from './record-json.ts';

/** A record's row: what the access policy and writes need. */
export interface RecordRow {
  seq: number;
  id: string;
  entity: string;
  data: Record<string, unknown>;
  ownerId: string;
  createdBy: string;
  team: string | null;
  pipeline: string | null;
  stage: string | null;
  state: string | null;
  /** When the record entered each state it is in (`{working: ms, 'working.waiting': ms}`): its timers count from there. */
  entered: Record<string, number>;
  version: number;
}

/** A record as one request sees it: what the policy and writes need, and `json`, its view for this reader. */
export interface StoredRecord extends RecordRow {
  /** The record as it travels, without the fields the reader's role hides. */
  json: string;
  /** What a share gives the reader on it, if any. */
  shared: ShareAccess | null;
}

const rowOf = (row: Row): RecordRow => ({
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
  entered: row.entered === null ? {} : JSON.parse(String(row.entered)),
  version: Number(row.version),
});

/**
 * One record inside `scope` (a read scope), or undefined: missing and out-of-scope are the same answer. `shared` is what
 * a share gives the reader on it (the strongest of theirs), for the permission check of what they do next.
 */
export async function getRecord(db: Client | Transaction, scope: RecordScope, id: string): Promise<StoredRecord | undefined> {
  const disjuncts = scopeConditions(scope);
  const shared = sharedSql(scope, 'max(s.access)');
  const access = shared ? `${shared.sql} AND s.record_seq = r.seq` : 'NULL';
  const sql = `SELECT r.seq, r.id, r.entity, r.data, r.owner_id, r.created_by, r.team, r.pipeline, r.stage, r.state, r.entered, r.version,
      ${recordJsonSql(scope.hidden)} AS json, (${access}) AS shared
    FROM records r ${RECORD_JOINS} WHERE r.tenant_id = ? AND r.id = ? AND (${disjuncts.map((d) => d.sql).join(' OR ')})`;
  const row = (await db.execute({ sql, args: [...(shared?.args ?? []), scope.tenantId, id, ...disjuncts.flatMap((d) => d.args)] })).rows[0];
  return row && { ...rowOf(row), json: String(row.json), shared: row.shared === null ? null : (String(row.shared) as ShareAccess) };
}

/** A record's row for automation acting for the tenant (a workflow timer), which no person's scope limits. */
export async function automationRow(db: Client | Transaction, tenantId: string, id: string): Promise<RecordRow | undefined> {
  const row = (
    await db.execute({
      sql: 'SELECT seq, id, entity, data, owner_id, created_by, team, pipeline, stage, state, entered, version FROM records WHERE tenant_id = ? AND id = ?',
      args: [tenantId, id],
    })
  ).rows[0];
  return row && rowOf(row);
}

/**
 * One page of the records inside `scope` matching the query, plus the total when asked. `items` is their JSON texts
 * joined with commas, as they go into a JSON array.
 */
export async function listRecords(db: Db, scope: RecordScope, query: ListQuery) {
  const manyMatches = needsMatchProbe(query) && Number((await db.client.execute(matchProbe(scope, query))).rows[0]!.n) > MANY_MATCHES;
  const { page, count } = listStatements(scope, query, manyMatches);
  const row = (await db.client.execute(page)).rows[0]!;
  const nextCursor = Number(row.more)
    ? encodeCursor(
        query,
        query.sort.map((_, i) => row[`s${i}`] as string | number),
      )
    : null;
  const total = count ? Number((await db.client.execute(count)).rows[0]!.n) : undefined;
  return { items: row.items === null ? '' : String(row.items), nextCursor, total };
}

/**
 * Writes a record's full-text entry (replacing any earlier one) inside the caller's transaction. Whom it is shared with
 * is read from its shares unless the caller says (a new record has none).
 */
export async function indexRecord(tx: Transaction, seq: number | bigint, schema: FormSchema, data: Record<string, unknown>, scope: IndexScope): Promise<void> {
  if (!scope.sharedWith) {
    const shares = (await tx.execute({ sql: 'SELECT user_id, team FROM record_shares WHERE record_seq = ?', args: [seq] })).rows;
    scope = {
      ...scope,
      sharedWith: shares.map((r) => ({ userId: r.user_id === null ? null : String(r.user_id), team: r.team === null ? null : String(r.team) })),
    };
  }
  const { text, scoped } = indexTexts(schema, data, scope);
  await unindexRecord(tx, seq);
  await tx.execute({ sql: 'INSERT INTO records_fts (rowid, text) VALUES (?, ?)', args: [seq, text] });
  await tx.execute({ sql: 'INSERT INTO records_words (rowid, text) VALUES (?, ?)', args: [seq, scoped] });
}

/** Removes a record's entries from both full-text indexes, inside the caller's transaction. */
export async function unindexRecord(tx: Transaction, seq: number | bigint): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM records_fts WHERE rowid = ?', args: [seq] });
  await tx.execute({ sql: 'DELETE FROM records_words WHERE rowid = ?', args: [seq] });
}
