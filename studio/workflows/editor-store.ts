import { defineStore } from 'pinia';
import { computed, nextTick, ref, shallowRef } from 'vue';
import { api } from '../../runtime/web/kit/api/client.ts';
import type { ApiError } from '../../runtime/web/kit/api/client.ts';
import { toApiError, useDraftStore } from '../designer/draft-store.ts';
import { entitiesUsing, statePaths, workflowsOf, type Workflow } from './model.ts';
import type { Problem } from './problems.ts';

/** A guard or action the runtime implements, with the JSON Schema of its parameters. */
export interface CatalogEntry {
  name: string;
  label: string;
  description: string;
  params: Record<string, unknown>;
}
export interface Catalog {
  guards: CatalogEntry[];
  actions: CatalogEntry[];
}
/** What the property panel shows: a state by key, a transition by id, or nothing. */
export type Selection = { kind: 'state'; key: string } | { kind: 'transition'; id: string } | null;

/**
 * The workflow designer's state over the shared draft: which workflow is open and what of it is selected,
 * the runtime's catalog of guards and actions, and the verifier's problems with the workflow as it is now.
 */
export const useWorkflowEditor = defineStore('workflow-editor', () => {
  const draft = useDraftStore();
  const workflowKey = ref('');
  const selection = shallowRef<Selection>(null);
  const notice = ref<string | null>(null);
  const announcement = ref('');
  const catalog = shallowRef<Catalog | null>(null);
  const catalogError = shallowRef<ApiError | null>(null);
  const problems = shallowRef<Problem[]>([]);
  const verifying = ref(false);
  const verifyError = shallowRef<ApiError | null>(null);
  /** The workflow the problems were found in (null: not verified yet). */
  const verified = shallowRef<Workflow | null>(null);

  const workflows = computed(() => workflowsOf(draft.bundle));
  const workflow = computed<Workflow | undefined>(() => workflows.value[workflowKey.value]);
  /** The entity whose records follow this workflow: the verifier checks fields and roles against it. */
  const entity = computed(() => entitiesUsing(draft.bundle?.entities ?? {}, workflowKey.value)[0]);
  /** State paths of this workflow in the published version: records may be in them, so their keys stay. */
  const publishedStates = computed(() => {
    const published = workflowsOf(draft.published)[workflowKey.value];
    return new Set(published ? statePaths(published) : []);
  });

  async function loadCatalog(): Promise<void> {
    if (catalog.value) return;
    catalogError.value = null;
    try {
      catalog.value = (await api<Catalog>('GET', '/workflows/catalog')).data;
    } catch (e) {
      catalogError.value = toApiError(e);
    }
  }

  let asked = 0;
  /** Asks the server's verifier about the open workflow; an answer for an older version is dropped. */
  async function verify(): Promise<void> {
    const wf = workflow.value;
    const key = entity.value;
    if (!wf || !key) return;
    const ask = ++asked;
    verifying.value = true;
    try {
      const { data } = await api<{ problems: Problem[] }>('POST', '/workflows/verify', { entity: key, workflow: wf });
      if (ask !== asked) return;
      problems.value = data.problems;
      verified.value = wf;
      verifyError.value = null;
    } catch (e) {
      if (ask === asked) verifyError.value = toApiError(e);
    } finally {
      if (ask === asked) verifying.value = false;
    }
  }

  /** Opens workflow `key` with nothing selected and no problems known yet. */
  function open(key: string) {
    if (key === workflowKey.value) return;
    workflowKey.value = key;
    selection.value = null;
    notice.value = null;
    problems.value = [];
    verified.value = null;
  }

  const announce = (text: string) => {
    // Cleared first, so the same sentence twice is announced twice.
    announcement.value = '';
    void nextTick(() => (announcement.value = text));
  };

  return {
    workflowKey,
    selection,
    notice,
    announcement,
    catalog,
    catalogError,
    problems,
    verifying,
    verifyError,
    verified,
    workflows,
    workflow,
    entity,
    publishedStates,
    loadCatalog,
    verify,
    open,
    announce,
  };
});
