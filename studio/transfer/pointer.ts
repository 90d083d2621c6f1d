/** JSON Pointers (RFC 6901) as the server reports them: split into keys, and followed into a value. */

/** The keys of a pointer, unescaped; `''` and `'/'` (the whole value) have none. */
export function segments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` inside `value`, or undefined where the path leads nowhere. */
export function valueAt(value: unknown, pointer: string): unknown {
  let at = value;
  for (const key of segments(pointer)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A key escaped for use inside a pointer. */
export const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
