import type { Client, Transaction } from '@libsql/client';
import type { FieldError } from '../http/problem.ts';
import type { Bundle } from '../browser-safe/bundle.ts';

// The shape of every id runtime/db/ids.ts makes: 16 characters of its base32 alphabet.
const ID_SHAPE = /^[0-9a-hjkmnp-tv-z]{16}$/;
const escapeKey = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every string (keys included) in `value` shaped like a database id, with its JSON Pointer under `prefix`. */
export function idShapedStrings(value: unknown, prefix = ''): { path: string; value: string }[] {
  const found: { path: string; value: string }[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (ID_SHAPE.test(v)) found.push({ path, value: v });
    } else if (Array.isArray(v)) v.forEach((child, i) => walk(child, `${path}/${i}`));
    else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (ID_SHAPE.test(k)) found.push({ path: `${path}/${escapeKey(k)}`, value: k });
        walk(child, `${path}/${escapeKey(k)}`);
      }
    }
  };
  walk(value, prefix);
  return found;
}

/**
 * Strings in an imported bundle that are ids of people, tenants, records or tokens in this database (of any
 * tenant): a bundle names roles and stable keys, never people or rows, so such a value is refused. Id-shaped
 * strings that are not ids here (a stable key can look like one) pass, and with none the database is not read.
 */
export async function foreignIdErrors(db: Client | Transaction, value: unknown, prefix: string): Promise<FieldError[]> {
  const candidates = idShapedStrings(value, prefix);
  if (!candidates.length) return [];
  const ids = JSON.stringify([...new Set(candidates.map((c) => c.value))]);
  const rows = (
    await db.execute({
      sql: `WITH c(id) AS (SELECT value FROM json_each(?))
            SELECT id FROM c WHERE id IN (SELECT id FROM users) OR id IN (SELECT id FROM tenants)
              OR id IN (SELECT id FROM records) OR id IN (SELECT id FROM api_tokens)`,
      args: [ids],
    })
  ).rows;
  const known = new Set(rows.map((r) => String(r.id)));
  return candidates
    .filter((c) => known.has(c.value))
    .map((c) => ({ path: c.path, message: 'is the id of a person or row in a database; bundles use stable keys and role keys only' }));
}

/** Roles an import removes that people of the tenant still hold: removing them would silently strip those people of access. */
export async function heldRoleErrors(db: Client | Transaction, tenantId: string, removedRoles: string[]): Promise<FieldError[]> {
  if (!removedRoles.length) return [];
  const rows = (
    await db.execute({
      sql: 'SELECT role, count(*) AS n FROM memberships WHERE tenant_id = ? AND role IN (SELECT value FROM json_each(?)) GROUP BY role ORDER BY role',
      args: [tenantId, JSON.stringify(removedRoles)],
    })
  ).rows;
  return rows.map((r) => {
    const n = Number(r.n);
    return {
      path: `/bundle/roles/${String(r.role)}`,
      message: `${n} ${n === 1 ? 'person holds' : 'people hold'} this role, which the import removes: give them another role first`,
    };
  });
}

/** Parses `{n}`, `{n,}` or `{n,m}` at `i`: its length and whether it repeats a variable number of times. */
function braces(re: string, i: number): { length: number; repeats: boolean } | undefined {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(re.slice(i));
  if (!m) return undefined;
  const repeats = m[2] !== undefined && (m[3] === '' || Number(m[3]) > Number(m[1]));
  return { length: m[0].length, repeats };
}

/**
 * True when a pattern repeats a group that itself repeats (`(a+)+`, `(\w*x?)*`, `(a{1,9}){2,}`): such patterns
 * backtrack exponentially in the browser's RegExp, which checks forms before they are sent.
 */
export function hasNestedRepetition(re: string): boolean {
  const stack: boolean[] = [false];
  let closed: boolean | undefined; // whether the group that just closed repeats inside
  for (let i = 0; i < re.length;) {
    const ch = re[i]!;
    let repeats = ch === '*' || ch === '+';
    let length = 1;
    if (ch === '{') ({ length, repeats } = braces(re, i) ?? { length: 1, repeats: false });
    if (repeats) {
      if (closed) return true;
      stack[stack.length - 1] = true;
    }
    if (ch === '?' || ch === '*' || ch === '+' || ch === '{') {
      i += length;
      closed = undefined;
      continue;
    }
    closed = undefined;
    if (ch === '\\') i += 2;
    else if (ch === '[') i = classEnd(re, i);
    else if (ch === '(') {
      stack.push(false);
      i++;
    } else if (ch === ')') {
      closed = stack.length > 1 ? stack.pop()! : false;
      if (closed) stack[stack.length - 1] = true;
      i++;
    } else i++;
  }
  return false;
}

/** The index after the character class starting at `i`. */
function classEnd(re: string, i: number): number {
  let j = i + 1;
  if (re[j] === '^') j++;
  if (re[j] === ']') j++;
  while (j < re.length && re[j] !== ']') j += re[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Form patterns (schemas and rule conditions) with nested repetition, at their JSON Pointers under `prefix`. */
export function backtrackingPatternErrors(bundle: Bundle, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((child, i) => walk(child, `${path}/${i}`));
    if (v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      const at = `${path}/${escapeKey(k)}`;
      if (k === 'pattern' && typeof child === 'string' && hasNestedRepetition(child)) {
        errors.push({
          path: at,
          message: 'repeats a group that itself repeats, which makes browsers backtrack for minutes on some input: rewrite it without nested repetition',
        });
      } else walk(child, at);
    }
  };
  for (const [key, entity] of Object.entries(bundle.entities)) walk(entity.form, `${prefix}/entities/${escapeKey(key)}/form`);
  return errors;
}
