import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api, ApiError } from '../../kit/api/client.ts';
import { onSessionChange } from '../../kit/session/session-change.ts';
import { useRecordsStore, type RecordItem } from '../../kit/records/store.ts';
import type { ListQueryState } from '../records/list-store.ts';

/** What to do to every chosen record; each goes through the same request (and the same checks) as one at a time. */
export type BulkAction =
  | { kind: 'assign'; ownerId: string }
  | { kind: 'set'; field: string; value: unknown }
  | { kind: 'event'; type: string }
  | { kind: 'stage'; stage: string }
  | { kind: 'delete' };

/** A record the action was refused for, and the server's answer. */
export interface Refusal {
  record: RecordItem;
  error: ApiError;
}

/** How many records "select all matching" gathers at most. */
export const MOST = 5000;
const PAGE = 200;
// Requests in flight at once: the records go through quickly without crowding out other people's requests.
const PARALLEL = 4;

/** The request that does `action` to one record, as one at a time would send it (If-Match: the version the list showed). */
function perform(entity: string, r: RecordItem, action: BulkAction): Promise<unknown> {
  const one = `/records/${encodeURIComponent(entity)}/${encodeURIComponent(r.id)}`;
  const ifMatch = `"${r.version}"`;
  if (action.kind === 'assign') return api('POST', `${one}/assign`, { ownerId: action.ownerId }, { ifMatch });
  if (action.kind === 'set') return api('PATCH', one, { data: { [action.field]: action.value } }, { ifMatch });
  if (action.kind === 'event') return api('POST', `${one}/events`, { type: action.type }, { ifMatch });
  if (action.kind === 'stage') return api('POST', `${one}/stage`, { stage: action.stage }, { ifMatch });
  return api('DELETE', one, undefined, { ifMatch });
}

/**
 * The records chosen on a list (some rows, or every record matching its query) and a bulk action's run over them:
 * progress while it runs, then what was done and what was refused and why.
 */
export const useBulkStore = defineStore('bulk', () => {
  const records = useRecordsStore();
  const chosen = shallowRef<Map<string, RecordItem>>(new Map());
  /** Every record matching the list's query, not only the rows ticked. */
  const everything = ref(false);
  const phase = ref<'idle' | 'gathering' | 'running' | 'done'>('idle');
  const progress = ref({ done: 0, total: 0 });
  const refused = shallowRef<Refusal[]>([]);
  const changed = ref(0);
  const failed = ref<unknown>(null);
  let ticket = 0;

  function reset() {
    ticket++;
    chosen.value = new Map();
    everything.value = false;
    phase.value = 'idle';
    refused.value = [];
    changed.value = 0;
    failed.value = null;
  }
  onSessionChange(reset);

  const count = computed(() => chosen.value.size);
  function toggle(r: RecordItem, on: boolean) {
    const next = new Map(chosen.value);
    if (on) next.set(r.id, r);
    else next.delete(r.id);
    chosen.value = next;
    everything.value = false;
  }
  function choosePage(items: RecordItem[], on: boolean) {
    const next = new Map(chosen.value);
    for (const r of items) {
      if (on) next.set(r.id, r);
      else next.delete(r.id);
    }
    chosen.value = next;
    everything.value = false;
  }

  /** Every record of the list's query, page by page (at most {@link MOST}). */
  async function gather(entity: string, state: ListQueryState, mine: number): Promise<RecordItem[]> {
    const all: RecordItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await records.list(entity, { q: state.q, filter: state.filter, sort: state.sort, limit: PAGE, cursor });
      if (mine !== ticket) return [];
      all.push(...page.items);
      progress.value = { done: all.length, total: Math.max(progress.value.total, all.length) };
      cursor = page.nextCursor;
    } while (cursor && all.length < MOST);
    return all.slice(0, MOST);
  }

  /** Does `action` to each chosen record, {@link PARALLEL} at a time; refusals are collected, not thrown. */
  async function run(entity: string, state: ListQueryState, total: number, action: BulkAction): Promise<void> {
    const mine = ++ticket;
    refused.value = [];
    changed.value = 0;
    failed.value = null;
    try {
      phase.value = 'gathering';
      progress.value = { done: 0, total: Math.min(total, MOST) };
      const targets = everything.value ? await gather(entity, state, mine) : [...chosen.value.values()];
      if (mine !== ticket) return;
      phase.value = 'running';
      progress.value = { done: 0, total: targets.length };
      const queue = [...targets];
      const worker = async () => {
        for (let r = queue.shift(); r && mine === ticket; r = queue.shift()) {
          try {
            await perform(entity, r, action);
            changed.value++;
          } catch (e) {
            if (!(e instanceof ApiError) || e.status === 0) throw e;
            refused.value = [...refused.value, { record: r, error: e }];
          }
          progress.value = { ...progress.value, done: progress.value.done + 1 };
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    } catch (e) {
      if (mine === ticket) failed.value = e;
    }
    if (mine !== ticket) return;
    phase.value = 'done';
    chosen.value = new Map();
    everything.value = false;
  }

  return { chosen, everything, phase, progress, refused, changed, failed, count, toggle, choosePage, run, reset };
});
