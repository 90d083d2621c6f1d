import { watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useSessionStore } from '../session/store.ts';

/** Keeps the interface language in step with the signed-in person's choice, and the page's `lang` with it. */
export function usePersonLocale(): void {
  const session = useSessionStore();
  const { locale } = useI18n();
  watch(
    () => session.me && session.locale,
    (value) => {
      if (value) locale.value = value;
    },
    { immediate: true },
  );
  watch(locale, (l) => (document.documentElement.lang = l), { immediate: true });
}
