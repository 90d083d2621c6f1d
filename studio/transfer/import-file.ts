/** A chosen file read in the browser: an export document, or why it cannot be one (before anything is sent). */
import type { ExportMeta } from '../../runtime/browser-safe/transfer.ts';

/** What the page knows of a file it can send: its text as it is (the server parses it strictly) and what it says. */
export interface ImportFile {
  name: string;
  text: string;
  bundle: unknown;
  meta?: Partial<ExportMeta>;
}

/** Why a file cannot be imported: `json` (not JSON, with line and column when known) or `shape` (JSON, but no export). */
export interface FileProblem {
  kind: 'json' | 'shape' | 'empty';
  line?: number;
  column?: number;
  detail?: string;
}

/** Line and column (from 1) of character `index` of `text`. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a file's text as an export document `{meta?, bundle}`, or says what is wrong with it. */
export function readImportFile(name: string, text: string): { file: ImportFile } | { problem: FileProblem } {
  if (!text.trim()) return { problem: { kind: 'empty' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(detail);
    return { problem: { kind: 'json', detail, ...(at ? lineAndColumn(text, Number(at[1])) : {}) } };
  }
  if (!isObject(value) || !isObject(value.bundle)) return { problem: { kind: 'shape' } };
  const meta = isObject(value.meta) ? (value.meta as Partial<ExportMeta>) : undefined;
  return { file: { name, text, bundle: value.bundle, ...(meta ? { meta } : {}) } };
}
