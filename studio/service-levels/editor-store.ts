import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ServiceLevels, WorkflowDef } from '../../runtime/browser-safe/bundle.ts';
import { statesOf } from '../../runtime/browser-safe/workflow-definition.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';
import { levelsOf } from './model.ts';

/** The service level editor's state over the shared draft: which record type is open, its service levels and workflow, and edits of them. */
export const useServiceLevelEditor = defineStore('service-level-editor', () => {
  const draft = useDraftStore();
  const entityKey = ref('');

  const entity = computed<EntityConfig | undefined>(() => draft.bundle?.entities[entityKey.value]);
  const levels = computed(() => levelsOf(entity.value));
  const workflow = computed<WorkflowDef | undefined>(() => {
    const key = entity.value?.workflow;
    const workflows = (draft.bundle?.workflows ?? {}) as Record<string, WorkflowDef>;
    return typeof key === 'string' && Object.hasOwn(workflows, key) ? workflows[key] : undefined;
  });
  /** The workflow's states, parents before children (what clocks may stand still or stop in). */
  const states = computed(() => (workflow.value ? statesOf(workflow.value).map((s) => s.path) : []));
  /** The server's refusals of the last save that are about service levels. */
  const problems = computed(() => (draft.saveError?.errors ?? []).filter((e) => /^\/(bundle\/)?entities\/[^/]+\/serviceLevels(\/|$)/.test(e.path)));

  /** Applies `fn` to the open record type's service levels (undefined: it has none; returning undefined removes them). */
  function edit(fn: (sl: ServiceLevels | undefined) => ServiceLevels | undefined, tag?: string) {
    draft.edit(
      entityKey.value,
      (e) => {
        const { serviceLevels: _old, ...rest } = e;
        const next = fn(levelsOf(e));
        return next ? { ...rest, serviceLevels: next } : rest;
      },
      tag && `sla:${tag}`,
    );
  }

  return { entityKey, entity, levels, workflow, states, problems, edit };
});
