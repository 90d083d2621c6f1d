import { useI18n } from 'vue-i18n';
import { useSessionStore } from '../session/store.ts';
import { formatDateTime } from './format.ts';

/** Formats a moment in the interface language and the tenant's timezone. */
export function useDateTime(): (iso: string) => string {
  const { locale } = useI18n();
  const session = useSessionStore();
  return (iso) => formatDateTime(iso, locale.value, session.me?.tenant.settings.timezone);
}
