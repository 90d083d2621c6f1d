import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useDraftStore } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';
import { addRecordType, removeRecordType, type NewRecordType } from './model.ts';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';

/** The Record types page's state over the shared draft: which type is open, its edits, what screen readers hear. */
export const useRecordTypes = defineStore('record-types', () => {
  const draft = useDraftStore();
  const selected = ref('');
  const announcement = ref('');

  const keys = computed(() => Object.keys(draft.bundle?.entities ?? {}));
  const type = computed<EntityConfig | undefined>(() => draft.bundle?.entities[selected.value]);
  /** Keys a new type cannot take: those of the draft and of the published version (records may still carry one). */
  const taken = computed(() => [...new Set([...keys.value, ...Object.keys(draft.published?.entities ?? {})])]);
  const isPublished = (key: string) => !!draft.published && Object.hasOwn(draft.published.entities, key);

  /** Applies `fn` to the open type; edits with the same `tag` in a row are one undo step. */
  const edit = (fn: (e: EntityConfig) => EntityConfig, tag?: string) => draft.edit(selected.value, fn, tag);

  function create(spec: NewRecordType, nameLabels: Record<Locale, string>): void {
    draft.editBundle((b) => addRecordType(b, spec, nameLabels));
    selected.value = spec.key;
  }
  function remove(key: string): void {
    draft.editBundle((b) => removeRecordType(b, key));
    if (selected.value === key) selected.value = keys.value[0] ?? '';
  }
  return { selected, announcement, keys, type, taken, isPublished, edit, create, remove };
});
