import { defineStore } from 'pinia';
import { computed, nextTick, ref } from 'vue';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';
import { templatesOf, type TemplateText } from './model.ts';
import { splitProblems } from './problems.ts';

/** A text of the open template a field placeholder can be put into: its own, or one translation's. */
export interface TextTarget {
  part: Exclude<TemplateText, 'label'>;
  locale?: Locale;
}

/** The mail settings editor's state over the shared draft: which record type and template are open, where a placeholder goes, what screen readers hear. */
export const useEmailSettings = defineStore('email-settings', () => {
  const draft = useDraftStore();
  const entityKey = ref('');
  const templateKey = ref('');
  const target = ref<TextTarget>({ part: 'text' });
  const announcement = ref('');

  const entity = computed<EntityConfig | undefined>(() => draft.bundle?.entities[entityKey.value]);
  const templates = computed(() => templatesOf(entity.value));
  const template = computed(() => templates.value[templateKey.value]);
  /** The server's refusals of the last save: those about mail settings, by entity, and the others. */
  const problems = computed(() => splitProblems(draft.saveError?.errors ?? []));
  const problemsHere = computed(() => problems.value.email.filter((p) => p.entity === entityKey.value));

  /** Applies `fn` to the open record type; edits with the same `tag` in a row are one undo step. */
  const edit = (fn: (e: EntityConfig) => EntityConfig, tag?: string) => draft.edit(entityKey.value, fn, tag && `email:${tag}`);

  const announce = (text: string) => {
    // Cleared first, so the same sentence twice is announced twice.
    announcement.value = '';
    void nextTick(() => (announcement.value = text));
  };

  return { entityKey, templateKey, target, announcement, entity, templates, template, problems, problemsHere, edit, announce };
});
