import { watch } from 'vue';
import { useSessionStore, type Me } from './store.ts';

/** Who is signed in where: what a store caching someone's view must be cleared on when it changes. */
const sessionKey = (me: Me | null) => (me ? `${me.user.id}@${me.tenant.id}` : null);

/**
 * Calls `reset` whenever another person or company is signed in, or no one (logout, login, tenant switch).
 * Returns `begin`: call it when a request starts; the check it gives says whether the answer, when it arrives,
 * still belongs to whoever is signed in then, so an answer for the last person never lands in the next one's view.
 */
export function onSessionChange(reset: () => void): () => () => boolean {
  const session = useSessionStore();
  let generation = 0;
  watch(
    () => sessionKey(session.me),
    () => {
      generation++;
      reset();
    },
  );
  return () => {
    const mine = generation;
    return () => mine === generation;
  };
}
