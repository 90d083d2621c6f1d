import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { entityName as nameOfEntity } from '../draft/names.ts';
import { moveStage, PipelineError, stageLabel, type Pipeline } from './model.ts';
import { sharedFields } from './attachments.ts';
import { pipelinesOf, usePipelineEditor } from './editor-store.ts';

/** A form field or role offered as a checkbox: its key and its name in the interface language. */
export interface Choice {
  key: string;
  label: string;
}

/** The pipeline editor's edits as its components trigger them: each one undo step; a refusal becomes the notice. */
export function usePipelineActions() {
  const { t, locale } = useI18n();
  const draft = useDraftStore();
  const editor = usePipelineEditor();
  const loc = () => locale.value as Locale;

  /** Applies `fn` to the open pipeline; false (and the reason as notice) when the model refuses. */
  function edit(fn: (p: Pipeline) => Pipeline, tag?: string): boolean {
    const key = editor.pipelineKey;
    try {
      draft.editBundle(
        (b) => {
          const p = pipelinesOf(b)[key];
          const next = p && fn(p);
          return !next || next === p ? b : { ...b, pipelines: { ...pipelinesOf(b), [key]: next } };
        },
        tag && `pipeline:${key}:${tag}`,
      );
      editor.notice = null;
      return true;
    } catch (e) {
      if (!(e instanceof PipelineError)) throw e;
      editor.notice = t(`pipelines.errors.${e.code}`, { detail: e.message });
      return false;
    }
  }

  /** Stage `index` named in the interface language. */
  const nameOf = (index: number) => {
    const p = editor.pipeline;
    const s = p?.stages[index];
    return p && s ? stageLabel(p, s, loc()) : '';
  };

  /** Stage `index` as lists show it: its name, or "Stage 3 (no name yet)" while it has none. */
  const shownName = (index: number) => nameOf(index).trim() || t('pipelines.unnamed', { n: index + 1 });

  /** Moves stage `from` to `to`, selects it and says where it is now (or that it is at the edge already). */
  function move(from: number, to: number) {
    const p = editor.pipeline;
    if (!p) return;
    const name = shownName(from);
    const target = Math.max(0, Math.min(to, p.stages.length - 1));
    if (moveStage(p, from, target) === p) return editor.announce(t('pipelines.announce.edge', { name }));
    edit((q) => moveStage(q, from, target));
    editor.selected = target;
    editor.announce(t('pipelines.announce.moved', { name, n: target + 1, of: p.stages.length }));
  }

  /** The form fields every record type following this pipeline has (a required field must exist in each), named as the first names them. */
  const fieldChoices = computed<Choice[]>(() => {
    const forms = editor.uses.flatMap((u) => draft.bundle?.entities[u.entity] ?? []);
    const [e, ...rest] = forms;
    if (!e) return [];
    const props = e.form.schema.properties;
    return sharedFields(
      props,
      rest.map((o) => o.form.schema.properties),
    ).map((key) => ({ key, label: e.i18n[loc()]?.[`${key}.label`] || e.i18n.en?.[`${key}.label`] || props[key]?.title || key }));
  });
  /** The draft's roles, by their label. */
  const roleChoices = computed<Choice[]>(() =>
    Object.entries((draft.bundle?.roles ?? {}) as Record<string, { label?: string }>).map(([key, r]) => ({ key, label: r.label || key })),
  );
  /** An entity's name in the interface language, one or many ("Opportunity", "Opportunities"), for the review's sentences. */
  const entityName = (key: string, many: boolean) => nameOfEntity(draft.bundle?.entities[key] ?? draft.published?.entities[key], key, loc(), many);

  return { edit, nameOf, shownName, move, fieldChoices, roleChoices, entityName, loc };
}
