import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { onUnauthorized } from '../kit/api/client.ts';
import { useSessionStore } from '../kit/session/store.ts';

const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('./auth/LoginPage.vue'), meta: { public: true } },
  { path: '/signup', component: () => import('./auth/SignupPage.vue'), meta: { public: true } },
  { path: '/invite', component: () => import('./invitations/InvitePage.vue'), meta: { public: true } },
  { path: '/reset-password', component: () => import('./auth/ResetPasswordPage.vue'), meta: { public: true } },
  { path: '/', component: () => import('./records/HomePage.vue') },
  { path: '/records/:entity', component: () => import('./records/ListPage.vue'), props: true },
  { path: '/records/:entity/import', component: () => import('./imports/ImportPage.vue'), props: true },
  { path: '/records/:entity/board', component: () => import('./records/BoardPage.vue'), props: true },
  { path: '/records/:entity/new', component: () => import('./records/RecordPage.vue'), props: (r) => ({ entity: r.params.entity, id: null }) },
  { path: '/records/:entity/:id', component: () => import('./records/RecordPage.vue'), props: true },
  { path: '/tasks', component: () => import('./inbox/TasksPage.vue') },
  { path: '/notifications', component: () => import('./inbox/NotificationsPage.vue') },
  { path: '/reports', component: () => import('./reports/ReportsPage.vue') },
  { path: '/reports/service-levels', component: () => import('./service-levels/CompliancePage.vue') },
  { path: '/reports/feedback', component: () => import('./feedback/FeedbackReportPage.vue') },
  { path: '/mail', component: () => import('./email/MailPage.vue') },
  { path: '/recycle-bin', component: () => import('./bin/RecycleBinPage.vue') },
  { path: '/account', component: () => import('./account/AccountPage.vue') },
  { path: '/:rest(.*)*', component: () => import('./records/NotFoundPage.vue') },
];

/** The workspace's pages; everything but login, sign-up and the invitation and reset links needs a session. */
export function makeRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    // Who is signed in cannot be found out (the server unreachable): App.vue says so in place of the page.
    if (!session.loaded) await session.load().catch(() => undefined);
    if (!session.loaded) return true;
    if (!to.meta.public && !session.me) return { path: '/login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    // Until the second factor the company requires is set up, setting it up is all there is to do.
    if (!to.meta.public && session.me?.secondFactorRequired && to.path !== '/account') return '/account';
    return true;
  });
  onUnauthorized(() => {
    const session = useSessionStore();
    // The first look at the session answers 401 to anyone not signed in yet: the guard above deals with that.
    if (!session.loaded) return;
    session.me = null;
    const here = router.currentRoute.value;
    if (!here.meta.public) void router.push({ path: '/login', query: { next: here.fullPath, ended: '1' } });
  });
  return router;
}
