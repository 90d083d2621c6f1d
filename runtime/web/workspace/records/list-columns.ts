import type { useConfigStore } from '../../kit/config/store.ts';

/** A column of a record list; `sort` is the API's sort key, null when the column cannot be sorted. */
export interface Column {
  key: string;
  kind: 'field' | 'owner' | 'status' | 'updated';
  label: string;
  sort: string | null;
}

// Long text, several choices and links to other records make poor list cells.
const NOT_IN_LISTS = new Set(['textarea', 'multiselect', 'reference']);
const FORM_COLUMNS = 3;

/** The columns of an entity's list: the title field, the form's next few fields, owner, status, last update. */
export function listColumns(
  config: ReturnType<typeof useConfigStore>,
  entity: string,
  labels: { owner: string; updated: string; state: string; stage: string },
): Column[] {
  const view = config.entity(entity);
  if (!view) return [];
  const props = view.form.schema.properties;
  const order = config.fieldOrder(entity);
  const fields = [view.titleField, ...order.filter((f) => f !== view.titleField)]
    .filter((f) => props[f] && !NOT_IN_LISTS.has(props[f]['x-field'] ?? ''))
    .slice(0, FORM_COLUMNS);
  const columns: Column[] = fields.map((f) => {
    const type = props[f]!.type;
    const sortable = ['string', 'number', 'integer', 'boolean'].some((t) => t === type || (Array.isArray(type) && type.includes(t)));
    return { key: f, kind: 'field', label: config.fieldLabel(entity, f), sort: sortable ? f : null };
  });
  columns.push({ key: '$owner', kind: 'owner', label: labels.owner, sort: null });
  const status = config.statusKind(entity);
  if (status) columns.push({ key: '$status', kind: 'status', label: labels[status], sort: status });
  columns.push({ key: '$updated', kind: 'updated', label: labels.updated, sort: 'updatedAt' });
  return columns;
}
