import { Hono, type Context } from 'hono';
import { fieldRules } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { anything, integer, items, json, listOf, object, orNull, problem, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem, type FieldError } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { toCsv } from '../reports/csv.ts';
import { entityDef } from '../records/request.ts';
import { checkMapping, checkPlan } from './check.ts';
import { IMPORT, importJson, UNDO_DAYS } from './import-json.ts';
import { fillableFromCell, suggestMapping, type DuplicateRule, type Mapping } from './mapping.ts';
import { CSV, uploadedRows, XLSX } from './parse-upload.ts';

const DAY = 86_400_000;
const STAGE = 1000;
const planBody = bodySchema<{ mapping: Mapping; duplicates: DuplicateRule }>({
  type: 'object',
  properties: {
    mapping: { type: 'object', propertyNames: { pattern: '^[0-9]{1,3}$' }, additionalProperties: { type: 'string', maxLength: 64 }, maxProperties: 200 },
    duplicates: {
      type: 'object',
      properties: { match: { type: ['string', 'null'], maxLength: 64 }, then: { enum: ['skip', 'update', 'create'] } },
      required: ['match', 'then'],
      additionalProperties: false,
    },
  },
  required: ['mapping', 'duplicates'],
  additionalProperties: false,
});
/**
 * Importing records from CSV or XLSX: upload (streamed, staged in the database), mapping suggestions, a dry run with
 * each problem at its cell, then the import in the background — any runtime process takes it up — and undo for 7 days.
 */
