import { computed, ref, shallowRef, type Ref } from 'vue';
import { ApiError, type FieldError } from '../../kit/api/client.ts';
import { useRecordsStore, type RecordItem } from '../../kit/records/store.ts';

type Data = Record<string, unknown>;
/** Why the last save or delete did not go through; `merged` = the other person's version is loaded under the person's edits. */
export type EditProblem = 'invalid' | 'conflict' | 'merged' | 'forbidden' | 'gone' | 'failed';
/** A field both people changed: the other person's value, now replaced by the person's own. */
export interface Overridden {
  field: string;
  theirs: unknown;
}

// A field that is absent and one set to null are the same: both mean "empty".
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys whose value differs between two versions of a record's data. */
function changedKeys(before: Data, after: Data): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !same(before[k], after[k]));
}

/**
 * The state of one record being viewed or edited: what was read (and its ETag), what the form holds now,
 * which fields changed, and saving, deleting and resolving a conflict with someone else's change.
 */
export function useRecordEditor(entity: Ref<string>, id: Ref<string | null>, prefill: () => Data = () => ({})) {
  const records = useRecordsStore();
  const status = ref<'loading' | 'ready' | 'notFound' | 'error'>('loading');
  const loadError = ref<unknown>(null);
  const record = shallowRef<RecordItem | null>(null);
  const baseline = shallowRef<Data>({});
  /** What the form holds now (handed back to it, as JSON Forms expects). */
  const draft = shallowRef<Data>({});
  const serverErrors = shallowRef<FieldError[]>([]);
  const problem = ref<EditProblem | null>(null);
  const overridden = shallowRef<Overridden[]>([]);
  const busy = ref<'saving' | 'deleting' | 'reloading' | null>(null);
  const saved = ref(false);
  /** The ETag of the version on screen: what the next write must name. */
  const etag = ref('');

  const changed = computed(() => changedKeys(baseline.value, draft.value));
  const dirty = computed(() => changed.value.length > 0);

  function show(versioned: { record: RecordItem; etag: string } | null, data?: Data) {
    record.value = versioned?.record ?? null;
    etag.value = versioned?.etag ?? '';
    baseline.value = versioned?.record.data ?? {};
    draft.value = data ?? { ...baseline.value };
    serverErrors.value = [];
  }

  async function load() {
    status.value = 'loading';
    problem.value = null;
    saved.value = false;
    try {
      // A new record may start with values given to it (the account of "new contact for this account").
      if (id.value) show(await records.get(entity.value, id.value));
      else show(null, prefill());
      status.value = 'ready';
    } catch (e) {
      loadError.value = e;
      status.value = e instanceof ApiError && e.status === 404 ? 'notFound' : 'error';
    }
  }

  function change(data: Data) {
    draft.value = data;
  }

  function fail(e: unknown) {
    const status = e instanceof ApiError ? e.status : -1;
    if (e instanceof ApiError && status === 422) serverErrors.value = e.errors;
    const byStatus: Record<number, EditProblem> = { 422: 'invalid', 412: 'conflict', 403: 'forbidden', 404: 'gone' };
    problem.value = byStatus[status] ?? 'failed';
    loadError.value = e;
  }

  /** Creates the record, or sends the changed fields as a merge patch guarded by the ETag; the saved record, or null. */
  /** `pipeline`: for a new record, which of the entity's pipelines it starts in. */
  async function save(pipeline?: string): Promise<RecordItem | null> {
    busy.value = 'saving';
    try {
      const patch = Object.fromEntries(changed.value.map((k) => [k, draft.value[k] ?? null]));
      const result = record.value
        ? await records.update(entity.value, record.value.id, patch, etag.value)
        : await records.create(entity.value, draft.value, pipeline);
      show(result);
      problem.value = null;
      overridden.value = [];
      saved.value = true;
      return result.record;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      busy.value = null;
    }
  }

  async function remove(): Promise<boolean> {
    if (!record.value) return false;
    busy.value = 'deleting';
    try {
      await records.remove(entity.value, record.value.id, etag.value);
      baseline.value = draft.value;
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      busy.value = null;
    }
  }

  /** Loads the other person's version and puts the person's own edits back on top, so they can review and save again. */
  async function loadTheirs() {
    if (!record.value) return;
    const before = baseline.value;
    const mine = Object.fromEntries(changed.value.map((k) => [k, draft.value[k]]));
    busy.value = 'reloading';
    try {
      const fresh = await records.get(entity.value, record.value.id);
      const theirs = fresh.record.data;
      const merged: Data = { ...theirs };
      for (const [k, v] of Object.entries(mine))
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      overridden.value = Object.keys(mine)
        .filter((k) => !same(theirs[k], before[k]) && !same(theirs[k], mine[k]))
        .map((field) => ({ field, theirs: theirs[field] }));
      show(fresh, merged);
      problem.value = 'merged';
    } catch (e) {
      fail(e);
    } finally {
      busy.value = null;
    }
  }

  /** Drops the person's edits and shows the current version. */
  async function discardMine() {
    if (!record.value) return;
    busy.value = 'reloading';
    try {
      show(await records.get(entity.value, record.value.id));
      problem.value = null;
      overridden.value = [];
    } catch (e) {
      fail(e);
    } finally {
      busy.value = null;
    }
  }

  return {
    status,
    loadError,
    record,
    etag,
    show,
    draft,
    serverErrors,
    problem,
    overridden,
    busy,
    saved,
    changed,
    dirty,
    load,
    change,
    save,
    remove,
    loadTheirs,
    discardMine,
  };
}
