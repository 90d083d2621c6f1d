import { useI18n } from 'vue-i18n';
import type { Locale, RoleDef } from '../../runtime/browser-safe/bundle.ts';
import { nounInSentence } from '../../runtime/web/kit/i18n/format.ts';
import { useRoleName } from '../../runtime/web/kit/session/role-name.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { entityName, fieldName } from '../draft/names.ts';
import { rolesOf } from './model.ts';

/** How the role editor names roles, record types and fields in the interface language (the draft's texts first). */
export function useRoleText() {
  const { locale } = useI18n();
  const draft = useDraftStore();
  const roleName = useRoleName();
  const loc = () => locale.value as Locale;

  const entityOf = (key: string) => draft.bundle?.entities[key] ?? draft.published?.entities[key];
  const roleOf = (key: string): RoleDef | undefined => rolesOf(draft.bundle)[key] ?? rolesOf(draft.published)[key];
  /** A role by its key, named as everyone sees it. */
  const role = (key: string) => {
    const r = roleOf(key);
    return r ? roleName({ key, ...r }) : key;
  };
  /** A record type, one ("Lead") or many ("Leads"). */
  const entity = (key: string, many = true) => entityName(entityOf(key), key, loc(), many);
  /** A record type's name inside a sentence ("3 opportunities"). */
  const inSentence = (key: string, many = true) => nounInSentence(entity(key, many), loc());
  /** A field of a record type, by its label. */
  const field = (entityKey: string, key: string) => fieldName(entityOf(entityKey), key, loc());
  return { role, entity, inSentence, field, loc };
}
