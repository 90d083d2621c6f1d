import { useI18n } from 'vue-i18n';
import type { Need } from '../../../browser-safe/workflow-definition.ts';
import { useConfigStore } from '../../kit/config/store.ts';

/** What an event still needs, in the reader's language and with the form's own field and option labels. */
export function useNeedText(entity: () => string) {
  const { t, locale } = useI18n();
  const config = useConfigStore();
  const list = (items: string[], type: 'conjunction' | 'disjunction') => new Intl.ListFormat(locale.value, { type }).format(items);
  return (need: Need): string => {
    switch (need.kind) {
      case 'filled':
        return t('workflow.needs.filled', {
          fields: list(
            need.fields.map((f) => config.fieldLabel(entity(), f)),
            'conjunction',
          ),
        });
      case 'value':
        return t('workflow.needs.value', {
          field: config.fieldLabel(entity(), need.field),
          values: list(
            need.values.map((v) => `“${config.optionLabel(entity(), need.field, v)}”`),
            'disjunction',
          ),
        });
      default:
        return t(`workflow.needs.${need.kind}`);
    }
  };
}
