import type { Row } from '@libsql/client';
import { integer, listOf, moment, object, orNull, string } from '../http/api-schemas.ts';

/** How long after its end an import can be undone. */
export const UNDO_DAYS = 7;
const DAY = 86_400_000;

/** An import as the API tells it. */
export const IMPORT = object({
  id: string,
  entity: string,
  fileName: string,
  status: { enum: ['uploaded', 'queued', 'running', 'done', 'undoing', 'undone', 'stopped', 'expired'] },
  columns: listOf(string),
  rows: integer,
  done: integer,
  created: integer,
  updated: integer,
  skipped: integer,
  failed: integer,
  undone: integer,
  createdAt: moment,
  finishedAt: orNull(moment),
  undoUntil: orNull(moment),
});

export const importJson = (r: Row) => {
  const finished = r.finished_at === null ? null : Number(r.finished_at);
  return {
    id: String(r.id),
    entity: String(r.entity),
    fileName: String(r.file_name),
    status: String(r.status),
    columns: JSON.parse(String(r.columns)) as string[],
    rows: Number(r.rows),
    done: Number(r.next_row),
    created: Number(r.created),
    updated: Number(r.updated),
    skipped: Number(r.skipped),
    failed: Number(r.failed),
    undone: Number(r.undone),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    finishedAt: finished === null ? null : new Date(finished).toISOString(),
    undoUntil: r.status === 'done' && finished !== null ? new Date(finished + UNDO_DAYS * DAY).toISOString() : null,
  };
};
