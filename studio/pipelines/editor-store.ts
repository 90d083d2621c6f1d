import { defineStore } from 'pinia';
import { computed, nextTick, ref } from 'vue';
import { useDraftStore, type Bundle } from '../designer/draft-store.ts';
import type { Pipeline } from './model.ts';
import { entitiesOf } from './orphans.ts';

/** The draft's pipelines (the designer's Bundle type passes them through untyped). */
export const pipelinesOf = (b: Bundle | null) => (b?.pipelines ?? {}) as Record<string, Pipeline>;

/** The pipeline editor's state over the shared draft: which pipeline and stage are open, the notice shown and what screen readers hear. */
export const usePipelineEditor = defineStore('pipeline-editor', () => {
  const draft = useDraftStore();
  const pipelineKey = ref('');
  const selected = ref(0);
  const announcement = ref('');
  const notice = ref<string | null>(null);

  const pipelines = computed(() => pipelinesOf(draft.bundle));
  const pipeline = computed(() => pipelines.value[pipelineKey.value]);
  /** Stage keys of this pipeline in the published version: records may be in them, so their keys stay. */
  const publishedKeys = computed(() => new Set((pipelinesOf(draft.published)[pipelineKey.value]?.stages ?? []).map((s) => s.key)));
  const entity = computed(() => entitiesOf(draft.bundle?.entities ?? {}, pipelineKey.value)[0]);

  const announce = (text: string) => {
    // Cleared first, so the same sentence twice is announced twice.
    announcement.value = '';
    void nextTick(() => (announcement.value = text));
  };

  return { pipelineKey, selected, announcement, notice, pipelines, pipeline, publishedKeys, entity, announce };
});
