import { defineStore } from 'pinia';
import { computed, nextTick, ref } from 'vue';
import { useDraftStore, type Bundle } from '../designer/draft-store.ts';
import type { Pipeline } from './model.ts';
import { usesOf, type PipelineUse } from './attachments.ts';

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
  /** The record types following this pipeline in the draft, default users first. */
  const uses = computed<PipelineUse[]>(() => usesOf(draft.bundle?.entities ?? {}, pipelineKey.value).sort((a, b) => Number(b.isDefault) - Number(a.isDefault)));
  const entity = computed(() => uses.value[0]?.entity);

  const announce = (text: string) => {
    // Cleared first, so the same sentence twice is announced twice.
    announcement.value = '';
    void nextTick(() => (announcement.value = text));
  };

  return { pipelineKey, selected, announcement, notice, pipelines, pipeline, publishedKeys, uses, entity, announce };
});
