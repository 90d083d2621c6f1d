import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../runtime/web/api/client.ts';
import { loadState } from '../../runtime/web/api/load-state.ts';

/** One person's membership of this tenant, as `GET /api/users` lists it. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  team: string | null;
  active: boolean;
  addedAt: string;
}
export interface RoleChoice {
  key: string;
  label: string;
}
export interface NewMember {
  email: string;
  name: string;
  role: string;
  password?: string;
  team?: string | null;
}
export type MemberPatch = Partial<Pick<Member, 'role' | 'team' | 'active'>>;

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
const path = (id: string) => `/users/${encodeURIComponent(id)}`;

/**
 * The tenant's people and the roles they can be given. No endpoint lists role keys and labels to a
 * `manage.users` holder on its own, so the roles come from the draft bundle (`GET /api/config/draft`).
 */
export const useUsersStore = defineStore('users', () => {
  const members = ref<Member[]>([]);
  const roles = ref<RoleChoice[]>([]);
  const { loading, error: loadError, run } = loadState();

  const load = () =>
    run(async () => {
      const [users, draft] = await Promise.all([
        api<{ items: Member[] }>('GET', '/users'),
        api<{ bundle: { roles: Record<string, { label: string }> } }>('GET', '/config/draft'),
      ]);
      members.value = users.data.items;
      roles.value = Object.entries(draft.data.bundle.roles).map(([key, role]) => ({ key, label: role.label }));
    });

  /** Adds a person; `linkedExisting` says the email already had an account, whose name and password stay its own. */
  async function add(body: NewMember): Promise<Member & { linkedExisting: boolean }> {
    const { data } = await api<Omit<Member, 'addedAt'> & { linkedExisting: boolean }>('POST', '/users', body);
    const added = { ...data, addedAt: new Date().toISOString() };
    members.value = [...members.value, added].sort(byName);
    return added;
  }

  async function update(id: string, patch: MemberPatch) {
    const { data } = await api<Pick<Member, 'id' | 'role' | 'team' | 'active'>>('PATCH', path(id), patch);
    members.value = members.value.map((m) => (m.id === id ? { ...m, ...data } : m));
  }

  /** Sets a new password; the server also ends the person's sessions and turns their second factor off. */
  async function setPassword(id: string, password: string) {
    await api('POST', `${path(id)}/password`, { password });
  }

  async function remove(id: string) {
    await api('DELETE', path(id));
    members.value = members.value.filter((m) => m.id !== id);
  }

  /** The role with this key; one the tenant no longer defines comes back named by its key. */
  const roleOf = (key: string): RoleChoice => roles.value.find((r) => r.key === key) ?? { key, label: key };

  return { members, roles, loading, loadError, load, add, update, setPassword, remove, roleOf };
});
