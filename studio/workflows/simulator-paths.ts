import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { api, type ApiError } from '../../runtime/web/kit/api/client.ts';
import { pathSign, type Untaken, type WorkflowPath } from '../../runtime/browser-safe/workflow-paths.ts';
import { toApiError } from '../designer/draft-store.ts';
import { useWorkflowEditor } from './editor-store.ts';
import type { Problem } from './problems.ts';
import { useSimulator } from './simulator-store.ts';

interface PathsAnswer {
  start?: string;
  mayUpdate?: boolean;
  paths?: WorkflowPath[];
  complete?: boolean;
  untaken?: Untaken[];
  problems: Problem[];
}

/**
 * Paths to try: generated on the server from the simulator's role and data (@xstate/graph), shown as a checklist. The
 * owner walks one (the simulator starts over and takes its steps one click at a time); a path walked to its end is
 * ticked, and any can be ticked by hand. Ticks are kept per workflow while the studio is open.
 */
export const useSimulatorPaths = defineStore('workflow-simulator-paths', () => {
  const editor = useWorkflowEditor();
  const sim = useSimulator();
  const answer = shallowRef<PathsAnswer | null>(null);
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** Ticked paths, by workflow then by sign (a regenerated path keeps its tick). */
  const ticks = ref<Record<string, string[]>>({});
  const walking = shallowRef<WorkflowPath | null>(null);
  let ticket = 0;

  const paths = computed(() => answer.value?.paths ?? null);
  const checked = computed(() => new Set(ticks.value[editor.workflowKey] ?? []));
  /** How many steps of the path being walked the simulator has taken, in order, from its start. */
  const progress = computed(() => {
    const path = walking.value;
    if (!path) return 0;
    let n = 0;
    while (n < sim.steps.length && n < path.steps.length && sim.steps[n]!.event === path.steps[n]!.event && sim.steps[n]!.to === path.steps[n]!.to) n++;
    // A step off the path (another event fired) ends the walk where it left it.
    return n === sim.steps.length ? n : -1;
  });

  async function generate(): Promise<void> {
    const wf = editor.workflow;
    const entity = editor.entity;
    if (!wf || !entity) return;
    const mine = ++ticket;
    busy.value = true;
    error.value = null;
    try {
      const next = (await api<PathsAnswer>('POST', '/workflows/paths', { entity, workflow: wf, role: sim.role, data: sim.data })).data;
      if (mine === ticket) answer.value = next;
    } catch (e) {
      if (mine === ticket) error.value = toApiError(e);
    } finally {
      if (mine === ticket) busy.value = false;
    }
  }

  function tick(path: WorkflowPath, on: boolean): void {
    const key = editor.workflowKey;
    const sign = pathSign(path);
    const now = (ticks.value[key] ?? []).filter((s) => s !== sign);
    ticks.value = { ...ticks.value, [key]: on ? [...now, sign] : now };
  }

  /** Starts walking `path`: the simulator starts over with the same role and data. */
  async function walk(path: WorkflowPath): Promise<void> {
    walking.value = path;
    await sim.reset();
  }

  /** Takes the next step of the path being walked (for a wait: lets its time pass). */
  async function next(): Promise<void> {
    const step = walking.value?.steps[progress.value];
    if (step) await sim.fire(step.event, step.delay);
  }

  // A path walked to its end is ticked.
  watch(progress, (n) => {
    if (walking.value && n === walking.value.steps.length) tick(walking.value, true);
  });
  // Another workflow, role or data: the paths were for something else.
  watch([() => editor.workflowKey, () => sim.role, () => sim.data, () => editor.workflow], () => {
    ticket++;
    busy.value = false;
    answer.value = null;
    walking.value = null;
  });

  return { answer, paths, busy, error, checked, walking, progress, generate, tick, walk, next };
});
