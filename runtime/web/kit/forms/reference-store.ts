import { defineStore } from 'pinia';
import { useConfigStore } from '../config/store.ts';
import { useRecordsStore, type RecordItem } from '../records/store.ts';

export interface ReferenceOption {
  id: string;
  title: string;
}

/** Fields that tell records of the same name apart, in the order tried: the first one filled in is shown beside the title. */
const SECOND = ['company', 'email', 'city', 'mailingCity', 'phone'];

/**
 * How a record is named where it is picked or listed: its title (with the first name before a last name, "Ana Ortega"),
 * then the first of company, email, city, phone it has, so three Ortegas can be told apart. Fields the person may not
 * read are absent from the record, so they never show.
 */
export function recordLabel(titleField: string, r: RecordItem): string {
  const text = (key: string) => (typeof r.data[key] === 'string' && r.data[key] !== '' ? (r.data[key] as string) : undefined);
  const name = titleField === 'lastName' && text('firstName') ? `${text('firstName')} ${text(titleField) ?? ''}`.trim() : (text(titleField) ?? r.id);
  const second = SECOND.filter((k) => k !== titleField)
    .map(text)
    .find(Boolean);
  return second ? `${name} · ${second}` : name;
}

/** Records a reference field may point at: those of the target entity the person can see. */
export const useReferenceStore = defineStore('references', () => {
  const config = useConfigStore();
  const records = useRecordsStore();

  // The configuration view is the signed-in person's, and reloaded when the person or company changes.
  const titleField = async (entity: string) => (await config.load()).entities[entity]?.titleField ?? 'name';

  const toOption =
    (field: string) =>
    (r: RecordItem): ReferenceOption => ({ id: r.id, title: recordLabel(field, r) });

  /** Up to 50 candidates, narrowed by a search text. */
  async function search(entity: string, q: string): Promise<ReferenceOption[]> {
    const field = await titleField(entity);
    return (await records.list(entity, { q, limit: 50 })).items.map(toOption(field));
  }

  // Lookups under way: a page naming one record in many places (a timeline's before and after) asks once.
  const asking = new Map<string, Promise<string | null>>();

  /** The title of one referenced record, or null when it is gone, out of the person's sight, or cannot be read now. */
  function title(entity: string, id: string): Promise<string | null> {
    const key = `${entity}/${id}`;
    let answer = asking.get(key);
    if (!answer) {
      answer = (async () => {
        try {
          return toOption(await titleField(entity))((await records.get(entity, id)).record).title;
        } catch {
          return null;
        } finally {
          asking.delete(key);
        }
      })();
      asking.set(key, answer);
    }
    return answer;
  }

  /**
   * A new record of `entity` named by what was typed, for "create new" in a picker: its title field (a person's name
   * split into first and last name), nothing else. The server checks it like any other creation.
   */
  async function create(entity: string, name: string): Promise<ReferenceOption> {
    const field = await titleField(entity);
    const [first, ...rest] = name.trim().split(/\s+/);
    const data = field === 'lastName' && rest.length ? { firstName: first, lastName: rest.join(' ') } : { [field]: name.trim() };
    return toOption(field)((await records.create(entity, data)).record);
  }

  return { search, title, create };
});
