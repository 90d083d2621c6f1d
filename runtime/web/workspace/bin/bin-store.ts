import { defineStore } from 'pinia';
import { api, query } from '../../kit/api/client.ts';
import type { Person } from '../../kit/records/store.ts';

/** A deleted record as the recycle bin lists it; `title` is null when the person's role hides the title field. */
export interface BinnedRecord {
  id: string;
  entity: string;
  title: string | null;
  owner: Person;
  deletedBy: Person | null;
  deletedAt: string;
  purgeAt: string;
}

/** The recycle bin: deleted records the person may restore or delete for good. */
export const useBinStore = defineStore('recycleBin', () => {
  async function page(entity: string, cursor: string | null): Promise<{ items: BinnedRecord[]; nextCursor: string | null }> {
    return (await api<{ items: BinnedRecord[]; nextCursor: string | null }>('GET', `/recycle-bin${query({ entity: entity || undefined, cursor })}`)).data;
  }
  const path = (r: BinnedRecord) => `/recycle-bin/${encodeURIComponent(r.entity)}/${encodeURIComponent(r.id)}`;
  async function restore(r: BinnedRecord): Promise<void> {
    await api('POST', `${path(r)}/restore`);
  }
  async function purge(r: BinnedRecord): Promise<void> {
    await api('DELETE', path(r));
  }
  return { page, restore, purge };
});
