import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { onUnauthorized } from '../runtime/web/kit/api/client.ts';
import { useSessionStore } from '../runtime/web/kit/session/store.ts';
import { PAGES, type StudioPage } from './pages.ts';

/** Whether the signed-in person may open a page: the API checks the same privileges again. */
export function mayOpen(page: Pick<StudioPage, 'needs'>): boolean {
  const session = useSessionStore();
  return page.needs.some((need) => (need === 'owner' ? session.isOwner : session.hasTask(need)));
}

const toLogin = (to: RouteLocationNormalized) => window.location.assign(`/login?next=${encodeURIComponent(to.fullPath)}`);

/** The studio's pages. Not signed in → the workspace's login; no studio privilege → turned away; a page without its privilege → back home with a message. */
export function makeRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/studio', component: () => import('./home/HomePage.vue') },
      { path: '/studio/denied', component: () => import('./home/DeniedPage.vue'), meta: { open: true } },
      ...PAGES.map((p) => ({ path: p.path, component: p.component, meta: { needs: p.needs } })),
      { path: '/studio/:rest(.*)*', redirect: '/studio' },
    ],
  });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    // Who is signed in cannot be found out (the server unreachable): App.vue says so in place of the page.
    if (!session.loaded) await session.load().catch(() => undefined);
    if (!session.loaded) return true;
    if (!session.me) {
      toLogin(to);
      return false;
    }
    if (to.meta.open) return true;
    // A second factor the company requires comes first; it is set up in the workspace's account page.
    if (session.me.secondFactorRequired) {
      window.location.assign('/account');
      return false;
    }
    if (!session.canUseStudio) return '/studio/denied';
    const needs = to.meta.needs as readonly string[] | undefined;
    if (needs && !mayOpen({ needs })) return { path: '/studio', query: { denied: to.path } };
    return true;
  });
  onUnauthorized(() => toLogin(router.currentRoute.value));
  return router;
}
