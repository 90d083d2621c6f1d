import type { Bundle, Task } from './bundle.ts';

export type Part = 'entities' | 'workflows' | 'pipelines' | 'roles' | 'publicForms';
export const PARTS: Part[] = ['entities', 'workflows', 'pipelines', 'roles', 'publicForms'];

/** One part of a bundle by key; `{}` for an optional part the bundle lacks (public forms before they existed). */
export const partOf = (bundle: Bundle, part: Part) => (bundle[part] ?? {}) as Record<string, unknown>;

/** One difference between two bundles, at one stable key of one part. */
export interface Change {
  part: Part;
  key: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: JSON Pointers (under the key) of what differs, most specific first-level detail. */
  paths?: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON Pointers where two JSON values differ (objects compared key by key, arrays and scalars whole). */
export function differingPaths(a: unknown, b: unknown, path = '', depth = 0): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (!isObject(a) || !isObject(b) || depth >= 6) return [path || '/'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => differingPaths(a[k], b[k], `${path}/${escape(k)}`, depth + 1));
}

/** The differences from `before` to `after`, part by part, key by key (sorted, so output is stable). */
export function diffBundles(before: Bundle, after: Bundle): Change[] {
  const changes: Change[] = [];
  for (const part of PARTS) {
    const a = partOf(before, part);
    const b = partOf(after, part);
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!(key in a)) changes.push({ part, key, change: 'added' });
      else if (!(key in b)) changes.push({ part, key, change: 'removed' });
      else {
        const paths = differingPaths(a[key], b[key]);
        if (paths.length) changes.push({ part, key, change: 'changed', paths });
      }
    }
  }
  return changes;
}

/** The task privilege each change needs: forms, workflows (service levels too), pipelines and mail filing of entities, roles, public forms. */
export function privilegesFor(changes: Change[]): Set<Task> {
  const needed = new Set<Task>();
  for (const c of changes) {
    if (c.part === 'workflows') needed.add('configure.workflows');
    else if (c.part === 'pipelines') needed.add('configure.pipelines');
    else if (c.part === 'roles') needed.add('manage.users');
    else if (c.part === 'publicForms') needed.add('configure.forms');
    else if (c.change !== 'changed') needed.add('configure.forms');
    else {
      for (const p of c.paths ?? []) {
        if (p.startsWith('/workflow')) needed.add('configure.workflows');
        else if (p.startsWith('/pipeline')) needed.add('configure.pipelines');
        else if (p.startsWith('/email')) needed.add('email.sync');
        else if (p.startsWith('/serviceLevels')) needed.add('configure.workflows');
        else needed.add('configure.forms');
      }
    }
  }
  return needed;
}
