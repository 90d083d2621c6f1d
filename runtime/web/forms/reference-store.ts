import { defineStore } from 'pinia';
import { api, query } from '../api/client.ts';
import { useConfigStore } from '../config/store.ts';

export interface ReferenceOption {
  id: string;
  title: string;
}
interface RecordItem {
  id: string;
  data: Record<string, unknown>;
}

/** Records a reference field may point at: those of the target entity the person can see. */
export const useReferenceStore = defineStore('references', () => {
  const config = useConfigStore();

  // The configuration view is the signed-in person's, and reloaded when the person or company changes.
  const titleField = async (entity: string) => (await config.load()).entities[entity]?.titleField ?? 'name';

  const toOption = (field: string) => (r: RecordItem): ReferenceOption => ({ id: r.id, title: String(r.data[field] ?? r.id) });

  /** Up to 50 candidates, narrowed by a search text. */
  async function search(entity: string, q: string): Promise<ReferenceOption[]> {
    const field = await titleField(entity);
    const { data } = await api<{ items: RecordItem[] }>('GET', `/records/${entity}${query({ q, limit: 50 })}`);
    return data.items.map(toOption(field));
  }

  /** The title of one referenced record, or null when it is gone or out of the person's sight. */
  async function title(entity: string, id: string): Promise<string | null> {
    const field = await titleField(entity);
    try {
      return toOption(field)((await api<RecordItem>('GET', `/records/${entity}/${encodeURIComponent(id)}`)).data).title;
    } catch {
      return null;
    }
  }

  return { search, title };
});
