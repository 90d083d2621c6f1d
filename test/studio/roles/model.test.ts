import { describe, expect, it } from 'vitest';
import type { RoleDef } from '../../../runtime/browser-safe/bundle.ts';
import { newRole, newRoleKey, roleChanges, setFieldRule, setScope, setTask, setText } from '../../../studio/roles/model.ts';

const rep: RoleDef = {
  label: 'Sales representative',
  description: 'Works their own leads.',
  entities: { lead: { create: 'all', read: 'own', update: 'own', delete: 'own', assign: 'none' } },
  tasks: ['reports.view'],
};

describe('role model', () => {
  it('makes keys from names: lower case, accents dropped, unique', () => {
    expect(newRoleKey('Außendienst Süd', [])).toBe('aussendienst_sud');
    expect(newRoleKey('Field sales', ['field_sales'])).toBe('field_sales_2');
    expect(newRoleKey('2nd line', [])).toBe('role_2nd_line');
    expect(newRoleKey('!!!', [])).toBe('role');
  });

  it('starts a new role from a template’s privileges, not its texts', () => {
    const role = newRole({ ...rep, i18n: { de: { label: 'Vertrieb' } } }, 'Field sales');
    expect(role).toEqual({ label: 'Field sales', description: '', entities: rep.entities, tasks: ['reports.view'] });
    expect(role.entities).not.toBe(rep.entities);
  });

  it('keeps English in the role’s own texts and other languages in its translations, dropping emptied ones', () => {
    const de = setText(rep, 'de', 'label', 'Vertrieb');
    expect(de.i18n).toEqual({ de: { label: 'Vertrieb' } });
    expect(setText(de, 'de', 'label', '').i18n).toEqual({});
    expect(setText(rep, 'en', 'label', 'Sales').label).toBe('Sales');
  });

  it('sets scopes, tasks in their canonical order, and field rules (no rule left as an empty object)', () => {
    expect(setScope(rep, 'case', 'read', 'team').entities.case).toEqual({ create: 'none', read: 'team', update: 'none', delete: 'none', assign: 'none' });
    expect(setTask(rep, 'configure.forms', true).tasks).toEqual(['configure.forms', 'reports.view']);
    const hidden = setFieldRule(rep, 'lead', 'email', 'hidden');
    expect(hidden.entities.lead!.fields).toEqual({ email: 'hidden' });
    expect(setFieldRule(hidden, 'lead', 'email', null).entities.lead).toEqual(rep.entities.lead);
  });

  it('lists what changed between two sets of roles', () => {
    let after = setScope(rep, 'lead', 'read', 'all');
    after = setTask(after, 'reports.view', false);
    after = setFieldRule(after, 'lead', 'email', 'readonly');
    expect(roleChanges({ rep, old: rep }, { rep: after, fresh: rep })).toEqual([
      { kind: 'added', role: 'fresh' },
      { kind: 'removed', role: 'old' },
      { kind: 'scope', role: 'rep', entity: 'lead', action: 'read', from: 'own', to: 'all' },
      { kind: 'field', role: 'rep', entity: 'lead', field: 'email', from: null, to: 'readonly' },
      { kind: 'task', role: 'rep', task: 'reports.view', on: false },
    ]);
  });
});
