import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, ApiError } from '../api/client.ts';
import type { Locale, RoleDef } from '../../../browser-safe/bundle.ts';
import type { AttachmentLimits } from '../../../browser-safe/attachment-limits.ts';
import type { BusinessHours } from '../../../browser-safe/business-hours.ts';
import type { SecurityPolicy } from '../../../browser-safe/security-policy.ts';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  settings: {
    defaultLocale: Locale;
    currency: string;
    timezone: string;
    auditRetentionDays?: number | null;
    attachments?: AttachmentLimits;
    businessHours?: BusinessHours;
  } & Partial<SecurityPolicy>;
}
export type Scope = 'none' | 'own' | 'team' | 'teamAndBelow' | 'all';
export interface Me {
  user: { id: string; email: string; name: string };
  tenant: Tenant;
  /** Every company the person belongs to, this one included. */
  tenants: TenantChoice[];
  role: { key: string; label: string; i18n?: RoleDef['i18n'] };
  team: string | null;
  privileges: { entities: Record<string, Record<'create' | 'read' | 'update' | 'delete' | 'assign', Scope>>; tasks: string[] };
  locale: Locale | null;
  /** The company requires a second factor of this person's role and they have none: they may only set one up. */
  secondFactorRequired?: boolean;
}
export interface TenantChoice {
  slug: string;
  name: string;
}
export interface Credentials {
  email: string;
  password: string;
  tenant?: string;
  totp?: string;
}

/** Task privileges that open the studio; each studio page checks its own. */
const STUDIO_TASKS = [
  'configure.forms',
  'configure.workflows',
  'configure.pipelines',
  'manage.users',
  'config.export',
  'config.import',
  'audit.view',
  'email.sync',
];

/** Who is signed in, into which tenant, with which privileges. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /** Whether it is known who is signed in, if anyone. */
  const loaded = ref(false);
  /** Why that could not be found out (the server unreachable, or failing), until a later look succeeds. */
  const loadError = ref<unknown>(null);

  async function load(): Promise<Me | null> {
    try {
      me.value = (await api<Me>('GET', '/me')).data;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) {
        loadError.value = e;
        throw e;
      }
      me.value = null;
    }
    loaded.value = true;
    loadError.value = null;
    return me.value;
  }

  /** Logs in; with several tenants and none chosen, returns the choices instead (no session yet). */
  async function login(credentials: Credentials): Promise<TenantChoice[] | null> {
    try {
      await api('POST', '/login', credentials);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && Array.isArray(e.body.tenants)) return e.body.tenants as TenantChoice[];
      throw e;
    }
    await load();
    return null;
  }

  async function signup(body: { tenantName: string; name: string; email: string; password: string }) {
    await api('POST', '/signup', body);
    await load();
  }

  /** Opens another of the person's companies in this session. */
  async function switchTenant(slug: string) {
    await api('POST', '/session/tenant', { tenant: slug });
    await load();
  }

  async function logout() {
    await api('POST', '/logout').catch(() => undefined);
    me.value = null;
  }

  async function setLocale(locale: Locale) {
    localStorage.setItem('locale', locale);
    if (!me.value) return;
    me.value.locale = locale;
    await api('PATCH', '/me', { locale });
  }

  const tasks = computed(() => new Set(me.value?.privileges.tasks ?? []));
  const isOwner = computed(() => me.value?.role.key === 'owner');
  const hasTask = (task: string) => tasks.value.has(task);
  const canUseStudio = computed(() => isOwner.value || STUDIO_TASKS.some(hasTask));
  const locale = computed<Locale>(() => me.value?.locale ?? me.value?.tenant.settings.defaultLocale ?? 'en');

  return { me, loaded, loadError, load, login, signup, switchTenant, logout, setLocale, hasTask, isOwner, canUseStudio, locale };
});
