import { defineStore } from 'pinia';
import { api, query } from '../../kit/api/client.ts';

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'undoing' | 'undone' | 'stopped' | 'expired';
/** An import as the server tells it: its file's columns, progress and outcome. */
export interface RecordImport {
  id: string;
  entity: string;
  fileName: string;
  status: ImportStatus;
  columns: string[];
  rows: number;
  done: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  undone: number;
  createdAt: string;
  finishedAt: string | null;
  undoUntil: string | null;
}
/** Right after the upload: the field each column most likely fills, and the first rows. */
export interface StagedImport extends RecordImport {
  suggestions: (string | null)[];
  preview: string[][];
}
export interface ImportPlan {
  mapping: Record<string, string>;
  duplicates: { match: string | null; then: 'skip' | 'update' | 'create' };
}
export interface ImportCheck {
  create: number;
  update: number;
  skip: number;
  fail: number;
  problems: { row: number; column: number | null; message: string }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Record imports: upload a file, try it, start it, follow it, undo it. */
export const useImportsStore = defineStore('imports', () => {
  async function upload(entity: string, file: File): Promise<StagedImport> {
    // Browsers name a CSV file's type in many ways: the file's ending decides.
    const typed = new Blob([file], { type: /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv' });
    return (await api<StagedImport>('POST', `/imports${query({ entity, name: file.name })}`, typed)).data;
  }
  const one = (id: string) => `/imports/${encodeURIComponent(id)}`;
  const get = async (id: string) => (await api<RecordImport>('GET', one(id))).data;
  const recent = async (entity: string) => (await api<{ items: RecordImport[] }>('GET', `/imports${query({ entity })}`)).data.items;
  const check = async (id: string, plan: ImportPlan) => (await api<ImportCheck>('POST', `${one(id)}/check`, plan)).data;
  const start = async (id: string, plan: ImportPlan) => (await api<RecordImport>('POST', `${one(id)}/start`, plan)).data;
  const undo = async (id: string) => (await api<RecordImport>('POST', `${one(id)}/undo`)).data;
  const failuresHref = (id: string) => `/api${one(id)}/failures.csv`;
  return { upload, get, recent, check, start, undo, failuresHref };
});
