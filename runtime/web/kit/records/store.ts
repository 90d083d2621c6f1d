import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, query } from '../api/client.ts';
import { onSessionChange } from '../session/session-change.ts';

export interface Person {
  id: string;
  name: string;
}
/** A record as it travels (see the API contract); `data` holds only the fields the reader may see. */
export interface RecordItem {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  owner: Person;
  createdBy: Person;
  pipeline?: string;
  stage?: string;
  state?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What the reader may do to it now; only on a record read on its own. */
  may?: { update: boolean; delete: boolean; assign: boolean };
}
export interface ListParams {
  q?: string;
  filter?: Record<string, unknown> | null;
  sort?: string;
  limit?: number;
  cursor?: string | null;
  /** Ask for the total count of the query too (it costs the server a count). */
  count?: boolean;
  /** A person (user id) whose view of the list to show: for people who manage users and read every record. */
  as?: string;
}
export interface RecordPage {
  items: RecordItem[];
  nextCursor: string | null;
  total?: number;
}
/** A record together with the ETag that guards the next write. */
export interface Versioned {
  record: RecordItem;
  etag: string;
}
export type FieldChange = { before?: unknown; after?: unknown };
/** One timeline entry; which optional parts it carries depends on `kind` (runtime/records/timeline.ts). */
export interface TimelineEntry {
  id?: string;
  at: string;
  kind: string;
  actor: Person | null;
  changes?: Record<string, FieldChange>;
  text?: string;
  ownerId?: FieldChange;
  /** Set on what a service level's mark did: which clock reached which mark. */
  sla?: { clock: 'firstResponse' | 'resolution'; mark: 'warning' | 'breach' };
  /** `transition`: the event (null when taken automatically) and the states; `moved`: the stages. */
  event?: string | null;
  from?: { key: string; label: string } & Partial<RecordLink>;
  to?: { key: string; label: string };
  /** `task`: the follow-up created, or completed when `completed`. */
  task?: { id: string; title: string; dueAt?: string; assignee?: string };
  completed?: boolean;
  /** `remapped`: which of the two a publish moved the record out of. */
  part?: 'state' | 'stage';
  /** `activity`: a call, meeting or email logged by hand. */
  activity?: 'call' | 'meeting' | 'email';
  subject?: string;
  notes?: string;
  happenedAt?: string;
  durationMinutes?: number | null;
  /** `converted`: on the lead, the records created from it; on each of those, `from` names the lead. */
  created?: RecordLink[];
  /** `email`: a message filed on the record (read it through the email store). */
  email?: { id: string; subject: string; from: string; direction: 'in' | 'out' };
  /** `attachment`: a file added or removed, and the file field it fills (null: an attachment of the record). */
  action?: 'added' | 'removed';
  attachment?: { id: string; name: string; contentType: string; size: number };
  field?: string | null;
  /** `submitted`: the public form (key) the record was sent through, and its title then. */
  form?: string;
  title?: string;
  /** `email` written by a workflow that could not be: why, and the template it was to use. */
  failed?: 'noTemplate' | 'noAddress' | 'noMailbox';
  template?: string;
}
export interface RecordLink {
  entity: string;
  id: string;
}
export interface TimelinePage {
  items: TimelineEntry[];
  nextCursor: string | null;
}

const base = (entity: string) => `/records/${encodeURIComponent(entity)}`;
const one = (entity: string, id: string) => `${base(entity)}/${encodeURIComponent(id)}`;
// A record read from the API always carries an ETag; its version is the fallback should a proxy drop it.
const versioned = (data: RecordItem, etag: string | null): Versioned => ({ record: data, etag: etag ?? `"${data.version}"` });

/** Records of every entity over the HTTP API: list, read, write, delete, timeline, notes; and the people directory. */
export const useRecordsStore = defineStore('records', () => {
  const people = ref<Person[]>([]);
  let directoryLoad: Promise<Person[]> | null = null;
  const begin = onSessionChange(() => {
    people.value = [];
    directoryLoad = null;
  });

  /** One page of the caller's visible records, with the total count of the query when asked for. */
  async function list(entity: string, params: ListParams): Promise<RecordPage> {
    const filter = params.filter && Object.keys(params.filter).length ? JSON.stringify(params.filter) : undefined;
    const qs = query({ q: params.q?.trim(), filter, sort: params.sort, limit: params.limit, cursor: params.cursor, count: params.count, as: params.as });
    return (await api<RecordPage>('GET', `${base(entity)}${qs}`)).data;
  }

  async function get(entity: string, id: string): Promise<Versioned> {
    const { data, etag } = await api<RecordItem>('GET', one(entity, id));
    return versioned(data, etag);
  }

  /** Creates a record; `pipeline` picks which of the entity's pipelines it starts in (else its default). */
  async function create(entity: string, data: Record<string, unknown>, pipeline?: string): Promise<Versioned> {
    const res = await api<RecordItem>('POST', base(entity), pipeline ? { data, pipeline } : { data });
    return versioned(res.data, res.etag);
  }

  /** Sends a merge patch (null clears a field) guarded by the ETag the person last read. */
  async function update(entity: string, id: string, patch: Record<string, unknown>, etag: string): Promise<Versioned> {
    const res = await api<RecordItem>('PATCH', one(entity, id), { data: patch }, { ifMatch: etag });
    return versioned(res.data, res.etag);
  }

  async function remove(entity: string, id: string, etag: string): Promise<void> {
    await api('DELETE', one(entity, id), undefined, { ifMatch: etag });
  }

  async function timeline(entity: string, id: string, cursor?: string | null): Promise<TimelinePage> {
    return (await api<TimelinePage>('GET', `${one(entity, id)}/timeline${query({ cursor })}`)).data;
  }

  async function addNote(entity: string, id: string, text: string): Promise<void> {
    await api('POST', `${one(entity, id)}/notes`, { text });
  }

  /** The tenant's active people, loaded once per page load (names for owners and timeline entries). */
  function directory(): Promise<Person[]> {
    if (people.value.length) return Promise.resolve(people.value);
    if (directoryLoad) return directoryLoad;
    const current = begin();
    const request = api<{ items: Person[] }>('GET', '/directory')
      .then(({ data }) => (current() ? (people.value = data.items) : data.items))
      .finally(() => {
        if (directoryLoad === request) directoryLoad = null;
      });
    directoryLoad = request;
    return request;
  }
  const personName = (id: string | null | undefined) => people.value.find((p) => p.id === id)?.name;

  return { people, list, get, create, update, remove, timeline, addNote, directory, personName };
});
