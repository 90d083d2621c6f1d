import { defineStore } from 'pinia';
import { computed, nextTick, ref, shallowRef } from 'vue';
import type { PublicFormDef } from '../../runtime/browser-safe/bundle.ts';
import type { DayCount } from '../../runtime/browser-safe/public-forms.ts';
import { api, type ApiError } from '../../runtime/web/kit/api/client.ts';
import { toApiError, useDraftStore } from '../designer/draft-store.ts';
import { formsOf } from './model.ts';

/** What the runtime counts of the forms' submissions: per form and day of the last 30 days. */
export interface FormStats {
  from: string;
  to: string;
  items: DayCount[];
}

/** The Web forms page's state over the shared draft: which form is open, its edits, the submission counts, what screen readers hear. */
export const usePublicForms = defineStore('public-forms', () => {
  const draft = useDraftStore();
  const selected = ref('');
  const announcement = ref('');
  const stats = shallowRef<FormStats | null>(null);
  const statsError = shallowRef<ApiError | null>(null);

  const forms = computed(() => formsOf(draft.bundle));
  const published = computed(() => formsOf(draft.published));
  const form = computed<PublicFormDef | undefined>(() => forms.value[selected.value]);

  /** Applies `fn` to the open form; edits with the same `tag` in a row are one undo step. */
  function edit(fn: (form: PublicFormDef) => PublicFormDef, tag?: string): void {
    const key = selected.value;
    draft.editBundle(
      (b) => {
        const old = formsOf(b)[key];
        const next = old && fn(old);
        return !next || next === old ? b : { ...b, publicForms: { ...formsOf(b), [key]: next } };
      },
      tag && `form:${key}:${tag}`,
    );
  }

  /** Adds a form under a new key and opens it. */
  function create(key: string, form: PublicFormDef): void {
    draft.editBundle((b) => ({ ...b, publicForms: { ...formsOf(b), [key]: form } }));
    selected.value = key;
  }

  /** Deletes a form from the draft (its address works until the draft is published). */
  function remove(key: string): void {
    draft.editBundle((b) => {
      const rest = { ...formsOf(b) };
      delete rest[key];
      return { ...b, publicForms: rest };
    });
    if (selected.value === key) selected.value = Object.keys(forms.value)[0] ?? '';
  }

  async function loadStats(): Promise<void> {
    statsError.value = null;
    try {
      stats.value = (await api<FormStats>('GET', '/public-forms/stats')).data;
    } catch (e) {
      statsError.value = toApiError(e);
    }
  }

  const announce = (text: string) => {
    // Cleared first, so the same sentence twice is announced twice.
    announcement.value = '';
    void nextTick(() => (announcement.value = text));
  };

  return { selected, announcement, stats, statsError, forms, published, form, edit, create, remove, loadStats, announce };
});
