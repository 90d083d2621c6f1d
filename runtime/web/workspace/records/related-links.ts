import { ApiError } from '../../kit/api/client.ts';
import type { useRecordsStore } from '../../kit/records/store.ts';

/**
 * Links record `target` to record `holder` of `entity` through its field `field` (which links several records), or
 * unlinks it: the holder is read for its current links and version, then changed like any edit of it — so the server
 * checks the person may change that record and that field, and a change by someone else meanwhile is a 412.
 */
export async function setLink(records: ReturnType<typeof useRecordsStore>, entity: string, holder: string, field: string, target: string, linked: boolean) {
  const { record, etag } = await records.get(entity, holder);
  const current = Array.isArray(record.data[field]) ? (record.data[field] as string[]) : [];
  if (current.includes(target) === linked) return; // so it is already: nothing to write
  const next = linked ? [...current, target] : current.filter((id) => id !== target);
  await records.update(entity, holder, { [field]: next.length ? next : null }, etag);
}

/** Why linking or unlinking failed, as a key of `related.errors`; undefined for any other failure. */
export function linkFailure(error: unknown): 'notAllowed' | 'changed' | 'refused' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 403) return 'notAllowed';
  if (error.status === 412) return 'changed';
  if (error.status === 422) return 'refused';
  return undefined;
}
