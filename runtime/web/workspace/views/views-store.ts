import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, query } from '../../kit/api/client.ts';
import type { Person } from '../../kit/records/store.ts';
import { onSessionChange } from '../../kit/session/session-change.ts';
import type { FilterRow, Match } from '../records/list-filter.ts';
import type { ColumnChoice } from '../records/list-store.ts';

/** What a saved view keeps of a list. */
export interface ViewQuery {
  q: string;
  match: Match;
  conditions: FilterRow[];
  sort: string;
  columns: ColumnChoice[];
}
export type Visibility = 'personal' | 'team' | 'company';
export interface SavedView {
  id: string;
  entity: string;
  name: string;
  visibility: Visibility;
  team: { key: string; name: string } | null;
  createdBy: Person;
  mine: boolean;
  mayChange: boolean;
  view: ViewQuery;
}
export interface ViewDraft {
  name: string;
  visibility: Visibility;
  team?: string | null;
  view: ViewQuery;
}
interface TeamRow {
  key: string;
  name: string;
  members: Person[];
  managers: Person[];
}

/** The saved views of the list being looked at, the one the person's role opens it with, and the teams a view can be shared with. */
export const useViewsStore = defineStore('views', () => {
  const entity = ref('');
  const items = shallowRef<SavedView[]>([]);
  const defaultView = ref<string | null>(null);
  const begin = onSessionChange(() => {
    entity.value = '';
    items.value = [];
    defaultView.value = null;
  });

  async function load(key: string): Promise<void> {
    const current = begin();
    const { data } = await api<{ items: SavedView[]; defaultView: string | null }>('GET', `/views${query({ entity: key })}`);
    if (!current()) return;
    entity.value = key;
    items.value = data.items;
    defaultView.value = data.defaultView;
  }
  const find = (id: string | null) => items.value.find((v) => v.id === id);

  async function create(draft: ViewDraft): Promise<SavedView> {
    const { data } = await api<SavedView>('POST', '/views', { entity: entity.value, ...draft });
    await load(entity.value);
    return data;
  }
  async function update(id: string, patch: Partial<ViewDraft>): Promise<SavedView> {
    const { data } = await api<SavedView>('PATCH', `/views/${encodeURIComponent(id)}`, patch);
    await load(entity.value);
    return data;
  }
  async function remove(id: string): Promise<void> {
    await api('DELETE', `/views/${encodeURIComponent(id)}`);
    await load(entity.value);
  }

  /** The teams the person belongs to or manages: those a view can be shared with. */
  async function myTeams(userId: string): Promise<{ key: string; name: string }[]> {
    const { data } = await api<{ items: TeamRow[] }>('GET', '/teams');
    return data.items.filter((t) => [...t.members, ...t.managers].some((p) => p.id === userId)).map((t) => ({ key: t.key, name: t.name }));
  }

  /** Role key → the view its list opens with (for whoever shapes the company's views), and every role's name. */
  async function defaults(): Promise<{ byRole: Record<string, string>; roles: { key: string; label: string; i18n?: Record<string, { label?: string }> }[] }> {
    const [byRole, draft] = await Promise.all([
      api<Record<string, string>>('GET', `/views/defaults${query({ entity: entity.value })}`),
      api<{ bundle: { roles: Record<string, { label: string; i18n?: Record<string, { label?: string }> }> } }>('GET', '/config/draft'),
    ]);
    return { byRole: byRole.data, roles: Object.entries(draft.data.bundle.roles).map(([key, r]) => ({ key, label: r.label, i18n: r.i18n })) };
  }
  async function setDefault(role: string, viewId: string | null): Promise<void> {
    await api('PUT', `/views/defaults/${encodeURIComponent(entity.value)}/${encodeURIComponent(role)}`, { viewId });
  }

  return { entity, items, defaultView, load, find, create, update, remove, myTeams, defaults, setDefault };
});
