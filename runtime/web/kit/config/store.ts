import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api/client.ts';
import type { Locale, RecordIcon } from '../../../browser-safe/bundle.ts';
import { nounInSentence } from '../i18n/format.ts';
import { onSessionChange } from '../session/session-change.ts';
import { useSessionStore, type Scope } from '../session/store.ts';
import { entityPipelines, type EntityEmail, type FormSchema, type RoleDef, type UiElement } from '../../../browser-safe/bundle.ts';

/** One entity as `GET /api/config` shows it to the caller. */
export interface EntityView {
  label: string;
  pluralLabel?: string;
  titleField: string;
  icon?: RecordIcon;
  form: { schema: FormSchema; uischema: UiElement };
  i18n: Partial<Record<Locale, Record<string, string>>>;
  workflow?: string;
  pipeline?: string;
  /** Further pipelines its records may follow besides `pipeline`. */
  pipelines?: string[];
  validators: string;
  /** Which fields hold addresses, and the templates mail about its records is written from. */
  email?: EntityEmail;
  /** Present when its records have service levels (first response and resolution targets). */
  serviceLevels?: { priorityField: string };
}
export interface WorkflowView {
  initial: string;
  states: Record<string, { label: string; final: boolean; events: string[] }>;
  i18n: Partial<Record<Locale, Record<string, string>>>;
}
export interface StageView {
  key: string;
  label: string;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  requiredFields: string[];
  color: string;
  allowed?: boolean;
}
export interface PipelineView {
  label: string;
  stages: StageView[];
  i18n?: Partial<Record<Locale, Record<string, string>>>;
}
type Action = 'create' | 'read' | 'update' | 'delete' | 'assign';
export interface ConfigView {
  version: number;
  entities: Record<string, EntityView>;
  workflows: Record<string, WorkflowView>;
  pipelines: Record<string, PipelineView>;
  privileges: { entities: Record<string, Record<Action, Scope>>; tasks: string[] };
  role: { key: string; label: string; i18n?: RoleDef['i18n'] };
  /** Feedback forms about records of a type the person may read, by key: their own record type, that type, their title per language. */
  feedbackForms?: Record<string, { entity: string; about: string; title: Partial<Record<Locale, string>> }>;
}

/** Field keys in the order the form's layout shows them; fields the layout leaves out come last. */
function layoutOrder(view: EntityView): string[] {
  const keys: string[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; scope?: unknown; elements?: unknown[] };
    if (n.type === 'Control' && typeof n.scope === 'string') keys.push(n.scope.split('/').at(-1)!);
    n.elements?.forEach(walk);
  };
  walk(view.form.uischema);
  const known = Object.keys(view.form.schema.properties);
  return [...new Set([...keys.filter((k) => known.includes(k)), ...known])];
}

