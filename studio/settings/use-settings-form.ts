import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useProblemTexts } from '../../runtime/web/kit/i18n/server-texts.ts';

/**
 * The state of one form of the company settings page: its errors by path, its banner, whether it is saving or was
 * saved, and `save`, which shows the errors found before sending (sending nothing then), or sends and shows what the
 * server refused (`fieldsOf` picks the errors of this form's fields).
 */
export function useSettingsForm(fieldsOf: (e: unknown) => Record<string, string>) {
  const { t } = useI18n();
  const problems = useProblemTexts('settings.errors');
  const errors = ref<Record<string, string>>({});
  const banner = ref('');
  const saved = ref(false);
  const busy = ref(false);

  /** Whether it was saved. */
  async function save(found: Record<string, string>, send: () => Promise<unknown>): Promise<boolean> {
    errors.value = found;
    banner.value = '';
    saved.value = false;
    if (Object.keys(found).length) {
      banner.value = t('errors.fixFields');
      return false;
    }
    busy.value = true;
    try {
      await send();
      saved.value = true;
    } catch (e) {
      errors.value = fieldsOf(e);
      banner.value = problems.problem(e, errors.value);
    } finally {
      busy.value = false;
    }
    return saved.value;
  }

  return { errors, banner, saved, busy, save, problems };
}
