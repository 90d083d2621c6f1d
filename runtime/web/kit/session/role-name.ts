import { useI18n } from 'vue-i18n';
import type { RoleDef } from '../../../browser-safe/bundle.ts';
import messages from '../i18n/common-messages.ts';

const SHIPPED: Record<string, string> = messages.en.roleNames;

/**
 * A role's name in the person's language: its own translation when the role has one; else, for a shipped role whose
 * label nobody changed, the shipped translation; else the label as its owner wrote it.
 */
export function useRoleName() {
  const { t, locale } = useI18n();
  return (role: { key: string; label: string; i18n?: RoleDef['i18n'] }) =>
    role.i18n?.[locale.value as keyof NonNullable<RoleDef['i18n']>]?.label ??
    (Object.hasOwn(SHIPPED, role.key) && SHIPPED[role.key] === role.label ? t(`roleNames.${role.key}`) : role.label);
}
