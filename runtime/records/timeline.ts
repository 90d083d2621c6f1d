import type { Client, Transaction } from '@libsql/client';
import type { RecordScope } from '../access/scope.ts';
import { formActorName } from '../public-forms/store.ts';

/** `moved`: a stage move `{from, to: {key, label}, closeReason, changes}`; `transition`: a workflow event `{event, from, to, changes}`;
 * `task`: a follow-up created `{task}`; `converted`: a lead conversion `{created: [{entity, id}]}` / `{from: {entity, id}}`;
 * `remapped`: moved by a publish out of a removed state or stage `{part: 'state' | 'stage', from, to}`;
 * `email`: a message filed on the record `{email: {id, subject, from, direction}}`;
 * `attachment`: a file added or removed `{action: 'added' | 'removed', attachment: {id, name, contentType, size}, field}`;
 * `submitted`: made from a public form's submission `{form, title}`. */
export type TimelineKind =
  | 'created'
  | 'changed'
  | 'assigned'
  | 'note'
  | 'moved'
  | 'transition'
  | 'task'
  | 'converted'
  | 'remapped'
  | 'restored'
  | 'activity'
  | 'email'
  | 'attachment'
  | 'submitted';

/** Adds an entry to a record's timeline inside the caller's transaction. */
export async function addEntry(
  tx: Transaction,
  tenantId: string,
  recordId: string,
  actorId: string | null,
  kind: TimelineKind,
  data: Record<string, unknown>,
  now: number,
) {
  await tx.execute({
    sql: 'INSERT INTO timeline (tenant_id, record_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    args: [tenantId, recordId, now, actorId, kind, JSON.stringify(data)],
  });
}

/**
 * A page of a record's timeline, newest first, for a reader who may already read the record:
 * changes to fields the reader's role hides are removed, and entries left empty are dropped.
 */
export async function readTimeline(db: Client, scope: RecordScope, recordId: string, before: number | undefined, limit: number) {
  const rows = (
    await db.execute({
      sql: `SELECT t.seq, t.at, t.kind, t.data, t.actor_id, coalesce(u.name, ${formActorName('t.tenant_id', 't.actor_id')}) AS name
            FROM timeline t LEFT JOIN users u ON u.id = t.actor_id
            WHERE t.tenant_id = ? AND t.record_id = ? AND t.seq < ? ORDER BY t.seq DESC LIMIT ?`,
      args: [scope.tenantId, recordId, before ?? Number.MAX_SAFE_INTEGER, limit + 1],
    })
  ).rows;
  const more = rows.length > limit;
  const items = [];
  for (const row of rows.slice(0, limit)) {
    const data = JSON.parse(String(row.data)) as Record<string, unknown>;
    const entry = {
      id: String(row.seq),
      at: new Date(Number(row.at)).toISOString(),
      kind: String(row.kind),
      actor: row.actor_id === null ? null : { id: String(row.actor_id), name: String(row.name ?? '') },
    };
    if (row.kind === 'created' || row.kind === 'changed' || row.kind === 'moved' || row.kind === 'transition') {
      const changes = Object.fromEntries(Object.entries(data.changes as Record<string, unknown>).filter(([field]) => !scope.hidden.has(field)));
      if (row.kind === 'changed' && Object.keys(changes).length === 0) continue;
      // A move or transition stays visible when it changed only hidden fields besides the stage or state.
      items.push({ ...entry, ...data, changes });
    } else if (row.kind === 'attachment' && typeof data.field === 'string' && scope.hidden.has(data.field)) {
      // The file of a field the reader's role hides: not even its name is shown.
      continue;
    } else {
      items.push({ ...entry, ...data });
    }
  }
  return { items, nextCursor: more ? String(rows[limit - 1]!.seq) : null };
}
