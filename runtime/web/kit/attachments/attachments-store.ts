import { defineStore } from 'pinia';
import { computed } from 'vue';
import { attachmentLimitsOf, MEGABYTE } from '../../../browser-safe/attachment-limits.ts';
import { api, ApiError, query, upload } from '../api/client.ts';
import type { Person } from '../records/store.ts';
import { onSessionChange } from '../session/session-change.ts';
import { useSessionStore } from '../session/store.ts';

/** A file on a record, as the API answers it; `field` is the file field it fills, null for an attachment of the record. */
export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  createdBy: Person;
  createdAt: string;
  field: string | null;
}

/** Where a file goes: a record (or none yet: a new record's form), and maybe one of its file fields. */
export interface FileTarget {
  entity: string;
  recordId: string | null;
  field?: string;
}

const one = (entity: string, id: string) => `/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

/** Files on records and in file fields: list, upload with progress, remove; and the company's limits on them. */
export const useAttachmentsStore = defineStore('attachments', () => {
  const session = useSessionStore();
  // Files seen in this session, by id: a file field shows the name of the file it holds.
  const known = new Map<string, Attachment>();
  const lists = new Map<string, Promise<Attachment[]>>();
  onSessionChange(() => {
    known.clear();
    lists.clear();
  });
  const limits = computed(() => attachmentLimitsOf(session.me?.tenant.settings));

  /** A record's files, newest first (those of fields hidden from the person are never among them). */
  function list(entity: string, recordId: string): Promise<Attachment[]> {
    const key = `${entity}/${recordId}`;
    const load = api<{ items: Attachment[] }>('GET', `${one(entity, recordId)}/attachments`).then(({ data }) => {
      for (const a of data.items) known.set(a.id, a);
      return data.items;
    });
    lists.set(key, load);
    load.catch(() => lists.delete(key));
    return load;
  }

  /**
   * Uploads a file: onto the record (for one of its fields when `field` is given), or, for a record not created yet,
   * to wait for it. A file over the company's size limit is refused at once, in the words the server would use.
   */
  async function add(target: FileTarget, file: File, onProgress?: (done: number) => void): Promise<Attachment> {
    const { maxMegabytes } = limits.value;
    if (file.size > maxMegabytes * MEGABYTE) throw new ApiError(413, 'Body too large', '', [], { maxMegabytes });
    const path = target.recordId
      ? `${one(target.entity, target.recordId)}/attachments${query({ name: file.name, field: target.field })}`
      : `/attachments${query({ name: file.name })}`;
    const { data } = await upload<Attachment>(path, file, onProgress);
    known.set(data.id, data);
    if (target.recordId) lists.delete(`${target.entity}/${target.recordId}`);
    return data;
  }

  async function remove(a: Attachment): Promise<void> {
    await api('DELETE', `/attachments/${encodeURIComponent(a.id)}`);
    known.delete(a.id);
  }

  /** The file `id` as far as the person may see it: one they uploaded here, or one of the record's. */
  async function find(entity: string, recordId: string | null, id: string): Promise<Attachment | undefined> {
    if (known.has(id) || !recordId) return known.get(id);
    const items = await (lists.get(`${entity}/${recordId}`) ?? list(entity, recordId)).catch(() => []);
    return items.find((a) => a.id === id);
  }

  /** Where a file is downloaded (an image: shown) from. */
  const url = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;
  const isImage = (a: Pick<Attachment, 'contentType'>) => a.contentType.startsWith('image/');

  return { limits, list, add, remove, find, url, isImage };
});
