import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { api, ApiError, query, type FieldError } from '../../kit/api/client.ts';
import { useConfigStore, type StageView } from '../../kit/config/store.ts';
import { onSessionChange } from '../../kit/session/session-change.ts';
import { useRecordsStore, type RecordItem } from '../../kit/records/store.ts';

/** One column of the board: a stage, the first cards of that stage the caller may see, how many there are in all and their amounts' sum. */
export interface BoardColumn {
  stage: StageView;
  items: RecordItem[];
  total: number;
  /** The exact sum over every record of the stage the caller may see; null when their role hides the amount. */
  amount: number | null;
  /** Where the next page of this column's cards starts; null when every card is loaded. */
  nextCursor: string | null;
}
interface StageTotals {
  amountField: string | null;
  stages: { stage: string; count: number; amount: number | null }[];
}
/** What a move asks for beyond the stage: the missing fields and, for won/lost stages, the reason. */
export interface MoveExtra {
  data?: Record<string, unknown>;
  closeReason?: string;
}
/** How a move ended: done; details needed (422, with the fields the server named); or refused (403/409/412/other). */
export type MoveOutcome =
  { kind: 'moved'; record: RecordItem } | { kind: 'needs'; fields: string[]; reason: boolean; errors: FieldError[] } | { kind: 'refused'; error: unknown };

// Cards a column loads at a time ("Show more" loads the next ones); its count and sum always cover them all.
const COLUMN_PAGE = 50;
// The API's maximum page, for the account titles the cards show.
const TITLE_LIMIT = 200;
const fieldOf = (path: string) => /^\/data\/([^/]+)/.exec(path)?.[1];

/** A column's cards: one stage of one pipeline, most recently changed first. */
const columnQuery = (pipeline: string, stage: string, cursor: string | null) => ({
  filter: { $pipeline: { eq: pipeline }, $stage: { eq: stage } },
  limit: COLUMN_PAGE,
  sort: '-updatedAt',
  cursor,
});

