import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client.ts';
import { onSessionChange } from '../session/session-change.ts';
import type { Tenant } from '../session/store.ts';
import type { RoleDef } from '../../../browser-safe/bundle.ts';

/** An invitation as the invited person sees it. */
export interface Invitation {
  id: string;
  email: string;
  name: string;
  tenant: { name: string; slug: string };
  role: { key: string; label: string; i18n?: RoleDef['i18n'] };
  invitedBy: { name: string };
  expiresAt: string;
}
/** What joining through a link asks: a new account (name, password) or the existing one's password (and code). */
export type Joining = { account: 'new'; name: string; password: string } | { account: 'existing'; password: string; totp?: string };

/** Invitations addressed to the signed-in person, and joining a company through an invitation link. */
export const useInvitationsStore = defineStore('invitations', () => {
  const mine = ref<Invitation[]>([]);
  /**
   * The last answer given, for the banner to say so. Kept here, not in the banner: the page (and the banner with it)
   * may change while the answer is on its way, as when the start page opens the first list.
   */
  const answered = ref<{ tenant: { slug?: string; name: string }; accepted: boolean } | null>(null);
  const begin = onSessionChange(() => {
    mine.value = [];
    answered.value = null;
  });

  async function load() {
    const current = begin();
    const { items } = (await api<{ items: Invitation[] }>('GET', '/invitations')).data;
    if (current()) mine.value = items;
  }
  /** Accepts: the person becomes a member of that company too; returns it, to open it. */
  async function accept(id: string): Promise<Pick<Tenant, 'slug' | 'name'>> {
    const { data } = await api<{ tenant: Tenant }>('POST', `/invitations/${encodeURIComponent(id)}/accept`);
    mine.value = mine.value.filter((i) => i.id !== id);
    return data.tenant;
  }
  async function decline(id: string) {
    await api('POST', `/invitations/${encodeURIComponent(id)}/decline`);
    mine.value = mine.value.filter((i) => i.id !== id);
  }

  /** The invitation behind a link's token (404 when it was used, revoked or has expired). */
  const byLink = async (token: string) => (await api<Invitation>('POST', '/invitations/link', { token })).data;
  /** Joins through the link; the answer starts a session in the inviting company. */
  const join = async (token: string, joining: Joining) => void (await api('POST', '/invitations/link/accept', { token, ...joining }));
  /** Turns the invitation down through the link, account or not. */
  const declineLink = async (token: string) => void (await api('POST', '/invitations/link/decline', { token }));

  return { mine, answered, load, accept, decline, byLink, join, declineLink };
});
