import type { Bundle } from '../designer/draft-store.ts';
import { ACTIONS, TASKS, type Action, type Locale, type RoleDef, type Scope, type Task } from '../../runtime/browser-safe/bundle.ts';

/** The role whose privileges are fixed in code (everything), and the one every new person gets: neither can be removed. */
export const OWNER = 'owner';
export const BUILT_IN = ['owner', 'member'];
export type FieldRule = 'hidden' | 'readonly';
export type Roles = Record<string, RoleDef>;

/** A task's message key (message paths split at dots). */
export const taskKey = (task: Task) => task.replace('.', '_');

/** A bundle's roles (the draft store keeps parts it does not model as `unknown`). */
export const rolesOf = (bundle: Bundle | null | undefined): Roles => (bundle?.roles ?? {}) as Roles;

/** A role's name or description in `locale`: its translation, else the text the role was written with. */
export const roleText = (role: RoleDef, locale: Locale, part: 'label' | 'description') => role.i18n?.[locale]?.[part] || (role[part] ?? '');

/** A key for a new role named `label`: lower case, words joined by `_`, unique among `taken`. */
export function newRoleKey(label: string, taken: string[]): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(?=\d)/, 'role_')
      .slice(0, 56) || 'role';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** A new role named `label` with the privileges of `template` (its own texts and translations are not carried over). */
export function newRole(template: RoleDef, label: string): RoleDef {
  return { label, description: '', entities: structuredClone(template.entities), tasks: [...template.tasks] };
}

/** Sets a text in `locale`: English is the role's own text, other languages go to its translations (empty removes one). */
export function setText(role: RoleDef, locale: Locale, part: 'label' | 'description', text: string): RoleDef {
  if (locale === 'en') return { ...role, [part]: text };
  const texts = { ...role.i18n?.[locale], [part]: text };
  if (!text) delete texts[part];
  const i18n = { ...role.i18n, [locale]: texts };
  if (Object.keys(texts).length === 0) delete i18n[locale];
  return { ...role, i18n };
}

const NONE = Object.fromEntries(ACTIONS.map((a) => [a, 'none'])) as Record<Action, Scope>;

export function setScope(role: RoleDef, entity: string, action: Action, scope: Scope): RoleDef {
  const current = role.entities[entity] ?? { ...NONE };
  return { ...role, entities: { ...role.entities, [entity]: { ...current, [action]: scope } } };
}

export function setTask(role: RoleDef, task: Task, on: boolean): RoleDef {
  const tasks = TASKS.filter((t) => (t === task ? on : role.tasks.includes(t)));
  return { ...role, tasks };
}

/** Sets the rule of one field (null: no rule, the field is visible and editable as the scope allows). */
export function setFieldRule(role: RoleDef, entity: string, field: string, rule: FieldRule | null): RoleDef {
  const current = role.entities[entity] ?? { ...NONE };
  const fields = { ...current.fields };
  if (rule === null) delete fields[field];
  else fields[field] = rule;
  const { fields: _old, ...rest } = current;
  const next = Object.keys(fields).length ? { ...rest, fields } : rest;
  return { ...role, entities: { ...role.entities, [entity]: next } };
}

/** One difference between the published roles and the draft's, for the review to say in words. */
export type RoleChange =
  | { kind: 'added' | 'removed'; role: string }
  | { kind: 'scope'; role: string; entity: string; action: Action; from: Scope; to: Scope }
  | { kind: 'task'; role: string; task: Task; on: boolean }
  | { kind: 'field'; role: string; entity: string; field: string; from: FieldRule | null; to: FieldRule | null }
  | { kind: 'texts'; role: string };

/** What the draft changes in roles: roles added and removed, then per role each scope, task, field rule and its texts. */
export function roleChanges(before: Roles, after: Roles): RoleChange[] {
  const out: RoleChange[] = [];
  for (const role of Object.keys(after)) if (!Object.hasOwn(before, role)) out.push({ kind: 'added', role });
  for (const role of Object.keys(before)) if (!Object.hasOwn(after, role)) out.push({ kind: 'removed', role });
  for (const [role, b] of Object.entries(after)) {
    const a = Object.hasOwn(before, role) ? before[role]! : undefined;
    if (!a || role === OWNER) continue;
    for (const entity of new Set([...Object.keys(a.entities), ...Object.keys(b.entities)])) {
      for (const action of ACTIONS) {
        const from = a.entities[entity]?.[action] ?? 'none';
        const to = b.entities[entity]?.[action] ?? 'none';
        if (from !== to) out.push({ kind: 'scope', role, entity, action, from, to });
      }
      const fa = a.entities[entity]?.fields ?? {};
      const fb = b.entities[entity]?.fields ?? {};
      for (const field of new Set([...Object.keys(fa), ...Object.keys(fb)]))
        if (fa[field] !== fb[field]) out.push({ kind: 'field', role, entity, field, from: fa[field] ?? null, to: fb[field] ?? null });
    }
    for (const task of TASKS) if (a.tasks.includes(task) !== b.tasks.includes(task)) out.push({ kind: 'task', role, task, on: b.tasks.includes(task) });
    if (JSON.stringify([a.label, a.description, a.i18n]) !== JSON.stringify([b.label, b.description, b.i18n])) out.push({ kind: 'texts', role });
  }
  return out;
}