/** The kanban board of an entity with a pipeline: a column per stage, loaded per stage; moves go through the stage operation. */
export const useBoardStore = defineStore('board', () => {
  const config = useConfigStore();
  const records = useRecordsStore();
  const entity = ref('');
  const pipeline = ref('');
  const columns = shallowRef<BoardColumn[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const accountTitles = shallowRef(new Map<string, string>());
  const amountField = ref<string | null>(null);
  // Bumped by each load: answers to older ones are dropped.
  let ticket = 0;
  onSessionChange(() => {
    ticket++;
    entity.value = '';
    pipeline.value = '';
    columns.value = [];
    amountField.value = null;
    accountTitles.value = new Map();
    error.value = null;
    // The dropped load's `finally` no longer owns `loading`: without this the board would stay busy.
    loading.value = false;
  });

  const stagesOf = (key: string): StageView[] => config.pipeline(key)?.stages ?? [];

  /** Loads every column of an entity's board in one of its pipelines (a request per stage, in parallel); the server decides whose cards show. */
  async function open(key: string, pipelineKey: string): Promise<void> {
    const mine = ++ticket;
    if (key !== entity.value || pipelineKey !== pipeline.value) columns.value = [];
    entity.value = key;
    pipeline.value = pipelineKey;
    loading.value = true;
    error.value = null;
    try {
      const totals = api<StageTotals>('GET', `/records/${encodeURIComponent(key)}/stage-totals${query({ pipeline: pipelineKey })}`);
      const pages = await Promise.all(
        stagesOf(pipelineKey).map(async (stage) => ({ stage, ...(await records.list(key, columnQuery(pipelineKey, stage.key, null))) })),
      );
      const { data } = await totals;
      if (mine !== ticket) return;
      amountField.value = data.amountField;
      columns.value = pages.map(({ stage, items, nextCursor }) => {
        const t = data.stages.find((s) => s.stage === stage.key);
        return { stage, items, nextCursor, total: t?.count ?? items.length, amount: t ? t.amount : null };
      });
      void loadTitles(key, mine);
    } catch (e) {
      if (mine === ticket) error.value = e;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  /** The next cards of one column, after those it shows (a card already there is not added twice). */
  async function more(stageKey: string): Promise<void> {
    const column = columns.value.find((c) => c.stage.key === stageKey);
    if (!column?.nextCursor) return;
    const mine = ticket;
    const page = await records.list(entity.value, columnQuery(pipeline.value, stageKey, column.nextCursor));
    if (mine !== ticket) return;
    columns.value = columns.value.map((c) => {
      if (c.stage.key !== stageKey) return c;
      const shown = new Set(c.items.map((r) => r.id));
      return { ...c, items: [...c.items, ...page.items.filter((r) => !shown.has(r.id))], nextCursor: page.nextCursor };
    });
    void loadTitles(entity.value, mine);
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
      for (const r of (await records.list(target, { limit: TITLE_LIMIT, sort: '-updatedAt' })).items)
        if (wanted.has(r.id)) titles.set(r.id, String(r.data[titleField] ?? ''));
      const rest = [...wanted].filter((id) => !titles.has(id));
      const found = await Promise.all(
        rest.map((id) =>
          records.get(target, id).then(
            (v) => String(v.record.data[titleField] ?? ''),
            () => null,
          ),
        ),
      );
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
    const body = {
      stage,
      ...(extra.data && Object.keys(extra.data).length ? { data: extra.data } : {}),
      ...(extra.closeReason ? { closeReason: extra.closeReason } : {}),
    };
    try {
      const res = await api<RecordItem>('POST', `/records/${encodeURIComponent(record.entity)}/${encodeURIComponent(record.id)}/stage`, body, {
        ifMatch: `"${record.version}"`,
      });
      place(res.data, record);
      return { kind: 'moved', record: res.data };
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const fields = [...new Set(e.errors.map((x) => fieldOf(x.path)).filter((f): f is string => !!f))];
        return { kind: 'needs', fields, reason: e.errors.some((x) => x.path === '/closeReason'), errors: e.errors };
      }
      return { kind: 'refused', error: e };
    }
  }

  const amountOf = (r: RecordItem) => (amountField.value && typeof r.data[amountField.value] === 'number' ? (r.data[amountField.value] as number) : 0);
  const plus = (sum: number | null, n: number) => (sum === null ? null : sum + n);

  /** Shows a card as it is now (a field changed in place), its column's sum included. */
  function replace(record: RecordItem) {
    columns.value = columns.value.map((c) => {
      const before = c.items.find((r) => r.id === record.id);
      if (!before) return c;
      return { ...c, items: c.items.map((r) => (r.id === record.id ? record : r)), amount: plus(c.amount, amountOf(record) - amountOf(before)) };
    });
  }

  /** Takes a moved record out of its old column and puts it first in its new one, counts and sums included. */
  function place(record: RecordItem, before: RecordItem) {
    columns.value = columns.value.map((c) => {
      if (c.stage.key === before.stage)
        return { ...c, items: c.items.filter((r) => r.id !== record.id), total: Math.max(0, c.total - 1), amount: plus(c.amount, -amountOf(before)) };
      if (c.stage.key === record.stage)
        return { ...c, items: [record, ...c.items.filter((r) => r.id !== record.id)], total: c.total + 1, amount: plus(c.amount, amountOf(record)) };
      return c;
    });
  }

  // Another language: the columns keep their cards and take the stages' labels in that language.
  watch(
    () => config.locale,
    () => {
      const stages = stagesOf(pipeline.value);
      columns.value = columns.value.map((c) => ({ ...c, stage: stages.find((s) => s.key === c.stage.key) ?? c.stage }));
    },
  );

  const reload = () => open(entity.value, pipeline.value);

  return { entity, pipeline, columns, more, loading, error, accountTitles, open, reload, move, replace, referenceField };
});
