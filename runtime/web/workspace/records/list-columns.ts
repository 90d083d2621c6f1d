import type { useConfigStore } from '../../kit/config/store.ts';
import type { ColumnChoice } from './list-store.ts';

/** A column of a record list; `sort` is the API's sort key, null when the column cannot be sorted. */
export interface Column {
  key: string;
  kind: 'field' | 'owner' | 'status' | 'sla' | 'updated';
  label: string;
  sort: string | null;
  width?: ColumnChoice['width'];
}

// Long text, several choices, links to other records and files make poor list cells.
const NOT_IN_LISTS = new Set(['textarea', 'multiselect', 'reference', 'references', 'file']);
const FORM_COLUMNS = 3;

type Labels = { owner: string; updated: string; state: string; stage: string; sla: string };

/** Every column an entity's list can show: the form's fields that fit a cell (title first), owner, status, service level, last update. */
export function allColumns(config: ReturnType<typeof useConfigStore>, entity: string, labels: Labels): Column[] {
  const view = config.entity(entity);
  if (!view) return [];
  const props = view.form.schema.properties;
  const order = config.fieldOrder(entity);
  const fields = [view.titleField, ...order.filter((f) => f !== view.titleField)].filter((f) => props[f] && !NOT_IN_LISTS.has(props[f]['x-field'] ?? ''));
  const columns: Column[] = fields.map((f) => {
    const type = props[f]!.type;
    const sortable = ['string', 'number', 'integer', 'boolean'].some((t) => t === type || (Array.isArray(type) && type.includes(t)));
    return { key: f, kind: 'field', label: config.fieldLabel(entity, f), sort: sortable ? f : null };
  });
  columns.push({ key: '$owner', kind: 'owner', label: labels.owner, sort: null });
  const status = config.statusKind(entity);
  if (status) columns.push({ key: '$status', kind: 'status', label: labels[status], sort: status });
  if (view.serviceLevels) columns.push({ key: '$sla', kind: 'sla', label: labels.sla, sort: null });
  columns.push({ key: '$updated', kind: 'updated', label: labels.updated, sort: 'updatedAt' });
  return columns;
}

/**
 * The columns a list shows: those chosen, in their order and widths (the title first; any the reader cannot see left
 * out), else the
 * standard ones — the title field, the form's next few fields, owner, status, last update.
 */
export function listColumns(all: Column[], choice: ColumnChoice[] | null): Column[] {
  if (choice) {
    const chosen = choice.flatMap((c) => {
      const column = all.find((a) => a.key === c.key);
      return column ? [{ ...column, width: c.width }] : [];
    });
    // The title opens the record: it always comes first.
    const title = all[0]?.kind === 'field' ? all[0] : undefined;
    if (title) return [chosen.find((c) => c.key === title.key) ?? title, ...chosen.filter((c) => c.key !== title.key)];
    if (chosen.length) return chosen;
  }
  const fields = all.filter((c) => c.kind === 'field');
  return [...fields.slice(0, FORM_COLUMNS), ...all.filter((c) => c.kind !== 'field')];
}
