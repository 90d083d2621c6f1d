import { defineStore } from 'pinia';
import { useConfigStore } from '../config/store.ts';
import { useRecordsStore, type RecordItem } from '../records/store.ts';

export interface ReferenceOption {
  id: string;
  title: string;
}

/** Records a reference field may point at: those of the target entity the person can see. */
export const useReferenceStore = defineStore('references', () => {
  const config = useConfigStore();
  const records = useRecordsStore();

  // The configuration view is the signed-in person's, and reloaded when the person or company changes.
  const titleField = async (entity: string) => (await config.load()).entities[entity]?.titleField ?? 'name';

  const toOption =
    (field: string) =>
    (r: RecordItem): ReferenceOption => ({ id: r.id, title: String(r.data[field] ?? r.id) });

  /** Up to 50 candidates, narrowed by a search text. */
  async function search(entity: string, q: string): Promise<ReferenceOption[]> {
    const field = await titleField(entity);
    return (await records.list(entity, { q, limit: 50 })).items.map(toOption(field));
  }

  /** The title of one referenced record, or null when it is gone, out of the person's sight, or cannot be read now. */
  async function title(entity: string, id: string): Promise<string | null> {
    try {
      const field = await titleField(entity);
      return toOption(field)((await records.get(entity, id)).record).title;
    } catch {
      return null;
    }
  }

  return { search, title };
});
