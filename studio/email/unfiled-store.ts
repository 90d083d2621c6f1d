import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, query } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';
import type { RecordItem } from '../../runtime/web/kit/records/store.ts';

/** A message filed on no record yet, as `GET /api/emails?unfiled=true` lists it. */
export interface UnfiledEmail {
  id: string;
  subject: string;
  from: { address: string; name: string };
  recipients: { address: string; name: string }[];
  sentAt: string;
  direction: 'in' | 'out';
  snippet: string;
}
/** A record picked to file a message on: its name, its name told apart from others of that name, and its kind. */
export interface PickedRecord {
  id: string;
  entity: string;
  name: string;
  label: string;
  kind: string;
}
interface Page {
  items: UnfiledEmail[];
  nextCursor: string | null;
}

/**
 * Mail of the mailboxes the person sorts that is filed on no record: newest first, page by page; filing one on a record
 * takes it off the list. Finding the record goes through the global search (`/api/search`).
 */
export const useUnfiledStore = defineStore('unfiledMail', () => {
  const emails = ref<UnfiledEmail[]>([]);
  const nextCursor = ref<string | null>(null);
  const loaded = ref(false);
  const loadingMore = ref(false);
  const { loading, error: loadError, run } = loadState();
  // Whether older pages were asked for: a refresh then keeps them.
  let extended = false;
  const page = async (cursor?: string) => (await api<Page>('GET', `/emails${query({ unfiled: true, cursor })}`)).data;

  const load = () =>
    run(async () => {
      const first = await page();
      emails.value = first.items;
      nextCursor.value = first.nextCursor;
      loaded.value = true;
      extended = false;
    });

  async function more() {
    if (!nextCursor.value) return;
    loadingMore.value = true;
    try {
      const next = await page(nextCursor.value);
      const known = new Set(emails.value.map((e) => e.id));
      emails.value = [...emails.value, ...next.items.filter((e) => !known.has(e.id))];
      nextCursor.value = next.nextCursor;
      extended = true;
    } finally {
      loadingMore.value = false;
    }
  }

  /** Takes in what a sync brought: the newest page again, keeping older pages already shown (a failure keeps the list). */
  async function refresh() {
    const first = await page().catch(() => null);
    if (!first) return;
    if (!extended) {
      emails.value = first.items;
      nextCursor.value = first.nextCursor;
      return;
    }
    const fresh = new Set(first.items.map((e) => e.id));
    const oldest = first.items.at(-1)?.sentAt ?? '';
    emails.value = [...first.items, ...emails.value.filter((e) => !fresh.has(e.id) && e.sentAt <= oldest)];
  }

  /** Files a message on a record (`POST /api/emails/:id/links`); it leaves the list. */
  async function file(emailId: string, recordId: string) {
    await api('POST', `/emails/${encodeURIComponent(emailId)}/links`, { record: recordId });
    emails.value = emails.value.filter((e) => e.id !== emailId);
  }

  /** Records whose readable text has these words, per kind, as the global search finds them. */
  async function findRecords(words: string): Promise<{ entity: string; items: RecordItem[] }[]> {
    return (await api<{ groups: { entity: string; items: RecordItem[] }[] }>('GET', `/search${query({ q: words })}`)).data.groups;
  }

  return { emails, nextCursor, loaded, loading, loadingMore, loadError, load, more, refresh, file, findRecords };
});
