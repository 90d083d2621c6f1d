import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { Problem } from '../http/problem.ts';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest file an import takes, and the most rows. */
export const MAX_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 100_000;

/** The request body as a Node stream that fails with a 413 past `MAX_BYTES`, whatever Content-Length said. */
function limited(body: ReadableStream<Uint8Array>): Readable {
  let size = 0;
  const source = Readable.fromWeb(body as never);
  return source.map((chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BYTES) throw new Problem(413, `The file is larger than ${MAX_BYTES / 1024 / 1024} MB.`);
    return chunk;
  });
}

/** A spreadsheet cell as text: dates as YYYY-MM-DD, formulas by their result, rich text as its words. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** Rows of an XLSX file's first sheet, as text cells, read as the file streams in. */
async function* xlsxRows(input: Readable): AsyncGenerator<string[]> {
  // Loaded when first needed: most processes never read a workbook, and the library is large.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
  for await (const sheet of book) {
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
      yield values.slice(1).map(cellText);
    }
    return;
  }
}

/** The separator a CSV file uses: whichever of semicolon, tab and comma its first line holds most of. */
function separator(head: string): string {
  const line = head.split(/\r?\n/, 1)[0] ?? '';
  return [';', '\t', ','].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
}

/** Rows of a CSV file (comma, semicolon or tab separated, with or without a byte-order mark), as the file streams in. */
async function* csvRows(input: Readable): AsyncGenerator<string[]> {
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return;
  const whole = Readable.from(
    (async function* () {
      yield first.value as Buffer;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
    })(),
  );
  // Through `pipeline`, so a failing upload (too large, cut off) fails the parser too.
  const options = { bom: true, delimiter: separator(String(first.value)), relax_column_count: true, skip_empty_lines: true };
  const parser = pipeline(whole, parse(options), () => undefined);
  for await (const row of parser) yield row as string[];
}

/**
 * The rows of an uploaded file, header first, streamed from the request: CSV or XLSX by its content type (415
 * otherwise), 413 past 20 MB, 422 past 100,000 rows or when it is not a file of its kind.
 */
export async function* uploadedRows(type: string | undefined, body: ReadableStream<Uint8Array> | null): AsyncGenerator<string[]> {
  const kind = type?.split(';')[0]?.trim().toLowerCase();
  if (kind !== CSV && kind !== XLSX) throw new Problem(415, 'Upload a CSV or an XLSX file.');
  if (!body) throw new Problem(422, 'The file is empty.', [{ path: '/file', message: 'is empty' }]);
  let n = 0;
  try {
    for await (const row of kind === CSV ? csvRows(limited(body)) : xlsxRows(limited(body))) {
      if (++n > MAX_ROWS + 1)
        throw new Problem(422, `A file may hold at most ${MAX_ROWS.toLocaleString('en')} rows.`, [{ path: '/file', message: 'has too many rows' }]);
      yield row;
    }
  } catch (e) {
    if (e instanceof Problem) throw e;
    throw new Problem(422, `This is not a ${kind === CSV ? 'CSV' : 'XLSX'} file that can be read.`, [{ path: '/file', message: 'cannot be read' }]);
  }
}
