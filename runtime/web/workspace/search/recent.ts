import { useSessionStore } from '../../kit/session/store.ts';

/** A record opened lately, as the person saw its title then. */
export interface Recent {
  entity: string;
  id: string;
  title: string;
}

const MAX = 8;

/** Records the signed-in person opened lately in this company, kept in this browser only, newest first. */
export function useRecent() {
  const session = useSessionStore();
  const key = () => (session.me ? `recent:${session.me.tenant.id}:${session.me.user.id}` : null);
  function list(): Recent[] {
    const k = key();
    try {
      return k ? (JSON.parse(localStorage.getItem(k) ?? '[]') as Recent[]) : [];
    } catch {
      return [];
    }
  }
  function remember(entry: Recent) {
    const k = key();
    if (!k) return;
    const rest = list().filter((r) => !(r.entity === entry.entity && r.id === entry.id));
    localStorage.setItem(k, JSON.stringify([entry, ...rest].slice(0, MAX)));
  }
  return { list, remember };
}
