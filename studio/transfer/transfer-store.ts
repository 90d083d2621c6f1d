import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Bundle } from '../../runtime/browser-safe/bundle.ts';
import type { Change } from '../../runtime/browser-safe/diff.ts';
import type { Impact, Mappings } from '../../runtime/browser-safe/impact.ts';
import { mergeBundles, type Removal, type Strategy } from '../../runtime/browser-safe/transfer.ts';
import { api, ApiError, type FieldError } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';
import { readImportFile, type FileProblem, type ImportFile } from './import-file.ts';
import { postJsonText } from './post-text.ts';

/** A dry run's answer (`POST /api/config/import?mode=dry-run`). */
export interface DryRun {
  strategy: Strategy;
  changes: Change[];
  impact: Impact;
  problems: FieldError[];
  removedByReplace: Removal[];
  fromVersion: number;
}
/** One published version of the configuration. */
export interface VersionItem {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
  current: boolean;
  /** What the version changed (none for the first). */
  changes: Pick<Change, 'part' | 'key' | 'change'>[];
}
/** What is being imported: a chosen file, or an earlier version being rolled back to. */
export type Source = { kind: 'file'; file: ImportFile } | { kind: 'version'; version: number; bundle: Bundle };
export type Phase = 'idle' | 'checking' | 'review' | 'applying' | 'done';

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'Error', e instanceof Error ? e.message : String(e)));

/**
 * Export, import and rollback of the configuration: the chosen source, its dry run against this tenant (with
 * the published configuration to compare with), applying it, and the version history.
 */
export const useTransferStore = defineStore('config-transfer', () => {
  const source = shallowRef<Source | null>(null);
  const fileProblem = shallowRef<FileProblem | null>(null);
  const strategy = ref<Strategy>('merge');
  const phase = ref<Phase>('idle');
  const review = shallowRef<DryRun | null>(null);
  const current = shallowRef<Bundle | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const published = ref<number | null>(null);
  const versions = ref<VersionItem[]>([]);
  const history = loadState();

  /** The configuration the import would publish, for the "after" column and the mapping targets. */
  const result = computed<Bundle | null>(() => {
    const incoming = source.value?.kind === 'file' ? (source.value.file.bundle as Bundle) : (source.value?.bundle ?? null);
    if (!incoming || !current.value || !review.value) return incoming;
    return mergeBundles(current.value, incoming, review.value.strategy).result;
  });

  const body = (mappings?: Mappings) => {
    const s = source.value!;
    // Without mappings a file goes as it is; with them it has passed the dry run, so re-encoding loses nothing.
    if (s.kind === 'file' && !mappings) return s.file.text;
    const doc = s.kind === 'file' ? (JSON.parse(s.file.text) as Record<string, unknown>) : { bundle: s.bundle };
    return JSON.stringify(mappings ? { ...doc, mappings } : doc);
  };
  const importPath = (mode: 'dry-run' | 'apply') => `/config/import?mode=${mode}&strategy=${strategy.value}`;

  /** Runs the dry run of the current source and fetches the published configuration it is compared with. */
  async function check(): Promise<void> {
    if (!source.value) return;
    phase.value = 'checking';
    error.value = null;
    review.value = null;
    try {
      const dry = await postJsonText<DryRun>(importPath('dry-run'), body());
      current.value =
        dry.fromVersion > 0
          ? await api<{ bundle: Bundle }>('GET', `/config/versions/${dry.fromVersion}`)
              .then((r) => r.data.bundle)
              .catch(() => null)
          : null;
      review.value = dry;
      phase.value = 'review';
    } catch (e) {
      error.value = asApiError(e);
      phase.value = 'idle';
    }
  }

  /** Reads a chosen file; a readable export is checked at once. */
  async function chooseFile(name: string, text: string): Promise<void> {
    const read = readImportFile(name, text);
    published.value = null;
    error.value = null;
    review.value = null;
    phase.value = 'idle';
    fileProblem.value = 'problem' in read ? read.problem : null;
    source.value = 'file' in read ? { kind: 'file', file: read.file } : null;
    if (source.value) await check();
  }

  /** Loads version `version` and reviews publishing it again (replace: the configuration becomes exactly that version). */
  async function rollback(version: number): Promise<void> {
    published.value = null;
    fileProblem.value = null;
    error.value = null;
    try {
      const { data } = await api<{ bundle: Bundle }>('GET', `/config/versions/${version}`);
      source.value = { kind: 'version', version, bundle: data.bundle };
      strategy.value = 'replace';
      await check();
    } catch (e) {
      error.value = asApiError(e);
    }
  }

  /** Publishes the reviewed import with the chosen mappings; the new version number on success. */
  async function apply(mappings: Mappings): Promise<void> {
    if (!source.value || !review.value) return;
    phase.value = 'applying';
    error.value = null;
    try {
      const done = await postJsonText<{ version: number }>(importPath('apply'), body(mappings));
      published.value = done.version;
      phase.value = 'done';
      source.value = null;
      review.value = null;
      void loadVersions();
    } catch (e) {
      error.value = asApiError(e);
      phase.value = 'review';
    }
  }

  /** Back to the start: no file, no review. */
  function reset(): void {
    source.value = null;
    review.value = null;
    fileProblem.value = null;
    error.value = null;
    phase.value = 'idle';
    strategy.value = 'merge';
    published.value = null;
  }

  const loadVersions = () =>
    history.run(async () => {
      versions.value = (await api<{ items: VersionItem[] }>('GET', '/config/versions')).data.items;
    });

  return {
    source,
    fileProblem,
    strategy,
    phase,
    review,
    current,
    result,
    error,
    published,
    versions,
    versionsLoading: history.loading,
    versionsError: history.error,
    check,
    chooseFile,
    rollback,
    apply,
    reset,
    loadVersions,
  };
});
