import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { scopeFor, type RecordScope } from '../access/scope.ts';
import { audit } from '../audit/log.ts';
import { LOCALES, type EntityDef, type Locale } from '../browser-safe/bundle.ts';
import type { Db } from '../db/client.ts';
import { problem, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { csvCell, type Cell } from '../reports/csv.ts';
import { exportColumns, exportRows, type ListedRecord } from './export.ts';
import { parseListQuery } from './list-query.ts';
import { entityDef } from './request.ts';
import { listRecords } from './store.ts';

const PAGE = '200';
const LIST_PARAMS = ['q', 'filter', 'sort'];
const TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const utf8 = new TextEncoder();

/** Every record of the list's query within `scope`, a page at a time, as the list API renders them for the reader. */
async function* pages(db: Db, scope: RecordScope, def: EntityDef, query: URLSearchParams): AsyncGenerator<ListedRecord[]> {
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', PAGE);
    if (cursor) params.set('cursor', cursor);
    const parsed = parseListQuery(params, def, scope);
    const page = await listRecords(db, scope, parsed);
    yield JSON.parse(`[${page.items}]`) as ListedRecord[];
    cursor = page.nextCursor;
  } while (cursor);
}

/** CSV text, a page at a time: UTF-8 with a byte-order mark, formula-safe cells, CRLF line ends. */
async function* csv(header: string[], rows: AsyncGenerator<Cell[][]>): AsyncGenerator<Uint8Array> {
  yield utf8.encode(`\uFEFF${header.map(csvCell).join(',')}\r\n`);
  for await (const page of rows) yield utf8.encode(page.map((r) => r.map(csvCell).join(',') + '\r\n').join(''));
}

/** An XLSX workbook written as the rows come (text stays text: a cell never becomes a formula). */
async function xlsx(sheet: string, header: string[], rows: AsyncGenerator<Cell[][]>): Promise<Readable> {
  // Loaded when first needed: most processes never write a workbook, and the library is large.
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = book.addWorksheet(sheet.slice(0, 31));
  void (async () => {
    ws.addRow(header).commit();
    for await (const page of rows) for (const r of page) ws.addRow(r).commit();
    await book.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/**
 * Exports a list: the records its query finds within the reader's read scope, the columns asked for (never a hidden
 * field), labels in the reader's language, streamed page by page as CSV or XLSX.
 */
export function exportRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/:entity/export.${format}`,
      route({
        summary: `Export a list as ${format.toUpperCase()}`,
        description:
          'The records the list’s `q`, `filter` and `sort` find among those you may read, as a download. `columns` are field keys and `$owner`, `$status`, `$createdAt`, `$updatedAt` (every field you may see when not given); `lang` the language of labels. Audited.',
        access: SIGNED_IN,
        params: { entity: string },
        query: {
          columns: { schema: string, description: 'Comma-separated columns, in order.' },
          lang: { schema: { enum: [...LOCALES] }, description: 'Language of the header and of choice labels (English when not given).' },
          q: { schema: string, description: 'As for the list.' },
          filter: { schema: string, description: 'As for the list.' },
          sort: { schema: string, description: 'As for the list.' },
        },
        responses: {
          200: { description: 'A download.', schema: string, contentType: TYPES[format] },
          400: problem('A parameter is not valid (named in `errors`).'),
          403: problem('Your role may not read this kind of record.'),
          404: problem('No such kind of record.'),
        },
      }),
      async (c) => {
        const actor = c.get('actor');
        const entity = c.req.param('entity');
        const def = entityDef(actor, entity);
        const scope = scopeFor(actor, 'read', entity);
        const params = new URL(c.req.url).searchParams;
        const lang = (params.get('lang') ?? 'en') as Locale;
        if (!LOCALES.includes(lang)) throw new Problem(400, 'Not a language of the product.', [{ path: '/lang', message: 'must be en, de, fr or es' }]);
        const columns = exportColumns(def, Object.keys(def.form.schema.properties), scope.hidden, params.get('columns'));
        const query = new URLSearchParams(LIST_PARAMS.flatMap((k) => (params.has(k) ? [[k, params.get(k)!]] : [])));
        // Checked before the download starts, so a bad filter is a 400, not a broken file.
        parseListQuery(query, def, scope);
        const { header, row } = exportRows(actor.bundle, entity, columns, lang);
        await db.write((tx) =>
          audit(
            tx,
            {
              tenantId: actor.tenantId,
              actorId: actor.userId,
              action: 'records.exported',
              targetType: 'request',
              changes: { entity, format, ...Object.fromEntries(query) },
            },
            deps.now(),
          ),
        );
        async function* rows() {
          for await (const page of pages(db, scope, def, query)) yield page.map(row);
        }
        const name = `${entity}-${new Date(deps.now()).toISOString().slice(0, 10)}.${format}`.replace(/[^A-Za-z0-9_.-]/g, '_');
        const body = format === 'csv' ? Readable.from(csv(header, rows())) : await xlsx(entity, header, rows());
        return c.body(Readable.toWeb(body) as ReadableStream, 200, {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : TYPES.xlsx,
          'content-disposition': `attachment; filename="${name}"`,
          'x-content-type-options': 'nosniff',
        });
      },
    );
  }

  return app;
}
