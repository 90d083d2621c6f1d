import { useI18n } from 'vue-i18n';
import messages from '../i18n/common-messages.ts';

const SHIPPED: Record<string, string> = messages.en.roleNames;

/**
 * A role's name in the person's language. Bundles name roles in one language only, so a shipped role whose label
 * nobody changed is translated here; a renamed or custom role shows as its owner named it.
 */
export function useRoleName() {
  const { t } = useI18n();
  return (role: { key: string; label: string }) =>
    Object.hasOwn(SHIPPED, role.key) && SHIPPED[role.key] === role.label ? t(`roleNames.${role.key}`) : role.label;
}
