import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';
import type { AuditEntry } from '../../runtime/browser-safe/audit-entry.ts';

export type { AuditEntry };

/** What the trail is narrowed to: an action or its prefix, a time span, a person, a record (named for the chips). */
export interface AuditQuery {
  action: string;
  from: string;
  to: string;
  actor: { id: string; name: string } | null;
  target: { id: string; name: string } | null;
}

/** The query as URL parameters: days from the date inputs become the start of `from` and the end of `to`, in UTC. */
export function auditParams(q: AuditQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (q.action) params.set('action', q.action);
  if (q.from) params.set('from', `${q.from}T00:00:00.000Z`);
  if (q.to) params.set('to', `${q.to}T23:59:59.999Z`);
  if (q.actor) params.set('actor', q.actor.id);
  if (q.target) params.set('target', q.target.id);
  return params;
}

/** The audit trail page's events: the first page of a query, then older pages appended. */
export const useAuditStore = defineStore('audit', () => {
  const events = ref<AuditEntry[]>([]);
  const next = ref<string | null>(null);
  const { loading, error, run } = loadState();
  let params = new URLSearchParams();

  const page = async (cursor?: string) => {
    const query = new URLSearchParams(params);
    if (cursor) query.set('cursor', cursor);
    return (await api<{ items: AuditEntry[]; nextCursor: string | null }>('GET', `/audit?${query}`)).data;
  };
  const load = (q: AuditQuery) =>
    run(async () => {
      params = auditParams(q);
      const first = await page();
      events.value = first.items;
      next.value = first.nextCursor;
    });
  const more = () =>
    run(async () => {
      if (!next.value) return;
      const older = await page(next.value);
      events.value = [...events.value, ...older.items];
      next.value = older.nextCursor;
    });
  return { events, next, loading, error, load, more };
});
