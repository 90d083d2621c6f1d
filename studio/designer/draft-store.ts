import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api, ApiError } from '../../runtime/web/kit/api/client.ts';
import { record, redo as redoStep, startHistory, undo as undoStep, type History } from './history.ts';
import type { EntityConfig } from './types.ts';
import type { FormSchema, UiElement } from '../../runtime/browser-safe/bundle.ts';
import type { Impact } from '../../runtime/browser-safe/impact.ts';
import type { AccessChange } from '../../runtime/browser-safe/access-changes.ts';

/** The configuration bundle as the designer edits it: entities it knows, every other part passed through untouched. */
export interface Bundle {
  entities: Record<string, EntityConfig>;
  [part: string]: unknown;
}
interface DraftResponse {
  bundle: Bundle;
  revision: number;
  updatedAt: string;
  publishedVersion: number;
}
/** Where records in states or stages a new version removes go, per entity: `{opportunity: {negotiation: 'proposal'}}`. */
export interface Mappings {
  states?: Record<string, Record<string, string>>;
  stages?: Record<string, Record<string, string>>;
}
/** One difference the server reports between the published bundle and the draft. */
export interface BundleChange {
  part: string;
  key: string;
  change: 'added' | 'removed' | 'changed';
  paths?: string[];
}
/** The dry-run's answer, and the draft revision it was made for. */
export interface Review {
  changes: BundleChange[];
  impact: Impact;
  /** Per person whose role changes a scope: the records they gain or lose. */
  access?: AccessChange[];
  problems: { path: string; message: string }[];
  fromVersion: number;
  revision: number;
}

/**
 * The tenant's draft configuration while the form designer edits it: the working bundle with undo/redo,
 * saving with If-Match (a 412 becomes `conflict`), the published bundle to compare with, review and publish.
 */
export const useDraftStore = defineStore('designer-draft', () => {
  const loading = ref(false);
  const loadError = shallowRef<ApiError | null>(null);
  const history = shallowRef<History<Bundle> | null>(null);
  const saved = shallowRef<Bundle | null>(null);
  const etag = ref<string | null>(null);
  const revision = ref(0);
  const published = shallowRef<Bundle | null>(null);
  const saving = ref(false);
  const saveError = shallowRef<ApiError | null>(null);
  const conflict = ref(false);

  const bundle = computed(() => history.value?.present ?? null);
  const dirty = computed(() => bundle.value !== null && bundle.value !== saved.value);
  const canUndo = computed(() => (history.value?.past.length ?? 0) > 0);
  const canRedo = computed(() => (history.value?.future.length ?? 0) > 0);

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      const { data, etag: tag } = await api<DraftResponse>('GET', '/config/draft');
      const version = data.publishedVersion;
      published.value = version > 0 ? (await api<{ bundle: Bundle }>('GET', `/config/versions/${version}`)).data.bundle : null;
      adopt(data, tag);
      history.value = startHistory(data.bundle);
      saveError.value = null;
      conflict.value = false;
    } catch (e) {
      loadError.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  function adopt(data: DraftResponse, tag: string | null) {
    saved.value = data.bundle;
    etag.value = etagOf(data, tag);
    revision.value = data.revision;
  }

  /** Applies a model edit to entity `key`; a DesignerError from `fn` is thrown to the caller and nothing changes. */
  function edit(key: string, fn: (entity: EntityConfig) => EntityConfig, tag?: string): void {
    const h = history.value;
    const entity = h?.present.entities[key];
    if (!h || !entity) return;
    const next = fn(entity);
    if (next === entity) return;
    history.value = record(h, { ...h.present, entities: { ...h.present.entities, [key]: next } }, tag && `${key}:${tag}`);
  }
  /** Applies an edit to the bundle as a whole (parts other than entities, such as pipelines); a throw from `fn` changes nothing. */
  function editBundle(fn: (bundle: Bundle) => Bundle, tag?: string): void {
    const h = history.value;
    if (!h) return;
    const next = fn(h.present);
    if (next !== h.present) history.value = record(h, next, tag);
  }
  const undo = () => history.value && (history.value = undoStep(history.value));
  const redo = () => history.value && (history.value = redoStep(history.value));

  // A save already on its way is the one callers wait for (e.g. review right after Ctrl+S).
  let inFlight: Promise<boolean> | null = null;
  /** Saves the working bundle; true when saved. A 412 sets `conflict`, other refusals `saveError`. */
  function save(): Promise<boolean> {
    inFlight ??= send().finally(() => (inFlight = null));
    return inFlight;
  }

  async function send(): Promise<boolean> {
    const sent = bundle.value;
    if (!sent) return false;
    saving.value = true;
    saveError.value = null;
    try {
      const { data, etag: tag } = await api<DraftResponse>('PUT', '/config/draft', sent, { ifMatch: etag.value ?? undefined });
      adopt({ ...data, bundle: sent }, tag);
      conflict.value = false;
      return true;
    } catch (e) {
      const error = toApiError(e);
      if (error.status === 412) conflict.value = true;
      else saveError.value = error;
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** After a conflict: take the other person's draft, dropping this one's unsaved edits. */
  const reloadTheirs = () => load();

  /** After a conflict: save this draft over theirs (it is read again only for its revision). */
  async function keepMine(): Promise<boolean> {
    try {
      const { data, etag: tag } = await api<DraftResponse>('GET', '/config/draft');
      etag.value = etagOf(data, tag);
    } catch (e) {
      saveError.value = toApiError(e);
      return false;
    }
    return save();
  }

  /** Saves if needed, then asks the server what publishing would change and whom it affects. */
  async function review(): Promise<Review> {
    // Until what is on screen is what the server holds: an edit made during a save needs one more.
    while (dirty.value || conflict.value) if (!(await save())) throw saveError.value ?? new ApiError(412, 'Conflict', '');
    const reviewed = revision.value;
    const { data } = await api<Omit<Review, 'revision'>>('POST', '/config/publish?mode=dry-run', {}, { ifMatch: `"${reviewed}"` });
    return { ...data, revision: reviewed };
  }

  /** Publishes exactly the reviewed revision, with where records in removed stages or states go; returns the new version number and reloads the draft. */
  async function publish(reviewed: Review, mappings?: Mappings): Promise<number> {
    const { data } = await api<{ version: number }>('POST', '/config/publish', mappings ? { mappings } : {}, { ifMatch: `"${reviewed.revision}"` });
    await load();
    return data.version;
  }

  /** Where the preview loads validators for a form being designed (the server precompiles them). */
  async function previewValidators(form: { schema: FormSchema; uischema: UiElement }): Promise<string> {
    return (await api<{ url: string }>('POST', '/forms/preview', form)).data.url;
  }

  return {
    loading,
    loadError,
    bundle,
    published,
    revision,
    dirty,
    saving,
    saveError,
    conflict,
    canUndo,
    canRedo,
    load,
    edit,
    editBundle,
    undo,
    redo,
    save,
    reloadTheirs,
    keepMine,
    review,
    publish,
    previewValidators,
  };
});

/** The ETag of a draft answer, or, without one, the ETag the server makes from its revision. */
const etagOf = (data: DraftResponse, tag: string | null) => tag ?? `"${data.revision}"`;

/** Any failure as an ApiError, so the interface has one shape to show (status 0: not an answer of the server). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'Error', e instanceof Error ? e.message : String(e));
}
