import { defineStore } from 'pinia';
import { api, query } from '../../kit/api/client.ts';
import type { Task } from '../inbox/inbox-store.ts';

export type ActivityKind = 'call' | 'meeting' | 'email';
export interface ActivityDraft {
  kind: ActivityKind;
  subject: string;
  notes?: string;
  at?: string;
  durationMinutes?: number;
}
/** A task on a record, as the record page lists them. */
export type RecordTask = Omit<Task, 'record'>;

const one = (entity: string, id: string) => `/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

/** Activities logged and tasks given on records, and which records have overdue tasks. */
export const useActivitiesStore = defineStore('activities', () => {
  async function log(entity: string, id: string, draft: ActivityDraft): Promise<void> {
    await api('POST', `${one(entity, id)}/activities`, draft);
  }
  async function tasks(entity: string, id: string): Promise<RecordTask[]> {
    return (await api<{ items: RecordTask[] }>('GET', `${one(entity, id)}/tasks`)).data.items;
  }
  async function give(entity: string, id: string, task: { title: string; assigneeId: string; dueAt: string }): Promise<void> {
    await api('POST', `${one(entity, id)}/tasks`, task);
  }
  async function complete(taskId: string): Promise<void> {
    await api('POST', `/tasks/${encodeURIComponent(taskId)}/complete`);
  }
  /** Of these records, the ids of those with an open task past due (200 at a time). */
  async function overdue(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 200) {
      const { data } = await api<{ ids: string[] }>('GET', `/tasks/overdue${query({ ids: ids.slice(i, i + 200).join(',') })}`);
      for (const id of data.ids) found.add(id);
    }
    return found;
  }
  return { log, tasks, give, complete, overdue };
});
