import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useDraftStore } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';
import { attachableTo, attachPipeline, detachPipeline, makeDefaultPipeline, pipelinesOfEntity } from './attachments.ts';
import { newPipeline, PipelineError, pipelineLabel } from './model.ts';
import { pipelinesOf, usePipelineEditor } from './editor-store.ts';
import { usePipelineActions } from './use-pipeline-actions.ts';

/** Attaching the open pipeline to record types, detaching it, making it their default, and creating a pipeline for one. */
export function usePipelineUses() {
  const { t } = useI18n();
  const draft = useDraftStore();
  const editor = usePipelineEditor();
  const actions = usePipelineActions();

  /** An entity's plural name as a sentence uses it: lower case except in German, which keeps its capitals. */
  const word = (entity: string) => {
    const name = actions.entityName(entity, true);
    return actions.loc() === 'de' ? name : name.toLowerCase();
  };
  /** Record types the open pipeline can be attached to, by name. */
  const attachable = computed(() =>
    attachableTo(draft.bundle?.entities ?? {}, editor.pipelineKey).map((key) => ({ key, label: actions.entityName(key, true) })),
  );
  /** Entities the pipeline was published for but no longer follows in the draft: their records will need a new stage. */
  const detachedSincePublished = computed(() =>
    Object.entries(draft.published?.entities ?? {}).flatMap(([e, def]) => {
      const now = draft.bundle?.entities[e];
      const follows = (d: EntityConfig | undefined) => !!d && pipelinesOfEntity(d).includes(editor.pipelineKey);
      return follows(def) && !follows(now) ? [e] : [];
    }),
  );

  /** Applies `fn` to entity `entity`; a refusal becomes the notice. */
  function change(entity: string, fn: (def: EntityConfig, key: string) => EntityConfig, said: 'attached' | 'detached' | 'madeDefault'): boolean {
    const key = editor.pipelineKey;
    try {
      draft.edit(entity, (def) => fn(def, key));
    } catch (e) {
      if (!(e instanceof PipelineError)) throw e;
      editor.notice = t(`pipelines.errors.${e.code}`, { detail: e.message });
      return false;
    }
    editor.notice = null;
    const name = editor.pipeline ? pipelineLabel(editor.pipeline, actions.loc()) : key;
    editor.announce(t(`pipelines.usage.announce.${said}`, { name, entities: actions.entityName(entity, true) }));
    return true;
  }
  const attach = (entity: string) => change(entity, attachPipeline, 'attached');
  const detach = (entity: string) => change(entity, detachPipeline, 'detached');
  const makeDefault = (entity: string) => change(entity, makeDefaultPipeline, 'madeDefault');

  /** Adds a pipeline named `label` for record type `entity` (none: for no record type yet) and opens it; returns its key. */
  function create(label: string, entity: string | null): string {
    const names = { open: t('pipelines.newStage'), won: t('pipelines.kinds.won'), lost: t('pipelines.kinds.lost') };
    const { key, pipeline } = newPipeline(label.trim(), new Set(Object.keys(editor.pipelines)), names);
    // One edit, so one undo takes back both the pipeline and its attachment.
    draft.editBundle((b) => {
      const def = entity ? b.entities[entity] : undefined;
      const entities = entity && def ? { ...b.entities, [entity]: attachPipeline(def, key) } : b.entities;
      return { ...b, entities, pipelines: { ...pipelinesOf(b), [key]: pipeline } };
    });
    editor.pipelineKey = key;
    editor.selected = 0;
    return key;
  }

  return { word, attachable, detachedSincePublished, attach, detach, makeDefault, create };
}
