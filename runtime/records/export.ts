import type { Bundle, EntityDef, Locale } from '../browser-safe/bundle.ts';
import { stateLabel } from '../browser-safe/workflow-definition.ts';
import { Problem } from '../http/problem.ts';
import type { Cell } from '../reports/csv.ts';

/** The system columns an export may hold besides form fields. */
export const SYSTEM_COLUMNS = ['$owner', '$status', '$createdAt', '$updatedAt'] as const;
type SystemColumn = (typeof SYSTEM_COLUMNS)[number];

/** A record as the list API renders it for its reader (hidden fields already gone). */
export interface ListedRecord {
  data: Record<string, unknown>;
  owner: { name: string };
  pipeline?: string;
  stage?: string;
  state?: string;
  createdAt: string;
  updatedAt: string;
}

const SYSTEM_LABELS: Record<Locale, Record<SystemColumn, string> & { stage: string; yes: string; no: string }> = {
  en: { $owner: 'Owner', $status: 'Status', stage: 'Stage', $createdAt: 'Created', $updatedAt: 'Updated', yes: 'Yes', no: 'No' },
  de: { $owner: 'Verantwortlich', $status: 'Status', stage: 'Phase', $createdAt: 'Angelegt', $updatedAt: 'Geändert', yes: 'Ja', no: 'Nein' },
  fr: { $owner: 'Responsable', $status: 'Statut', stage: 'Étape', $createdAt: 'Créé', $updatedAt: 'Modifié', yes: 'Oui', no: 'Non' },
  es: { $owner: 'Responsable', $status: 'Estado', stage: 'Etapa', $createdAt: 'Creado', $updatedAt: 'Actualizado', yes: 'Sí', no: 'No' },
};

/**
 * The columns of an export: those asked for (`columns=name,$owner`), else every field the reader may see in form
 * order and the system columns. A hidden or unknown column is the same 400, as for a list's filter.
 */
export function exportColumns(def: EntityDef, order: string[], hidden: ReadonlySet<string>, asked: string | null): string[] {
  const fields = order.filter((f) => !hidden.has(f));
  if (asked === null || asked === '') return [...fields, ...SYSTEM_COLUMNS.filter((c) => c !== '$status' || def.workflow || def.pipeline)];
  const columns = asked.split(',').map((c) => c.trim());
  const bad = columns.findIndex((c) => !fields.includes(c) && !(SYSTEM_COLUMNS as readonly string[]).includes(c));
  if (bad >= 0 || columns.length > 60)
    throw new Problem(400, 'A column is not one of this list.', [{ path: '/columns', message: `${columns[bad] ?? ''} is not a column` }]);
  return columns;
}

/** What an export writes: a header of labels in the reader's language, and each record as cells. */
export function exportRows(bundle: Bundle, entity: string, columns: string[], lang: Locale) {
  const def = bundle.entities[entity]!;
  const words = SYSTEM_LABELS[lang];
  const say = (id: string) => def.i18n[lang]?.[id] ?? def.i18n.en?.[id];
  // A record's status is its pipeline stage, or its workflow state.
  const label = (c: string) => (c === '$status' && def.pipeline ? words.stage : words[c as SystemColumn]);
  const header = columns.map((c) => (c.startsWith('$') ? label(c) : (say(`${c}.label`) ?? def.form.schema.properties[c]?.title ?? c)));
  const status = (r: ListedRecord): string | null => {
    if (r.stage) {
      const p = bundle.pipelines[r.pipeline ?? def.pipeline ?? ''];
      const stage = p?.stages.find((s) => s.key === r.stage);
      return p?.i18n?.[lang]?.[`stage.${r.stage}`] ?? stage?.label ?? r.stage;
    }
    if (r.state) {
      const wf = def.workflow === undefined ? undefined : bundle.workflows[def.workflow];
      return wf?.i18n?.[lang]?.[`state.${r.state}`] ?? (wf ? stateLabel(wf, r.state) : r.state);
    }
    return null;
  };
  const value = (field: string, v: unknown): Cell => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? words.yes : words.no;
    if (Array.isArray(v)) return v.map((x) => say(`${field}.${String(x)}`) ?? String(x)).join('; ');
    if (typeof v === 'string') return def.form.schema.properties[field]?.enum ? (say(`${field}.${v}`) ?? v) : v;
    return JSON.stringify(v);
  };
  const row = (r: ListedRecord): Cell[] =>
    columns.map((c) => {
      if (c === '$owner') return r.owner.name;
      if (c === '$status') return status(r);
      if (c === '$createdAt') return r.createdAt;
      if (c === '$updatedAt') return r.updatedAt;
      return value(c, r.data[c]);
    });
  return { header, row };
}
