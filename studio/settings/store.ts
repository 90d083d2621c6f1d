import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';
import { useSessionStore, type Tenant } from '../../runtime/web/kit/session/store.ts';

export type TenantPatch = { name?: string; settings?: Partial<Tenant['settings']> };

/** The tenant's name and settings (`GET`/`PATCH /api/tenant`; changing them is for owners). */
export const useSettingsStore = defineStore('settings', () => {
  const tenant = ref<Tenant | null>(null);
  const { loading, error: loadError, run } = loadState();

  const load = () =>
    run(async () => {
      tenant.value = (await api<Tenant>('GET', '/tenant')).data;
    });

  /** Saves the changes; the signed-in session sees the new name and default language at once. */
  async function save(patch: TenantPatch) {
    const { data } = await api<Tenant>('PATCH', '/tenant', patch);
    tenant.value = data;
    const session = useSessionStore();
    if (session.me) session.me.tenant = data;
    return data;
  }

  return { tenant, loading, loadError, load, save };
});
