import type { Client } from '@libsql/client';
import { can, fieldRules, scopeOf, type Actor } from '../access/policy.ts';
import { Problem, type FieldError } from '../http/problem.ts';
import { checkSentData, mergePatch, validateRecordData } from '../records/data.ts';
import { findDuplicate } from './duplicates.ts';
import { fillableFromCell, rowData, type DuplicateRule, type Mapping } from './mapping.ts';
import { entityDef } from '../records/request.ts';
import type { ImportPlan } from './run.ts';

/** 422 naming each column mapped to a field the importer may not fill, a field mapped twice, or a match on no mapped field. */
export function checkMapping(actor: Actor, entity: string, columns: string[], mapping: Mapping, duplicates: DuplicateRule): void {
  const def = entityDef(actor, entity);
  const { hidden, readonly } = fieldRules(actor, entity);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [column, field] of Object.entries(mapping)) {
    const schema = Object.hasOwn(def.form.schema.properties, field) ? def.form.schema.properties[field] : undefined;
    const ok = Number(column) < columns.length && schema !== undefined && !hidden.has(field) && !readonly.has(field);
    if (ok && !fillableFromCell(schema))
      errors.push({
        path: `/mapping/${column}`,
        message: 'is a file or calculated field, which no cell can fill: attach files on the records after the import',
      });
    else if (!ok || seen.has(field))
      errors.push({ path: `/mapping/${column}`, message: ok ? 'fills a field another column fills' : 'is not a column, or not a field you may fill' });
    seen.add(field);
  }
  if (duplicates.match !== null && !seen.has(duplicates.match)) errors.push({ path: '/duplicates/match', message: 'is not a field the file fills' });
  if (duplicates.then === 'update' && scopeOf(actor, 'update', entity) === 'none')
    errors.push({ path: '/duplicates/then', message: 'your role may not change these records' });
  if (errors.length) throw new Problem(422, 'The mapping is not one this import can use.', errors);
}

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
