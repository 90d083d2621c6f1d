import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';

/** What a token may do: everything its creator's role allows, reading only, or configuration export and import only. */
export type TokenAccess = 'full' | 'read' | 'config';

/** An API token as `GET /api/tokens` lists it: never its secret. */
export interface ApiToken {
  id: string;
  name: string;
  access: TokenAccess;
  createdBy: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A token just created: the secret, shown this once. */
export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string | null;
}

/** The company's API tokens (`/api/tokens`, for `manage.users` holders): list, create, revoke. */
export const useTokensStore = defineStore('tokens', () => {
  const tokens = ref<ApiToken[]>([]);
  const { loading, error: loadError, run } = loadState();

  const load = () =>
    run(async () => {
      tokens.value = (await api<{ items: ApiToken[] }>('GET', '/tokens')).data.items;
    });

  async function create(body: { name: string; access: TokenAccess; expiresAt: string | null }): Promise<CreatedToken> {
    const { data } = await api<CreatedToken>('POST', '/tokens', body);
    await load();
    return data;
  }

  async function revoke(id: string) {
    await api('DELETE', `/tokens/${encodeURIComponent(id)}`);
    await load();
  }

  return { tokens, loading, loadError, load, create, revoke };
});
