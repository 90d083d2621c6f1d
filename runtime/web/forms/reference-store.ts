import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, query } from '../api/client.ts';

export interface ReferenceOption {
  id: string;
  title: string;
}
interface RecordItem {
  id: string;
  data: Record<string, unknown>;
}
interface ConfigView {
  entities: Record<string, { titleField: string }>;
}

/** Records a reference field may point at: those of the target entity the person can see. */
export const useReferenceStore = defineStore('references', () => {
  const titleFields = ref<Record<string, string> | null>(null);

  async function titleField(entity: string): Promise<string> {
    titleFields.value ??= Object.fromEntries(Object.entries((await api<ConfigView>('GET', '/config')).data.entities).map(([k, e]) => [k, e.titleField]));
    return titleFields.value[entity] ?? 'name';
  }

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
