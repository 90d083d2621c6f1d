import { computed } from 'vue';
import { activeStates, eventLabel } from '../../runtime/browser-safe/workflow-definition.ts';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { entityName as nameOfEntity } from '../draft/names.ts';
import { localCatalog, lookupOf, paramTitle } from './catalog-texts.ts';
import { stateLabel, workflowsOf, WorkflowError, type Workflow } from './model.ts';
import { useWorkflowEditor } from './editor-store.ts';
import { pruneTranslations } from './translations.ts';
import { delayParts, msParts, type DelayPart } from './delays.ts';
import type { FlatTransition, TransitionKind } from './transitions.ts';

/** A role or field offered in a picker: its key and its name in the interface language. */
export interface Choice {
  key: string;
  label: string;
}

/** The workflow designer's edits as components trigger them (each one undo step), and the names the interface shows. */
export function useWorkflowActions() {
  const { t, te, locale } = useI18n();
  const draft = useDraftStore();
  const editor = useWorkflowEditor();
  const loc = () => locale.value as Locale;

  /** Applies `fn` to the open workflow; false (and the reason as the notice) when the model refuses. */
  function edit(fn: (wf: Workflow) => Workflow, tag?: string): boolean {
    const key = editor.workflowKey;
    try {
      draft.editBundle(
        (b) => {
          const wf = workflowsOf(b)[key];
          // Translations follow the texts: those of a removed state or a changed message go with them.
          const next = wf && pruneTranslations(fn(wf));
          return !next || next === wf ? b : { ...b, workflows: { ...workflowsOf(b), [key]: next } };
        },
        tag && `workflow:${key}:${tag}`,
      );
      editor.notice = null;
      return true;
    } catch (e) {
      if (!(e instanceof WorkflowError)) throw e;
      editor.notice = t(`workflows.errors.${e.code}`);
      return false;
    }
  }

  /** A state's name as lists show it; a state inside another with the names of the states around it: "Working › Waiting". */
  const stateName = (path: string | null | undefined) =>
    path && editor.workflow
      ? activeStates(path)
          .map((p) => stateLabel(editor.workflow!, p))
          .join(' › ')
      : t('workflows.noTarget');

  /** An event as people read it: its translation in the interface language, else its name in words (`SEND_QUOTE` → "Send quote"). */
  const eventText = (type: string) => editor.workflow?.i18n?.[loc()]?.[`event.${type}`] || editor.workflow?.i18n?.en?.[`event.${type}`] || eventLabel(type);

  /** A delay in words: "3 days", "4 hours 30 minutes", "at once"; `after`: as it reads after "after" ("nach 3 Tagen", "after a moment"). */
  function delayText(delay: string, after = false): string {
    const parts = /^\d+$/.test(delay) ? msParts(Number(delay)) : delayParts(delay);
    return parts === null ? delay : partsText(parts, after ? 'delayAfter' : 'delay');
  }
  const partsText = (parts: DelayPart[], group: 'delay' | 'delayAfter') =>
    parts.length ? parts.map((p) => t(`workflows.${group}.${p.unit}`, { n: p.n }, p.n)).join(' ') : t(`workflows.${group}.now`);

  /** What fires a transition, in words: the event name, "after 3 days" or "automatically". */
  function triggerText(kind: TransitionKind, key: string): string {
    if (kind === 'after') return t('workflows.trigger.afterText', { time: delayText(key, true) });
    return kind === 'always' ? t('workflows.trigger.alwaysText') : key;
  }

  /** A transition in one line: "New → In progress on START". */
  const transitionText = (tr: FlatTransition) =>
    t('workflows.transitionText', { from: stateName(tr.state), to: stateName(tr.target), trigger: triggerText(tr.kind, tr.key) });

  /** The draft's roles, by their label. */
  const roleChoices = computed<Choice[]>(() =>
    Object.entries((draft.bundle?.roles ?? {}) as Record<string, { label?: string }>).map(([key, r]) => ({ key, label: r.label || key })),
  );
  /** The fields of the entity that follows this workflow, named as its form names them. */
  const fieldChoices = computed<Choice[]>(() => {
    const e = editor.entity ? draft.bundle?.entities[editor.entity] : undefined;
    if (!e) return [];
    return Object.entries(e.form.schema.properties).map(([key, schema]) => ({
      key,
      label: e.i18n[loc()]?.[`${key}.label`] || e.i18n.en?.[`${key}.label`] || schema.title || key,
    }));
  });
  const text = lookupOf(t, te);
  /** The runtime's guards and actions, their labels, descriptions and parameter titles in the interface language. */
  const catalog = computed(() => {
    const language = locale.value; // read first, so the texts follow a change of language
    return editor.catalog && language ? localCatalog(editor.catalog, text) : null;
  });
  /** A guard's or action's label as lists show it; its name when the catalog does not know it. */
  const entryName = (list: 'guards' | 'actions', name: string) => catalog.value?.[list].find((e) => e.name === name)?.label ?? name;
  /** A parameter's name as problems show it. */
  const paramName = (name: string) => paramTitle(name, editor.catalog, text);
  /** An entity's name in the interface language. */
  const entityName = (key: string | undefined) => (key ? nameOfEntity(draft.bundle?.entities[key], key, loc()) : '');

  return { edit, stateName, eventText, delayText, triggerText, transitionText, roleChoices, fieldChoices, catalog, entryName, paramName, entityName, loc };
}
