/** A CSV cell: text, a plain number, or empty. */
export type Cell = string | number | null;

// A spreadsheet reads these first characters as the start of a formula (also after leading spaces).
const FORMULA_START = /^ *[=+\-@\t\r]/;

/**
 * One cell as CSV text: numbers as plain numbers (negative ones stay numbers), text that a spreadsheet would take
 * for a formula prefixed with `'`, and quoting per RFC 4180 when the text holds a comma, quote or line break.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: Cell[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
