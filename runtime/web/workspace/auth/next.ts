import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router';

/** Where to go after logging in or signing up: `?next=` when it is a path of this site, else the start page. */
function safeNext(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next;
  // "//host" and "/\host" would leave the site; only plain absolute paths stay on it.
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/** The login and sign-up pages' `?next=`: links that pass it on, and going there once the person is in. */
export function useNext() {
  const route = useRoute();
  const router = useRouter();
  return {
    /** `path`, keeping where the person was headed. */
    keep: (path: string): RouteLocationRaw => ({ path, query: route.query.next ? { next: route.query.next } : {} }),
    go: () => router.replace(safeNext(route.query.next)),
  };
}
