import { useI18n } from 'vue-i18n';
import type { Locale, WorkflowDef } from '../../runtime/browser-safe/bundle.ts';
import { stateLabel } from '../../runtime/browser-safe/workflow-definition.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { useRoleText } from '../roles/use-role-text.ts';

/** How the service level editor names things in the interface language: record types, fields, their values, workflow states, roles. */
export function useLevelNames() {
  const { locale } = useI18n();
  const draft = useDraftStore();
  const names = useRoleText();
  const loc = () => locale.value as Locale;
  const entityOf = (key: string) => draft.bundle?.entities[key] ?? draft.published?.entities[key];
  const workflowOf = (key: string) => {
    const wf = entityOf(key)?.workflow;
    const all = { ...(draft.published?.workflows as object), ...(draft.bundle?.workflows as object) } as Record<string, WorkflowDef>;
    return typeof wf === 'string' ? all[wf] : undefined;
  };

  /** A value of a choice field ("High"), as the form's translations name it. */
  const value = (entity: string, field: string, v: string) => {
    const i18n = entityOf(entity)?.i18n;
    return i18n?.[loc()]?.[`${field}.${v}`] || i18n?.en?.[`${field}.${v}`] || v;
  };
  /** A workflow state of the record type ("Waiting on customer"). */
  const state = (entity: string, path: string) => {
    const wf = workflowOf(entity);
    if (!wf) return path;
    return wf.i18n?.[loc()]?.[`state.${path}`] || wf.i18n?.en?.[`state.${path}`] || stateLabel(wf, path);
  };
  return { ...names, value, state };
}
