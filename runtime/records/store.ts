import type { Client, Row, Transaction } from '@libsql/client';
import { scopeConditions, type RecordScope } from '../access/scope.ts';
import type { Bundle, FormSchema } from '../config/bundle.ts';
import { indexText, type IndexScope } from './search-text.ts';
import type { Db } from '../db/client.ts';
import { encodeCursor, fullTextMatch, listStatements, MANY_MATCHES, RECORD_COLUMNS, RECORD_JOINS, type ListQuery } from './list-query.ts';

/** A record as stored, with its owner's and creator's names. */
export interface StoredRecord {
  seq: number;
  id: string;
  entity: string;
  /** The stored JSON text of the form data; `data` parses it on first use. */
  dataText: string;
  readonly data: Record<string, unknown>;
  ownerId: string;
  ownerName: string;
  createdBy: string;
  creatorName: string;
  team: string | null;
  pipeline: string | null;
  stage: string | null;
  state: string | null;
  configVersion: number;
  version: number;
  createdAt: number;
  updatedAt: number;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function fromRow(row: Row): StoredRecord {
  const dataText = String(row.data);
  let data: Record<string, unknown> | undefined;
  return {
    seq: Number(row.seq),
    id: String(row.id),
    entity: String(row.entity),
    dataText,
    get data() {
      return (data ??= JSON.parse(dataText));
    },
    ownerId: String(row.owner_id),
    ownerName: str(row.owner_name) ?? '',
    createdBy: String(row.created_by),
    creatorName: str(row.creator_name) ?? '',
    team: str(row.team),
    pipeline: str(row.pipeline),
    stage: str(row.stage),
    state: str(row.state),
    configVersion: Number(row.config_version),
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * The record as JSON text for a reader. This is the hot path of every list, so it is assembled as text:
 * the stored data text goes out as it is (unless the reader's role hides fields), and each string is escaped by JSON.stringify.
 */
export function recordJson(r: StoredRecord, scope: RecordScope): string {
  const q = JSON.stringify;
  const data = scope.hidden.size ? q(Object.fromEntries(Object.entries(r.data).filter(([k]) => !scope.hidden.has(k)))) : r.dataText;
  const pipeline = r.pipeline !== null ? `,"pipeline":${q(r.pipeline)},"stage":${q(r.stage)}` : '';
  const state = r.state !== null ? `,"state":${q(r.state)}` : '';
  return (
    `{"id":${q(r.id)},"entity":${q(r.entity)},"data":${data},"owner":{"id":${q(r.ownerId)},"name":${q(r.ownerName)}},` +
    `"createdBy":{"id":${q(r.createdBy)},"name":${q(r.creatorName)}}${pipeline}${state},"version":${r.version},"configVersion":${r.configVersion},` +
    `"createdAt":"${new Date(r.createdAt).toISOString()}","updatedAt":"${new Date(r.updatedAt).toISOString()}"}`
  );
}

/** One record inside `scope`, or undefined: missing and out-of-scope are the same answer. */
export async function getRecord(db: Client | Transaction, scope: RecordScope, id: string): Promise<StoredRecord | undefined> {
  const disjuncts = scopeConditions(scope);
  const sql = `SELECT ${RECORD_COLUMNS} FROM records r ${RECORD_JOINS} WHERE r.tenant_id = ? AND r.id = ? AND (${disjuncts.map((d) => d.sql).join(' OR ')})`;
  const row = (await db.execute({ sql, args: [scope.tenantId, id, ...disjuncts.flatMap((d) => d.args)] })).rows[0];
  return row && fromRow(row);
}

/** One page of the records inside `scope` matching the query, plus the total when asked. */
export async function listRecords(db: Db, scope: RecordScope, query: ListQuery, params: URLSearchParams) {
  let manyMatches = false;
  if (query.match) {
    const probe = await db.client.execute({
      sql: 'SELECT count(*) AS n FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT ?)',
      args: [fullTextMatch(scope, query), MANY_MATCHES + 1],
    });
    manyMatches = Number(probe.rows[0]!.n) > MANY_MATCHES;
  }
  const { page, count } = listStatements(scope, query, manyMatches);
  const rows = (await db.client.execute(page)).rows;
  const more = rows.length > query.limit;
  const shown = more ? rows.slice(0, query.limit) : rows;
  const last = shown.at(-1);
  const nextCursor = more && last ? encodeCursor(params, query.sort.map((_, i) => last[`s${i}`] as string | number)) : null;
  const total = count ? Number((await db.client.execute(count)).rows[0]!.n) : undefined;
  return { items: shown.map(fromRow), nextCursor, total };
}

/** Writes a record's full-text entry (replacing any earlier one) inside the caller's transaction. */
export async function indexRecord(tx: Transaction, seq: number | bigint, schema: FormSchema, data: Record<string, unknown>, scope: IndexScope): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM records_fts WHERE rowid = ?', args: [seq] });
  await tx.execute({ sql: 'INSERT INTO records_fts (rowid, text) VALUES (?, ?)', args: [seq, indexText(schema, data, scope)] });
}

/** Re-indexes every record a person owns, after their team changed (search scope tokens carry the team). */
export async function reindexOwner(tx: Transaction, tenantId: string, ownerId: string, bundle: Bundle): Promise<void> {
  const rows = (await tx.execute({ sql: 'SELECT seq, entity, data, created_by, team FROM records WHERE tenant_id = ? AND owner_id = ?', args: [tenantId, ownerId] })).rows;
  for (const row of rows) {
    const def = bundle.entities[String(row.entity)];
    if (!def) continue;
    const scope = { tenantId, entity: String(row.entity), ownerId, createdBy: String(row.created_by), team: row.team === null ? null : String(row.team) };
    await indexRecord(tx, Number(row.seq), def.form.schema, JSON.parse(String(row.data)), scope);
  }
}
