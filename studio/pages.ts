import type { Component } from 'vue';

/** A studio page: where it lives, what it needs, how the navigation names it (an i18n key). */
export interface StudioPage {
  path: string;
  title: string;
  /** Holders of any of these task privileges may open it; `owner` means the owner role only. */
  needs: readonly string[];
  /** Pages of one area share one link in the navigation (to the first the person may open) and show each other as tabs. */
  area?: string;
  component: () => Promise<Component>;
}

/** The page a route shows (the last route record it matched), if it is one of PAGES. */
export const pageOf = (route: { matched: readonly { path: string }[] }) => PAGES.find((p) => p.path === route.matched.at(-1)?.path);

/** The pages of `area` among `pages`. */
export const inArea = (pages: readonly StudioPage[], area: string | undefined) => (area === undefined ? [] : pages.filter((p) => p.area === area));

/** Where a link to the page goes: its path without the optional parameter (`/studio/forms`). */
export const pageLink = (page: StudioPage) => page.path.replace(/\/:\w+\?$/, '');

/** Every studio page; the navigation and the guard both read this list. */
export const PAGES: readonly StudioPage[] = [
  {
    path: '/studio/forms/:entity?',
    title: 'studio.nav.forms',
    needs: ['configure.forms'],
    area: 'forms',
    component: () => import('./designer/DesignerPage.vue'),
  },
  {
    path: '/studio/workflows/:workflow?',
    title: 'studio.nav.workflows',
    needs: ['configure.workflows'],
    component: () => import('./workflows/WorkflowsPage.vue'),
  },
  {
    path: '/studio/service-levels/:entity?',
    title: 'serviceLevels.nav',
    needs: ['configure.workflows'],
    component: () => import('./service-levels/ServiceLevelsPage.vue'),
  },
  {
    path: '/studio/pipelines/:pipeline?',
    title: 'studio.nav.pipelines',
    needs: ['configure.pipelines'],
    component: () => import('./pipelines/PipelinesPage.vue'),
  },
  {
    path: '/studio/web-forms/:form?',
    title: 'studio.nav.webForms',
    needs: ['configure.forms'],
    area: 'forms',
    component: () => import('./public-forms/PublicFormsPage.vue'),
  },
  {
    path: '/studio/record-types/:entity?',
    title: 'studio.nav.recordTypes',
    needs: ['configure.forms'],
    area: 'forms',
    component: () => import('./record-types/RecordTypesPage.vue'),
  },
  { path: '/studio/users', title: 'studio.nav.users', needs: ['manage.users'], area: 'access', component: () => import('./users/UsersPage.vue') },
  { path: '/studio/teams', title: 'studio.nav.teams', needs: ['manage.users'], area: 'access', component: () => import('./teams/TeamsPage.vue') },
  {
    path: '/studio/roles/:role?',
    title: 'studio.nav.roles',
    needs: ['manage.users'],
    area: 'access',
    component: () => import('./roles/RolesPage.vue'),
  },
  { path: '/studio/audit', title: 'studio.nav.audit', needs: ['audit.view'], area: 'access', component: () => import('./audit/AuditPage.vue') },
  { path: '/studio/tokens', title: 'studio.nav.tokens', needs: ['manage.users'], area: 'access', component: () => import('./tokens/TokensPage.vue') },
  {
    path: '/studio/configuration',
    title: 'transfer.nav.title',
    needs: ['config.export', 'config.import'],
    component: () => import('./transfer/TransferPage.vue'),
  },
  { path: '/studio/email', title: 'studio.nav.email', needs: ['email.sync'], area: 'email', component: () => import('./email/EmailPage.vue') },
  {
    path: '/studio/email/filing/:entity?',
    title: 'mailFiling.nav',
    needs: ['email.sync'],
    area: 'email',
    component: () => import('./email-settings/EmailSettingsPage.vue'),
  },
  { path: '/studio/settings', title: 'studio.nav.settings', needs: ['owner'], component: () => import('./settings/SettingsPage.vue') },
];
