import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client.ts';
import { loadState } from '../api/load-state.ts';

export type Security = 'tls' | 'starttls' | 'none';

/** How a mail server is reached (never its password: the API does not send it back). */
export interface ServerSettings {
  host: string;
  port: number;
  security: Security;
  user: string;
}

/** A mailbox as `GET /api/mailboxes` lists it, with how its sync stands. */
export interface Mailbox {
  id: string;
  name: string;
  address: string;
  personal: boolean;
  imap: ServerSettings;
  smtp: ServerSettings | null;
  folders: string[];
  status: {
    lastSyncAt: string | null;
    messages: number;
    progress: { done: number; total: number } | null;
    lastError: string | null;
    /** Mail written from this mailbox that has not gone out: still tried, or given up on; and the last reason. */
    unsent: { waiting: number; failed: number; lastError: string | null };
  };
}

/** What connecting a mailbox sends: a password only when it is set or changed; `personal` for one's own. */
export interface MailboxInput {
  name: string;
  address: string;
  personal?: boolean;
  imap: ServerSettings & { password?: string };
  smtp: (ServerSettings & { password?: string }) | null;
  folders?: string[];
}
/** What changing (or trying) a connected mailbox sends: passwords left out are the stored ones; `folders: null` means the default ones. */
export type MailboxPatch = Partial<Omit<MailboxInput, 'personal' | 'folders'>> & { folders?: string[] | null };

/** How often the page asks again while a sync runs or is awaited. */
const POLL_MS = 2000;
/** How long a sync asked for is awaited before the page stops asking (the server may have failed it quietly). */
const AWAIT_SYNC_MS = 60_000;

/**
 * The mailboxes one manages (`/api/mailboxes`: the company's shared ones for `email.sync` holders, and one's own): list,
 * try, connect, change, sync, disconnect; and, while one syncs or a sync was asked for, the list asked again every two
 * seconds.
 */
export const useMailboxesStore = defineStore('mailboxes', () => {
  const mailboxes = ref<Mailbox[]>([]);
  const loaded = ref(false);
  const { loading, error: loadError, run } = loadState();
  // Syncs asked for: how the mailbox stood then, until its last sync changes or the wait runs out.
  const asked = new Map<string, { lastSyncAt: string | null; lastError: string | null; until: number }>();
  const requested = ref<string[]>([]);

  function show(items: Mailbox[]) {
    mailboxes.value = items;
    loaded.value = true;
    for (const [id, before] of asked) {
      const box = items.find((b) => b.id === id);
      if (!box || box.status.lastSyncAt !== before.lastSyncAt || box.status.lastError !== before.lastError || Date.now() > before.until) asked.delete(id);
    }
    requested.value = [...asked.keys()];
  }
  const fetchAll = async () => show((await api<{ items: Mailbox[] }>('GET', '/mailboxes')).data.items);

  const load = () => run(fetchAll).then(() => void follow());

  /** Whether a mailbox's sync is running, has not happened yet, or was asked for. */
  const syncing = (box: Mailbox) => box.status.progress !== null || box.status.lastSyncAt === null || asked.has(box.id);

  let following = false;
  let wanted = false;
  /** Asks for the list every two seconds while any mailbox is syncing (a failed ask keeps what is shown). */
  async function follow() {
    wanted = true;
    if (following) return;
    following = true;
    try {
      while (wanted && mailboxes.value.some(syncing)) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (wanted) await fetchAll().catch(() => undefined);
      }
    } finally {
      following = false;
    }
  }
  /** Stops asking (the page is left). */
  const unfollow = () => void (wanted = false);

  const awaitSync = (box: Mailbox) =>
    asked.set(box.id, { lastSyncAt: box.status.lastSyncAt, lastError: box.status.lastError, until: Date.now() + AWAIT_SYNC_MS });

  /** The folders that would be synced with these settings (a connected mailbox's `id`: with its stored passwords). */
  async function test(input: MailboxInput | MailboxPatch, id?: string): Promise<string[]> {
    const path = id ? `/mailboxes/${encodeURIComponent(id)}/test` : '/mailboxes/test';
    return (await api<{ folders: string[] }>('POST', path, input)).data.folders;
  }

  async function connect(input: MailboxInput): Promise<Mailbox> {
    const { data } = await api<Mailbox>('POST', '/mailboxes', input);
    show([...mailboxes.value, data].sort((a, b) => a.name.localeCompare(b.name)));
    void follow();
    return data;
  }

  async function change(id: string, patch: MailboxPatch): Promise<Mailbox> {
    const { data } = await api<Mailbox>('PATCH', `/mailboxes/${encodeURIComponent(id)}`, patch);
    // Changed settings are synced again at once.
    awaitSync(data);
    // The answer does not count unsent mail (always none): the counts shown stay until the list is asked again.
    show(mailboxes.value.map((b) => (b.id === id ? { ...data, status: { ...data.status, unsent: b.status.unsent } } : b)));
    void follow();
    return data;
  }

  async function sync(box: Mailbox) {
    await api('POST', `/mailboxes/${encodeURIComponent(box.id)}/sync`);
    awaitSync(box);
    requested.value = [...asked.keys()];
    void follow();
  }

  async function disconnect(id: string) {
    await api('DELETE', `/mailboxes/${encodeURIComponent(id)}`);
    show(mailboxes.value.filter((b) => b.id !== id));
  }

  return { mailboxes, loaded, loading, loadError, requested, load, follow, unfollow, test, connect, change, sync, disconnect };
});
