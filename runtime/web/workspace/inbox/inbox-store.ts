import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, query } from '../../kit/api/client.ts';
import type { Person, RecordLink } from '../../kit/records/store.ts';
import { onSessionChange } from '../../kit/session/session-change.ts';

/** A record a task or notification is about; `title` is null when the person's role hides the title field. */
export type RecordRef = RecordLink & { title: string | null };
export interface Task {
  id: string;
  title: string;
  dueAt: string;
  status: 'open' | 'done';
  snoozedUntil: string | null;
  completedAt: string | null;
  assignee: Person;
  record: RecordRef;
}
export interface Notification {
  id: string;
  message: string;
  /** `message`: a workflow's text; `task` / `reminder`: a task given or come due, `message` its title. */
  kind: 'message' | 'task' | 'reminder' | 'email' | 'slaWarning' | 'slaBreach';
  at: string;
  readAt: string | null;
  record: RecordRef | null;
}

/** The person's follow-up tasks and notifications, and how many notifications are unread (for the header). */
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);
  const begin = onSessionChange(() => (unread.value = 0));

  async function tasks(status: 'open' | 'done'): Promise<Task[]> {
    return (await api<{ items: Task[] }>('GET', `/tasks${query({ mine: true, status })}`)).data.items;
  }
  async function complete(id: string): Promise<Task> {
    return (await api<Task>('POST', `/tasks/${encodeURIComponent(id)}/complete`)).data;
  }
  async function snooze(id: string, until: Date): Promise<Task> {
    return (await api<Task>('POST', `/tasks/${encodeURIComponent(id)}/snooze`, { until: until.toISOString() })).data;
  }

  async function notifications(): Promise<Notification[]> {
    const current = begin();
    const { data } = await api<{ items: Notification[]; unread: number }>('GET', '/notifications');
    if (current()) unread.value = data.unread;
    return data.items;
  }
  /** Refreshes the unread count only (cheap enough for every page). */
  async function refreshUnread(): Promise<void> {
    const current = begin();
    const { data } = await api<{ unread: number }>('GET', `/notifications${query({ unread: true })}`);
    if (current()) unread.value = data.unread;
  }
  async function markRead(id: string): Promise<void> {
    await api('POST', `/notifications/${encodeURIComponent(id)}/read`);
    unread.value = Math.max(0, unread.value - 1);
  }
  async function markAllRead(): Promise<void> {
    await api('POST', '/notifications/read-all');
    unread.value = 0;
  }

  return { unread, tasks, complete, snooze, notifications, refreshUnread, markRead, markAllRead };
});
