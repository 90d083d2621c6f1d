import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, ApiError } from '../../runtime/web/kit/api/client.ts';
import { toApiError } from '../designer/draft-store.ts';

/** A timer of the published workflow that could not fire, on a record the caller may read. */
export interface StuckTimer {
  id: string;
  record: { entity: string; id: string; title: string | null };
  state: { key: string; label: string };
  delay: string;
  dueAt: string;
  reason: 'notTaken' | 'failed';
  error: string | null;
  attempts: number;
}

/** The stuck timers of one published workflow, and retrying them. */
export const useStuckTimers = defineStore('workflow-stuck-timers', () => {
  const workflow = ref('');
  const items = shallowRef<StuckTimer[]>([]);
  const loading = ref(false);
  /** The workflow exists only in the draft: no timers run for it. */
  const unpublished = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** How many timers the last retry set off (shown until the next load of another workflow). */
  const retried = ref<number | null>(null);

  async function load(key: string): Promise<void> {
    if (key !== workflow.value) retried.value = null;
    workflow.value = key;
    loading.value = true;
    error.value = null;
    try {
      items.value = (await api<{ items: StuckTimer[] }>('GET', `/workflows/${encodeURIComponent(key)}/stuck-timers`)).data.items;
      unpublished.value = false;
    } catch (e) {
      items.value = [];
      unpublished.value = e instanceof ApiError && e.status === 404;
      if (!unpublished.value) error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Retries one stuck timer, or all of them without `id`, then lists again. */
  async function retry(id?: string): Promise<void> {
    const path = `/workflows/${encodeURIComponent(workflow.value)}/stuck-timers${id === undefined ? '' : `/${encodeURIComponent(id)}`}/retry`;
    error.value = null;
    try {
      retried.value = (await api<{ retried: number }>('POST', path)).data.retried;
    } catch (e) {
      error.value = toApiError(e);
    }
    await load(workflow.value);
  }

  return { workflow, items, loading, unpublished, error, retried, load, retry };
});
