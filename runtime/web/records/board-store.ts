import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, ApiError, type FieldError } from '../api/client.ts';
import { useConfigStore, type StageView } from '../config/store.ts';
import { onSessionChange } from '../session/session-change.ts';
import { useRecordsStore, type RecordItem } from './store.ts';

/** One column of the board: a stage, the first cards of that stage the caller may see, and how many there are in all. */
export interface BoardColumn {
  stage: StageView;
  items: RecordItem[];
  total: number;
}
/** What a move asks for beyond the stage: the missing fields and, for won/lost stages, the reason. */
export interface MoveExtra {
  data?: Record<string, unknown>;
  closeReason?: string;
}
/** How a move ended: done; details needed (422, with the fields the server named); or refused (403/409/412/other). */
export type MoveOutcome =
  | { kind: 'moved'; record: RecordItem }
  | { kind: 'needs'; fields: string[]; reason: boolean; errors: FieldError[] }
  | { kind: 'refused'; error: unknown };

// The API's maximum page: a column shows at most this many cards.
const COLUMN_LIMIT = 200;
const fieldOf = (path: string) => /^\/data\/([^/]+)/.exec(path)?.[1];

/** The kanban board of an entity with a pipeline: a column per stage, loaded per stage; moves go through the stage operation. */
export const useBoardStore = defineStore('board', () => {
  const config = useConfigStore();
  const records = useRecordsStore();
  const entity = ref('');
  const columns = shallowRef<BoardColumn[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const accountTitles = shallowRef(new Map<string, string>());
  // Bumped by each load: answers to older ones are dropped.
  let ticket = 0;
  onSessionChange(() => {
    ticket++;
    entity.value = '';
    columns.value = [];
    accountTitles.value = new Map();
    error.value = null;
    // The dropped load's `finally` no longer owns `loading`: without this the board would stay busy.
    loading.value = false;
  });

  const stagesOf = (key: string): StageView[] => {
    const pipeline = config.entity(key)?.pipeline;
    return (pipeline && config.pipeline(pipeline)?.stages) || [];
  };

  /** Loads every column of an entity's board (one request per stage, in parallel); the server decides whose cards show. */
  async function open(key: string): Promise<void> {
    const mine = ++ticket;
    if (key !== entity.value) columns.value = [];
    entity.value = key;
    loading.value = true;
    error.value = null;
    try {
      const pages = await Promise.all(
        stagesOf(key).map(async (stage) => {
          const page = await records.list(key, { filter: { $stage: { eq: stage.key } }, limit: COLUMN_LIMIT, count: true, sort: '-updatedAt' });
          return { stage, items: page.items, total: page.total ?? page.items.length };
        }),
      );
      if (mine !== ticket) return;
      columns.value = pages;
      void loadTitles(key, mine);
    } catch (e) {
      if (mine === ticket) error.value = e;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  /** Titles of the records the cards' reference field points at: one list request for the common case, then one per id left over. */
  async function loadTitles(key: string, mine: number): Promise<void> {
    const view = config.entity(key);
    const field = referenceField(key);
    const target = field ? view?.form.schema.properties[field]?.['x-ref'] : undefined;
    if (!field || !target) return;
    const wanted = new Set(columns.value.flatMap((c) => c.items.map((r) => r.data[field])).filter((v): v is string => typeof v === 'string' && v !== ''));
    if (!wanted.size) return;
    const titleField = config.entity(target)?.titleField ?? 'name';
    const titles = new Map<string, string>();
    try {
      for (const r of (await records.list(target, { limit: COLUMN_LIMIT, sort: '-updatedAt' })).items) if (wanted.has(r.id)) titles.set(r.id, String(r.data[titleField] ?? ''));
      const rest = [...wanted].filter((id) => !titles.has(id));
      const found = await Promise.all(rest.map((id) => records.get(target, id).then((v) => String(v.record.data[titleField] ?? ''), () => null)));
      rest.forEach((id, i) => found[i] !== null && titles.set(id, found[i]!));
    } catch {
      // Titles are a nicety on the cards: a card without one still shows everything else.
    }
    if (mine === ticket) accountTitles.value = titles;
  }

  /** The field that links a card to its account: the first reference field the form shows. */
  function referenceField(key: string): string | undefined {
    const props = config.entity(key)?.form.schema.properties ?? {};
    return config.fieldOrder(key).find((f) => props[f]?.['x-field'] === 'reference');
  }

  /** Moves a card to a stage, sending the missing fields and close reason when given; the columns follow the answer. */
  async function move(record: RecordItem, stage: string, extra: MoveExtra = {}): Promise<MoveOutcome> {
    const body = { stage, ...(extra.data && Object.keys(extra.data).length ? { data: extra.data } : {}), ...(extra.closeReason ? { closeReason: extra.closeReason } : {}) };
    try {
      const res = await api<RecordItem>('POST', `/records/${encodeURIComponent(record.entity)}/${encodeURIComponent(record.id)}/stage`, body, { ifMatch: `"${record.version}"` });
      place(res.data, record.stage);
      return { kind: 'moved', record: res.data };
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const fields = [...new Set(e.errors.map((x) => fieldOf(x.path)).filter((f): f is string => !!f))];
        return { kind: 'needs', fields, reason: e.errors.some((x) => x.path === '/closeReason'), errors: e.errors };
      }
      return { kind: 'refused', error: e };
    }
  }

  /** Takes a moved record out of its old column and puts it first in its new one, counts included. */
  function place(record: RecordItem, from: string | undefined) {
    columns.value = columns.value.map((c) => {
      if (c.stage.key === from) return { ...c, items: c.items.filter((r) => r.id !== record.id), total: Math.max(0, c.total - 1) };
      if (c.stage.key === record.stage) return { ...c, items: [record, ...c.items.filter((r) => r.id !== record.id)], total: c.total + 1 };
      return c;
    });
  }

  const reload = () => open(entity.value);

  return { entity, columns, loading, error, accountTitles, open, reload, move, referenceField };
});