/** The caller's view of the published configuration, with labels in the interface language. */
export const useConfigStore = defineStore('config', () => {
  const config = ref<ConfigView | null>(null);
  const error = ref<unknown>(null);
  let pending: Promise<ConfigView> | null = null;
  // The signed-in person's language: App.vue keeps vue-i18n's locale equal to it, and the picker changes both at once.
  const session = useSessionStore();
  const locale = computed<Locale>(() => session.locale);
  const begin = onSessionChange(() => {
    config.value = null;
    error.value = null;
    pending = null;
  });

  /** Loads the configuration once; `force` fetches it again (e.g. after a publish). */
  function load(force = false): Promise<ConfigView> {
    if (config.value && !force) return Promise.resolve(config.value);
    if (pending) return pending;
    const current = begin();
    const request = api<ConfigView>('GET', '/config')
      .then(({ data }) => {
        if (current()) {
          config.value = data;
          error.value = null;
        }
        return data;
      })
      .catch((e: unknown) => {
        if (current()) error.value = e;
        throw e;
      })
      .finally(() => {
        if (pending === request) pending = null;
      });
    pending = request;
    return request;
  }

  const entityKeys = computed(() => Object.keys(config.value?.entities ?? {}));
  const entity = (key: string): EntityView | undefined => (config.value && Object.hasOwn(config.value.entities, key) ? config.value.entities[key] : undefined);

  /** A text of an entity's translations in the current language, else English, else undefined. */
  function text(key: string, id: string): string | undefined {
    const texts = entity(key)?.i18n;
    return texts?.[locale.value]?.[id] ?? texts?.en?.[id];
  }

  function entityLabel(key: string, plural = false): string {
    const view = entity(key);
    if (plural) return text(key, 'entity.pluralLabel') ?? view?.pluralLabel ?? view?.label ?? key;
    return text(key, 'entity.label') ?? view?.label ?? key;
  }
  /** The entity's name inside a sentence ("12 leads", "New lead"). */
  const entityNoun = (key: string, plural = false) => nounInSentence(entityLabel(key, plural), locale.value);
  const fieldLabel = (key: string, field: string) => text(key, `${field}.label`) ?? entity(key)?.form.schema.properties[field]?.title ?? field;
  /** The name of the list of records of `key` pointing at another through `field`, on that other record's page (none when not named). */
  const reverseLabel = (key: string, field: string) => text(key, `${field}.reverse`);
  const optionLabel = (key: string, field: string, value: unknown) => text(key, `${field}.${String(value)}`) ?? String(value);
  const fieldOrder = (key: string) => {
    const view = entity(key);
    return view ? layoutOrder(view) : [];
  };

  /** The lifecycle status of a record: its workflow state or pipeline stage, with its configured label. */
  /** A pipeline with its own and its stages' labels in the interface language (else English, else as configured). */
  function pipeline(key: string): PipelineView | undefined {
    const found = config.value && Object.hasOwn(config.value.pipelines, key) ? config.value.pipelines[key] : undefined;
    if (!found) return undefined;
    const say = (id: string, fallback: string) => found.i18n?.[locale.value]?.[id] ?? found.i18n?.en?.[id] ?? fallback;
    return { ...found, label: say('label', found.label), stages: found.stages.map((s) => ({ ...s, label: say(`stage.${s.key}`, s.label) })) };
  }

  /** Every pipeline an entity's records may follow, its default first. */
  const pipelinesOf = (key: string): string[] => {
    const view = entity(key);
    return view ? entityPipelines(view) : [];
  };

  function statusOf(key: string, record: { state?: string; stage?: string; pipeline?: string }): { label: string; color?: string } | null {
    const view = entity(key);
    if (view?.pipeline && record.stage) {
      const stage = pipeline(record.pipeline ?? view.pipeline)?.stages.find((s) => s.key === record.stage);
      return { label: stage?.label ?? record.stage, color: stage?.color };
    }
    if (view?.workflow && record.state) return { label: stateLabel(key, record.state) };
    return null;
  }

  /** An entity's workflow, and one of its translations in the interface language, else English. */
  const workflowOf = (key: string) => {
    const name = entity(key)?.workflow;
    return name === undefined ? undefined : config.value?.workflows[name];
  };
  const workflowText = (key: string, id: string) => {
    const texts = workflowOf(key)?.i18n;
    return texts?.[locale.value]?.[id] ?? texts?.en?.[id];
  };
  /** A workflow state's name in the interface language (else English, else as configured, else its key). */
  const stateLabel = (key: string, state: string) => workflowText(key, `state.${state}`) ?? workflowOf(key)?.states[state]?.label ?? state;
  /** A workflow event's name in the interface language; `fallback` is the name the server gave it. */
  const eventLabel = (key: string, type: string, fallback: string) => workflowText(key, `event.${type}`) ?? fallback;
  /** A text a workflow's action wrote (a notification, a follow-up's title) in the interface language, else as written. */
  const actionText = (key: string, text: string) => workflowText(key, `text.${text}`) ?? text;
  const statusKind = (key: string): 'stage' | 'state' | null => (entity(key)?.pipeline ? 'stage' : entity(key)?.workflow ? 'state' : null);
  /** Every status an entity's records can have: its pipeline's stages or its workflow's states, in order. */
  function statuses(key: string): { value: string; label: string }[] {
    const view = entity(key);
    if (view?.pipeline) {
      // Stages of every pipeline the records may follow; a key two pipelines share is listed once.
      const stages = pipelinesOf(key).flatMap((p) => pipeline(p)?.stages ?? []);
      return stages.filter((s, i) => stages.findIndex((x) => x.key === s.key) === i).map((s) => ({ value: s.key, label: s.label }));
    }
    if (view?.workflow) return Object.keys(config.value?.workflows[view.workflow]?.states ?? {}).map((value) => ({ value, label: stateLabel(key, value) }));
    return [];
  }

  const scope = (key: string, action: Action): Scope => config.value?.privileges.entities[key]?.[action] ?? 'none';

  return {
    config,
    error,
    load,
    locale,
    entityKeys,
    entity,
    entityLabel,
    entityNoun,
    fieldLabel,
    reverseLabel,
    optionLabel,
    fieldOrder,
    pipeline,
    pipelinesOf,
    statusOf,
    statusKind,
    workflowOf,
    stateLabel,
    eventLabel,
    actionText,
    statuses,
    scope,
  };
});
