import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, type ApiError } from '../../runtime/web/kit/api/client.ts';
import { toApiError } from '../designer/draft-store.ts';
import { useWorkflowEditor } from './editor-store.ts';
import { findState, type CatalogRef } from './model.ts';
import type { Problem } from './problems.ts';

/** An event of the simulated state: whether the chosen role may fire it with the sample data, and each guard's verdict. */
export interface SimEvent {
  type: string;
  allowed: boolean;
  target: string | null;
  guards: { path: string; type: string; passed: boolean }[];
}
/** The simulator's answer: where the record stands and what it may do there. */
export interface SimResult {
  state: string;
  final: boolean;
  /** With an event: whether it was taken (false: not allowed now, nothing moved). */
  fired?: boolean;
  events: SimEvent[];
  effects: CatalogRef[];
  problems: Problem[];
}
/** A record of the entity as the list API returns it (what the simulator copies). */
export interface SampleRecord {
  id: string;
  data: Record<string, unknown>;
  state?: string;
}
/** One fired event of the simulation. */
export interface SimStep {
  event: string;
  /** Set when the step let a timer run out: its delay. */
  delay?: string;
  from: string;
  to: string;
  effects: CatalogRef[];
}

/** The simulator: a role and sample data walk a record through the open workflow on the server; nothing is written. */
export const useSimulator = defineStore('workflow-simulator', () => {
  const editor = useWorkflowEditor();
  const role = ref('owner');
  const data = ref<Record<string, unknown>>({});
  const result = shallowRef<SimResult | null>(null);
  const steps = ref<SimStep[]>([]);
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** Real records of the entity to start from (their data and state are copied; nothing is written back). */
  const records = shallowRef<SampleRecord[]>([]);

  /** Whether a record can rest in the state at `path` of the open workflow: it is there, with no states inside. */
  const restsIn = (path: string) => {
    const state = editor.workflow && findState(editor.workflow, path);
    return !!state && !state.states;
  };

  // Each question gets a ticket; an answer to an older one, arriving late (the first look at a new record racing the
  // pick of a real record), is dropped, and `pending` counts questions still out.
  let ticket = 0;
  let pending = 0;

  /** Asks the server: the answer, null when it failed, undefined when a newer question was asked meanwhile. */
  async function ask(extra: { state?: string; event?: string }): Promise<SimResult | null | undefined> {
    const wf = editor.workflow;
    const entity = editor.entity;
    if (!wf || !entity) return null;
    const mine = ++ticket;
    pending++;
    busy.value = true;
    error.value = null;
    try {
      const answer = (await api<SimResult>('POST', '/workflows/simulate', { entity, workflow: wf, role: role.value, data: data.value, ...extra })).data;
      return mine === ticket ? answer : undefined;
    } catch (e) {
      if (mine !== ticket) return undefined;
      error.value = toApiError(e);
      return null;
    } finally {
      busy.value = --pending > 0;
    }
  }

  /** Starts over: where a new record would start, with no steps taken. */
  async function reset(): Promise<void> {
    steps.value = [];
    const answer = await ask({});
    if (answer !== undefined) result.value = answer;
  }

  /**
   * Looks again at the current state (after the role, the data or the workflow changed); starts over when that state is
   * gone. While a question is out its answer is the newer look already (it was asked with the data as it is now).
   */
  async function refresh(): Promise<void> {
    if (busy.value) return;
    const at = result.value?.state;
    if (at === undefined || !restsIn(at)) return reset();
    const answer = await ask({ state: at });
    if (answer) result.value = answer;
  }

  /** Fires `event` (a timer's own event when `delay` is given) from the current state and records the step. */
  async function fire(event: string, delay?: string): Promise<void> {
    const from = result.value?.state;
    if (from === undefined) return;
    const next = await ask({ state: from, event });
    if (!next) return;
    if (next.problems.length === 0 && next.fired !== false)
      steps.value = [...steps.value, { event, ...(delay ? { delay } : {}), from, to: next.state, effects: next.effects }];
    result.value = next;
  }

  /** Loads up to 50 of the entity's records the owner can see, newest first, to start a simulation from. */
  async function loadRecords(): Promise<void> {
    const entity = editor.entity;
    if (!entity) return;
    try {
      records.value = (await api<{ items: SampleRecord[] }>('GET', `/records/${encodeURIComponent(entity)}?sort=-updatedAt&limit=50`)).data.items;
    } catch {
      // Starting from a record is a shortcut: without the list, sample data is typed in.
      records.value = [];
    }
  }

  /** Starts over from a copy of record `id`: its data, and its state when the workflow being designed still has it. */
  async function startFrom(id: string): Promise<void> {
    const record = records.value.find((r) => r.id === id);
    if (!record) return;
    data.value = { ...record.data };
    steps.value = [];
    const answer = await ask(record.state && restsIn(record.state) ? { state: record.state } : {});
    if (answer) result.value = answer;
  }

  return { role, data, result, steps, busy, error, records, reset, refresh, fire, loadRecords, startFrom };
});
