import { defineStore } from 'pinia';
import { api } from '../../kit/api/client.ts';
import type { Need } from '../../../browser-safe/workflow-definition.ts';
import type { RecordItem, Versioned } from '../../kit/records/store.ts';

export interface StateRef {
  key: string;
  label: string;
}
/** Where a record stands in its workflow and what the person may fire now (`GET …/events`). */
export interface RecordEvents {
  state: StateRef;
  final: boolean;
  events: { type: string; label: string; target: StateRef }[];
  /** Events the person's role could fire whose conditions do not hold now, with what they need. */
  blocked: { type: string; label: string; target: StateRef; needs: Need[] }[];
}

const path = (entity: string, id: string) => `/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/events`;

/** Workflow events of records over the HTTP API. */
export const useEventsStore = defineStore('workflow-events', () => {
  async function events(entity: string, id: string): Promise<RecordEvents> {
    return (await api<RecordEvents>('GET', path(entity, id))).data;
  }

  /** Fires an event guarded by the ETag the person last read; the record as it is afterwards (null when it left their scope). */
  async function fire(entity: string, id: string, type: string, etag: string): Promise<Versioned | null> {
    const res = await api<RecordItem | null>('POST', path(entity, id), { type }, { ifMatch: etag });
    return res.data ? { record: res.data, etag: res.etag ?? `"${res.data.version}"` } : null;
  }

  return { events, fire };
});
