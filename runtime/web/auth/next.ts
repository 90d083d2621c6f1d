/** Where to go after logging in or signing up: `?next=` when it is a path of this site, else the start page. */
export function safeNext(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next;
  // "//host" and "/\host" would leave the site; only plain absolute paths stay on it.
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
