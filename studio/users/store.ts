import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';

/** One person's membership of this tenant, as `GET /api/users` lists it. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  /** Every role they hold, `role` first; their privileges are the union. */
  roles: string[];
  team: string | null;
  active: boolean;
  addedAt: string;
}
export interface RoleChoice {
  key: string;
  label: string;
}
/** An invitation waiting for its person, as `GET /api/users/invitations` lists it. */
export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: string;
  team: string | null;
  invitedBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}
export type NewInvitation = Pick<Invitation, 'email' | 'name' | 'role'> & { team?: string | null };
/** A link shown once (it is stored only hashed): an invitation's or a password reset's. */
export interface OnceLink {
  link: string;
  expiresAt: string;
  /** Whether the runtime mailed it too (it has SMTP settings). */
  emailed: boolean;
}
export type MemberPatch = Partial<Pick<Member, 'role' | 'roles' | 'team' | 'active'>>;

const path = (id: string) => `/users/${encodeURIComponent(id)}`;

const byNewest = (a: Invitation, b: Invitation) => b.createdAt.localeCompare(a.createdAt);

/**
 * The tenant's people, their pending invitations and the roles they can be given. No endpoint lists role keys and labels
 * to a `manage.users` holder on its own, so the roles come from the draft bundle (`GET /api/config/draft`).
 */
export const useUsersStore = defineStore('users', () => {
  const members = ref<Member[]>([]);
  const invitations = ref<Invitation[]>([]);
  const roles = ref<RoleChoice[]>([]);
  const teams = ref<{ key: string; name: string }[]>([]);
  const { loading, error: loadError, run } = loadState();

  const load = () =>
    run(async () => {
      const [users, pending, draft, teamList] = await Promise.all([
        api<{ items: Member[] }>('GET', '/users'),
        api<{ items: Invitation[] }>('GET', '/users/invitations'),
        api<{ bundle: { roles: Record<string, { label: string }> } }>('GET', '/config/draft'),
        api<{ items: { key: string; name: string }[] }>('GET', '/teams'),
      ]);
      teams.value = teamList.data.items;
      members.value = users.data.items;
      invitations.value = pending.data.items;
      roles.value = Object.entries(draft.data.bundle.roles).map(([key, role]) => ({ key, label: role.label }));
    });

  /** Invites a person (replacing an earlier invitation of the same email); the link comes back this once. */
  async function invite(body: NewInvitation): Promise<OnceLink & { invitation: Invitation }> {
    const { data } = await api<{ invitation: Invitation; link: string; emailed: boolean }>('POST', '/users', body);
    invitations.value = [data.invitation, ...invitations.value.filter((i) => i.email.toLowerCase() !== body.email.toLowerCase())].sort(byNewest);
    return { ...data, expiresAt: data.invitation.expiresAt };
  }

  async function revoke(id: string) {
    await api('DELETE', `/users/invitations/${encodeURIComponent(id)}`);
    invitations.value = invitations.value.filter((i) => i.id !== id);
  }

  async function update(id: string, patch: MemberPatch) {
    const { data } = await api<Pick<Member, 'id' | 'role' | 'roles' | 'team' | 'active'>>('PATCH', path(id), patch);
    members.value = members.value.map((m) => (m.id === id ? { ...m, ...data } : m));
  }

  /** Sets a new password; the server also ends the person's sessions and turns their second factor off. */
  async function setPassword(id: string, password: string) {
    await api('POST', `${path(id)}/password`, { password });
  }

  /** A one-time link for the person to choose a new password themselves. */
  async function resetLink(id: string): Promise<OnceLink> {
    return (await api<OnceLink>('POST', `${path(id)}/password-reset`)).data;
  }

  /** Ends every session the person has in this company (owners only). */
  const endSessions = async (id: string) => void (await api('POST', `${path(id)}/sessions/end`));

  async function remove(id: string) {
    await api('DELETE', path(id));
    members.value = members.value.filter((m) => m.id !== id);
  }

  /** The role with this key; one the tenant no longer defines comes back named by its key. */
  const roleOf = (key: string): RoleChoice => roles.value.find((r) => r.key === key) ?? { key, label: key };

  return { members, invitations, roles, teams, loading, loadError, load, invite, revoke, update, setPassword, resetLink, endSessions, remove, roleOf };
});