export function importRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  /** An import the caller started; 404 for anyone else's. */
  async function mine(c: Context<AppEnv>) {
    const actor = c.get('actor');
    const row = (
      await db.client.execute({
        sql: 'SELECT * FROM imports WHERE tenant_id = ? AND id = ? AND created_by = ?',
        args: [actor.tenantId, c.req.param('id')!, actor.userId],
      })
    ).rows[0];
    if (!row) throw notFound();
    return { actor, row };
  }

  app.post(
    '/',
    route({
      summary: 'Upload a file to import',
      description: `The body is the file: \`${CSV}\` (comma, semicolon or tab separated) or \`${XLSX}\` (its first sheet), at most 20 MB and 100,000 rows, the first row naming the columns. Needs the create privilege. Answers the columns, the field each most likely fills, and the first rows.`,
      access: SIGNED_IN,
      query: {
        entity: { schema: string, description: 'The kind of record to import.' },
        name: { schema: string, description: 'The file’s name, to recognise the import by.' },
      },
      body: { schema: { type: 'string', format: 'binary' }, description: 'The file.', contentType: `${CSV}, ${XLSX}` },
      responses: {
        201: json('The staged import.', object({ ...IMPORT.properties!, suggestions: listOf(orNull(string)), preview: listOf(listOf(string)) } as never)),
        403: problem('Your role may not create this kind of record.'),
        404: problem('No such kind of record.'),
        413: problem('The file is larger than 20 MB.'),
        415: problem('Not a CSV or XLSX file.'),
        422: problem('The file is empty, cannot be read, or has too many rows.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.query('entity') ?? '';
      const def = entityDef(actor, entity);
      scopeFor(actor, 'create', entity);
      const id = newId();
      const now = deps.now();
      const name = (c.req.query('name') ?? 'import').slice(0, 200);
      let header: string[] | undefined;
      let staged: string[][] = [];
      const preview: string[][] = [];
      let n = 0;
      const flush = async () => {
        const rows = staged.map((cells, i) => ({ n: n - staged.length + i, cells: JSON.stringify(cells) }));
        staged = [];
        await db.write((tx) =>
          tx.execute({
            sql: `INSERT INTO import_rows (import_id, n, cells) SELECT ?, value ->> '$.n', value ->> '$.cells' FROM json_each(?)`,
            args: [id, JSON.stringify(rows)],
          }),
        );
      };
      try {
        for await (const row of uploadedRows(c.req.header('content-type'), c.req.raw.body)) {
          if (!header) {
            header = row.map((h, i) => h.trim() || `#${i + 1}`).slice(0, 200);
            continue;
          }
          if (row.every((cell) => cell.trim() === '')) continue;
          if (preview.length < 5) preview.push(row);
          staged.push(row);
          n++;
          if (staged.length === STAGE) await flush();
        }
        if (staged.length) await flush();
        if (!header || n === 0) throw new Problem(422, 'The file has no rows below its header.', [{ path: '/file', message: 'has no rows' }]);
      } catch (e) {
        await db.write((tx) => tx.execute({ sql: 'DELETE FROM import_rows WHERE import_id = ?', args: [id] }));
        throw e;
      }
      const { hidden, readonly } = fieldRules(actor, entity);
      const fillable = Object.entries(def.form.schema.properties)
        .filter(([f, schema]) => !hidden.has(f) && !readonly.has(f) && fillableFromCell(schema))
        .map(([f]) => f);
      await db.write((tx) =>
        tx.execute({
          sql: "INSERT INTO imports (tenant_id, id, entity, file_name, created_by, status, columns, rows, created_at) VALUES (?, ?, ?, ?, ?, 'uploaded', ?, ?, ?)",
          args: [actor.tenantId, id, entity, name, actor.userId, JSON.stringify(header), n, now],
        }),
      );
      const row = (await db.client.execute({ sql: 'SELECT * FROM imports WHERE tenant_id = ? AND id = ?', args: [actor.tenantId, id] })).rows[0]!;
      return c.json({ ...importJson(row), suggestions: suggestMapping(def, header, fillable), preview }, 201);
    },
  );

  app.get(
    '/',
    route({
      summary: 'Your imports',
      description: 'The 20 you started most recently, of one kind of record.',
      access: SIGNED_IN,
      query: { entity: { schema: string, description: 'The kind of record.' } },
      responses: { 200: json('Newest first.', items(IMPORT)) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const rows = (
        await db.client.execute({
          sql: 'SELECT * FROM imports WHERE tenant_id = ? AND created_by = ? AND entity = ? ORDER BY created_at DESC LIMIT 20',
          args: [actor.tenantId, actor.userId, c.req.query('entity') ?? ''],
        })
      ).rows;
      return c.json({ items: rows.map(importJson) });
    },
  );

  app.get(
    '/:id',
    route({
      summary: 'An import and its progress',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 200: json('The import.', IMPORT), 404: problem('No import of yours.') },
    }),
    async (c) => c.json(importJson((await mine(c)).row)),
  );

  app.post(
    '/:id/check',
    route({
      summary: 'Try an import without writing anything',
      description:
        'Every row as the import would take it: how many would be created, updated, skipped or fail, and the first 50 problems at their row and column.',
      access: SIGNED_IN,
      params: { id: string },
      body: planBody,
      responses: {
        200: json('What the import would do.', object({ create: integer, update: integer, skip: integer, fail: integer, problems: listOf(anything) })),
        404: problem('No import of yours.'),
        422: problem('The mapping is not one this import can use.'),
      },
    }),
    async (c) => {
      const { actor, row } = await mine(c);
      const plan = await parseBody(c, planBody);
      checkMapping(actor, String(row.entity), JSON.parse(String(row.columns)), plan.mapping, plan.duplicates);
      return c.json(await checkPlan(db.client, actor, String(row.entity), String(row.id), plan));
    },
  );

  app.post(
    '/:id/start',
    route({
      summary: 'Start an import',
      description: 'Queued for the background: each row through the same checks, workflow start, assignment and audit as one record at a time. Audited.',
      access: SIGNED_IN,
      params: { id: string },
      body: planBody,
      responses: {
        202: json('The import, queued.', IMPORT),
        404: problem('No import of yours.'),
        409: problem('It was started already.'),
        422: problem('The mapping is not one this import can use.'),
      },
    }),
    async (c) => {
      const { actor, row } = await mine(c);
      const plan = await parseBody(c, planBody);
      checkMapping(actor, String(row.entity), JSON.parse(String(row.columns)), plan.mapping, plan.duplicates);
      await db.write(async (tx) => {
        const started = await tx.execute({
          sql: "UPDATE imports SET status = 'queued', plan = ? WHERE tenant_id = ? AND id = ? AND status = 'uploaded'",
          args: [JSON.stringify(plan), actor.tenantId, String(row.id)],
        });
        if (started.rowsAffected === 0) throw new Problem(409, 'This import was started already.');
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'records.imported',
            targetType: 'request',
            changes: { entity: String(row.entity), file: String(row.file_name), rows: Number(row.rows) },
          },
          deps.now(),
        );
      });
      return c.json(importJson((await mine(c)).row), 202);
    },
  );

  app.post(
    '/:id/undo',
    route({
      summary: 'Undo an import',
      description: `Within ${UNDO_DAYS} days of its end: the records it created go to the recycle bin, those it updated get their data back — each unless changed since. In the background. Audited.`,
      access: SIGNED_IN,
      params: { id: string },
      responses: {
        202: json('The import, being undone.', IMPORT),
        404: problem('No import of yours.'),
        409: problem('Not finished, undone already, or more than 7 days ago.'),
      },
    }),
    async (c) => {
      const { actor, row } = await mine(c);
      const now = deps.now();
      await db.write(async (tx) => {
        const undoing = await tx.execute({
          sql: "UPDATE imports SET status = 'undoing', lease_until = NULL WHERE tenant_id = ? AND id = ? AND status = 'done' AND finished_at > ?",
          args: [actor.tenantId, String(row.id), now - UNDO_DAYS * DAY],
        });
        if (undoing.rowsAffected === 0) throw new Problem(409, `Only a finished import of the last ${UNDO_DAYS} days can be undone.`);
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'records.import_undone',
            targetType: 'request',
            changes: { entity: String(row.entity), file: String(row.file_name) },
          },
          now,
        );
      });
      return c.json(importJson((await mine(c)).row), 202);
    },
  );

  app.get(
    '/:id/failures.csv',
    route({
      summary: 'The rows an import could not take, and why',
      description: 'The file’s columns as uploaded, then a column saying what was wrong; formula-safe.',
      access: SIGNED_IN,
      params: { id: string },
      responses: { 200: { description: 'A download.', schema: string, contentType: 'text/csv' }, 404: problem('No import of yours.') },
    }),
    async (c) => {
      const { row } = await mine(c);
      const columns = JSON.parse(String(row.columns)) as string[];
      const failed = (
        await db.client.execute({
          sql: "SELECT r.cells, o.problems FROM import_outcomes o JOIN import_rows r ON r.import_id = o.import_id AND r.n = o.n WHERE o.import_id = ? AND o.outcome = 'failed' ORDER BY o.n",
          args: [String(row.id)],
        })
      ).rows;
      const why = (problems: FieldError[]) =>
        problems
          .map((p) =>
            p.path.startsWith('/columns/')
              ? `${columns[Number(p.path.slice(9))] ?? ''}: ${p.message}`
              : p.path
                ? `${p.path.replace('/data/', '')}: ${p.message}`
                : p.message,
          )
          .join('; ');
      const lines = [[...columns, 'Problem'], ...failed.map((f) => [...(JSON.parse(String(f.cells)) as string[]), why(JSON.parse(String(f.problems)))])];
      return c.body(`\uFEFF${toCsv(lines)}`, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="failed-rows.csv"`,
        'x-content-type-options': 'nosniff',
      });
    },
  );

  return app;
}
