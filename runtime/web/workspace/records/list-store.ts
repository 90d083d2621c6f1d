import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { onSessionChange } from '../../kit/session/session-change.ts';
import type { FilterRow, Match } from './list-filter.ts';
import { useRecordsStore, type RecordItem } from '../../kit/records/store.ts';

/** A column a person chose to see, and how wide. */
export interface ColumnChoice {
  key: string;
  width?: 'narrow' | 'normal' | 'wide';
}
/** The query of a list as the person set it: search words, conditions, sort, columns, the saved view it came from, and whose view it is. */
export interface ListQueryState {
  q: string;
  filter: Record<string, unknown> | null;
  rows: FilterRow[];
  match: Match;
  sort: string;
  /** The columns shown, in order; null: the list's standard columns. */
  columns: ColumnChoice[] | null;
  /** The saved view last opened or saved; the query may have changed since. */
  viewId: string | null;
  /** Another person whose view of the list is shown ("view as"); null: one's own. */
  viewAs: { id: string; name: string } | null;
}
const DEFAULT_SORT = '-updatedAt';
const PAGE_SIZE = 50;
/** The plain list: no words, no conditions, newest change first, standard columns. */
export const freshQuery = (): ListQueryState => ({
  q: '',
  filter: null,
  rows: [],
  match: 'all',
  sort: DEFAULT_SORT,
  columns: null,
  viewId: null,
  viewAs: null,
});

/**
 * The record list being looked at: its query (remembered per entity while the app is open, so coming back
 * from a record shows the same search), its pages and total. Answers to superseded requests are dropped.
 */
export const useRecordListStore = defineStore('recordList', () => {
  const records = useRecordsStore();
  const entity = ref('');
  const state = ref<ListQueryState>(freshQuery());
  const items = shallowRef<RecordItem[]>([]);
  const nextCursor = ref<string | null>(null);
  const total = ref<number | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<unknown>(null);
  const remembered = new Map<string, ListQueryState>();
  // Bumped by each new query: answers to older ones are dropped.
  let ticket = 0;

  function show(key: string, query: ListQueryState) {
    entity.value = key;
    state.value = query;
    items.value = [];
    total.value = null;
    nextCursor.value = null;
  }
  // Another person or company: nothing of the last one's lists is kept, and answers still on their way are dropped.
  onSessionChange(() => {
    ticket++;
    remembered.clear();
    show('', freshQuery());
    loading.value = false;
    error.value = null;
  });

  /** Whether an entity's list was looked at since the app opened (it then keeps its last query). */
  const remembers = (key: string) => key === entity.value || remembered.has(key);

  /** Shows an entity's list with the query last used for it (else `first`, else the plain list), loading its first page. */
  function open(key: string, first?: ListQueryState): Promise<void> {
    if (key !== entity.value) {
      if (entity.value) remembered.set(entity.value, state.value);
      show(key, remembered.get(key) ?? first ?? freshQuery());
    }
    return reload();
  }

  const pageQuery = (cursor: string | null) => ({
    q: state.value.q,
    filter: state.value.filter,
    sort: state.value.sort,
    limit: PAGE_SIZE,
    cursor,
    count: true,
    as: state.value.viewAs?.id,
  });

  async function reload(): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    error.value = null;
    try {
      const page = await records.list(entity.value, pageQuery(null));
      if (mine !== ticket) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      total.value = page.total ?? null;
    } catch (e) {
      if (mine === ticket) error.value = e;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return;
    const mine = ticket;
    loadingMore.value = true;
    error.value = null;
    try {
      const page = await records.list(entity.value, pageQuery(nextCursor.value));
      if (mine !== ticket) return;
      items.value = [...items.value, ...page.items];
      nextCursor.value = page.nextCursor;
      if (page.total !== undefined) total.value = page.total;
    } catch (e) {
      if (mine === ticket) error.value = e;
    } finally {
      loadingMore.value = false;
    }
  }

  /** Changes part of the query and loads the first page again. */
  function change(patch: Partial<ListQueryState>): Promise<void> {
    state.value = { ...state.value, ...patch };
    return reload();
  }

  /** Shows a record of the page as it is now (changed in place); it keeps its place until the list loads again. */
  function replace(record: RecordItem) {
    items.value = items.value.map((r) => (r.id === record.id ? record : r));
  }

  const clear = () => change({ q: '', filter: null, rows: [] });
  const narrowed = () => state.value.q.trim() !== '' || state.value.filter !== null;

  return { entity, state, items, nextCursor, total, loading, loadingMore, error, remembers, open, reload, loadMore, change, replace, clear, narrowed };
});
