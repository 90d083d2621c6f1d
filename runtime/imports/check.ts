import type { Client } from '@libsql/client';
import { can, type Actor } from '../access/policy.ts';
import { Problem } from '../http/problem.ts';
import { checkSentData, mergePatch, validateRecordData } from '../records/data.ts';
import { findDuplicate } from './duplicates.ts';
import { rowData } from './mapping.ts';
import type { ImportPlan } from './run.ts';

const PAGE = 1000;
const SHOWN = 50;

/** A problem of a dry run: the row (as numbered in the file, the header being row 1), the column when known, what is wrong. */
export interface RowProblem {
  row: number;
  column: number | null;
  message: string;
}

/**
 * What an import would do, row by row, without writing: the same typing, checks and duplicate rule as the import
 * itself, counted, with the first problems at their row and column.
 */
export async function checkPlan(db: Client, actor: Actor, entity: string, importId: string, plan: ImportPlan) {
  const def = actor.bundle.entities[entity]!;
  const columnOf = Object.fromEntries(Object.entries(plan.mapping).map(([column, field]) => [field, Number(column)]));
  const counts = { create: 0, update: 0, skip: 0, fail: 0 };
  const problems: RowProblem[] = [];
  const fail = (n: number, found: { path: string; message: string }[]) => {
    counts.fail++;
    for (const p of found) {
      if (problems.length >= SHOWN) return;
      const column = p.path.startsWith('/columns/') ? Number(p.path.slice(9)) : (columnOf[p.path.split('/')[2] ?? ''] ?? null);
      problems.push({ row: n + 2, column, message: p.message });
    }
  };
  for (let from = 0; ; from += PAGE) {
    const rows = (await db.execute({ sql: 'SELECT n, cells FROM import_rows WHERE import_id = ? AND n >= ? ORDER BY n LIMIT ?', args: [importId, from, PAGE] }))
      .rows;
    for (const row of rows) {
      const n = Number(row.n);
      const { data, problems: cells } = rowData(def, plan.mapping, JSON.parse(String(row.cells)));
      if (cells.length) {
        fail(n, cells);
        continue;
      }
      try {
        const duplicate =
          plan.duplicates.match && plan.duplicates.then !== 'create' ? await findDuplicate(db, actor, entity, plan.duplicates.match, data) : undefined;
        if (duplicate && plan.duplicates.then === 'skip') counts.skip++;
        else if (duplicate) {
          if (!can(actor, 'update', entity, duplicate)) throw new Problem(403, 'Your role may not change the record this row matches.');
          validateRecordData(actor, entity, def, mergePatch(duplicate.data, await checkSentData(db, actor, entity, def, data, duplicate.data)));
          counts.update++;
        } else {
          validateRecordData(actor, entity, def, await checkSentData(db, actor, entity, def, data, {}));
          counts.create++;
        }
      } catch (e) {
        if (!(e instanceof Problem)) throw e;
        fail(n, e.errors?.length ? e.errors : [{ path: '', message: e.detail }]);
      }
    }
    if (rows.length < PAGE) return { ...counts, problems };
  }
}
