import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useConfigStore } from '../../config/store.ts';
import { useProblemTexts } from '../../i18n/server-texts.ts';
import { useReferenceStore, type ReferenceOption } from '../reference-store.ts';

/**
 * What a reference picker does, for one record or several: search the records of `target` the person may see as they
 * type (the answer to an older search, arriving late, is dropped), name the chosen ones — a record since gone or out
 * of sight as such —, and offer to create one by the typed name when nothing is called that. `lazy`: the first search
 * waits for `load()` instead of running when the picker appears.
 */
export function useReferenceSearch(target: Ref<string>, enabled: Ref<boolean>, chosen: () => string[], pick: (option: ReferenceOption) => void, lazy = false) {
  const references = useReferenceStore();
  const config = useConfigStore();
  const problems = useProblemTexts('forms.errors');
  const { t } = useI18n();
  const q = ref('');
  const options = ref<ReferenceOption[]>([]);
  /** Titles of the records met so far, the chosen ones among them. */
  const titles = ref(new Map<string, string>());
  const loading = ref(false);
  const failed = ref(false);
  const creating = ref(false);
  const created = ref('');
  const refused = ref('');
  const typed = computed(() => q.value.trim());
  const canCreate = computed(
    () =>
      enabled.value &&
      typed.value !== '' &&
      !loading.value &&
      config.scope(target.value, 'create') !== 'none' &&
      !options.value.some((o) => o.title.toLowerCase() === typed.value.toLowerCase()),
  );
  const noun = computed(() => config.entityNoun(target.value));
  const remember = (found: ReferenceOption[]) => found.forEach((o) => titles.value.set(o.id, o.title));

  let ticket = 0;
  async function load() {
    const mine = ++ticket;
    loading.value = true;
    failed.value = false;
    try {
      const found = await references.search(target.value, q.value);
      if (mine !== ticket) return;
      remember(found);
      options.value = found;
    } catch {
      if (mine === ticket) failed.value = true;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function createNew() {
    creating.value = true;
    refused.value = '';
    created.value = '';
    try {
      const option = await references.create(target.value, typed.value);
      remember([option]);
      options.value = [option, ...options.value];
      pick(option);
      created.value = t('forms.created', { name: option.title });
    } catch (e) {
      refused.value = problems.problem(e);
    } finally {
      creating.value = false;
    }
  }

  // The chosen records are named whatever a search finds, and again when the value changes underneath (another
  // person's version loaded, a workflow step).
  async function nameChosen() {
    const missing = chosen().filter((id) => !titles.value.has(id));
    const named = await Promise.all(missing.map(async (id) => ({ id, title: (await references.title(target.value, id)) ?? t('forms.referenceUnavailable') })));
    remember(named);
  }
  watch(chosen, nameChosen, { immediate: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(q, () => {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  if (!lazy) onMounted(load);
  onBeforeUnmount(() => clearTimeout(timer));
  const titleOf = (id: string) => titles.value.get(id) ?? t('common.loading');
  /** A select's first line over the `offered` options: what to do (`choose`), or why nothing is offered. */
  function prompt(offered: readonly ReferenceOption[], choose: string): string {
    if (loading.value) return t('common.loading');
    if (failed.value) return t('errors.generic');
    if (offered.length) return choose;
    return t(options.value.length ? 'forms.allChosen' : 'forms.noMatches');
  }
  return { q, options, titleOf, prompt, loading, failed, creating, created, refused, typed, canCreate, createNew, noun, load };
}
