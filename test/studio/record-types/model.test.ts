import { describe, expect, it } from 'vitest';
import defaultBundle from '../../../runtime/config/default-bundle.json' with { type: 'json' };
import { bundleErrors } from '../../../runtime/config/validate.ts';
import type { RoleDef } from '../../../runtime/browser-safe/bundle.ts';
import type { Bundle } from '../../../studio/designer/draft-store.ts';
import {
  addRecordType,
  keyForType,
  newTypeProblem,
  removalBlockers,
  removeRecordType,
  setPipeline,
  setTypeName,
  titleChoices,
  type NewRecordType,
} from '../../../studio/record-types/model.ts';

const start = () => structuredClone(defaultBundle) as unknown as Bundle;
const NAME = { en: 'Name', de: 'Name', fr: 'Nom', es: 'Nombre' };
const project: NewRecordType = {
  key: 'project',
  singular: 'Projekt',
  plural: 'Projekte',
  icon: 'calendar',
  locale: 'de',
  relatedTo: 'account',
  accessLike: 'account',
};
const roles = (b: Bundle) => b.roles as Record<string, RoleDef>;

describe('a new record type', () => {
  it('is a bundle the server accepts: a required Name as its title, a reference to the type it belongs to, names in the language written', () => {
    const b = addRecordType(start(), project, NAME);
    expect(bundleErrors(b)).toEqual([]);
    const e = b.entities.project!;
    expect(e).toMatchObject({ label: 'Projekt', pluralLabel: 'Projekte', icon: 'calendar', titleField: 'name' });
    expect(e.form.schema.required).toEqual(['name']);
    expect(e.form.schema.properties.account).toMatchObject({ 'x-field': 'reference', 'x-ref': 'account' });
    expect(e.i18n.de).toMatchObject({ 'entity.label': 'Projekt', 'entity.pluralLabel': 'Projekte', 'name.label': 'Name', 'account.label': 'Kunde' });
    expect(e.i18n.fr).toMatchObject({ 'name.label': 'Nom', 'account.label': 'Compte' });
    expect(e.i18n.fr!['entity.label']).toBeUndefined();
    expect(e.form.uischema.elements?.map((el) => el.scope)).toEqual(['#/properties/name', '#/properties/account']);
  });

  it('gives each role the privileges it has on the type it copies, without that type’s field rules', () => {
    const base = start();
    roles(base).sales_rep!.entities.account = { ...roles(base).sales_rep!.entities.account!, fields: { phone: 'hidden' } };
    const b = addRecordType(base, project, NAME);
    for (const [key, role] of Object.entries(roles(b))) {
      if (key === 'owner') continue;
      const { fields: _rules, ...like } = roles(base)[key]!.entities.account!;
      expect(role.entities.project, key).toEqual(like);
    }
  });

  it('changes no role when only owners may use it, nor the owner role ever (owners may do everything regardless)', () => {
    expect(addRecordType(start(), { ...project, accessLike: null }, NAME).roles).toEqual(start().roles);
    expect(roles(addRecordType(start(), project, NAME)).owner).toEqual(roles(start()).owner);
  });

  it('names its reference field so that no form keyword or its own Name is taken', () => {
    const b = start();
    b.entities.group = { ...b.entities.account!, label: 'Group' };
    const made = addRecordType(b, { ...project, key: 'member_note', relatedTo: 'group' }, NAME);
    expect(Object.keys(made.entities.member_note!.form.schema.properties)).toEqual(['name', 'group_ref']);
    expect(bundleErrors(made)).toEqual([]);
  });

  it('is refused without names, with a bad or taken key, and past the limit', () => {
    const b = start();
    expect(newTypeProblem(b, { ...project, singular: ' ' }, [])).toBe('name-required');
    expect(newTypeProblem(b, { ...project, plural: '' }, [])).toBe('plural-required');
    expect(newTypeProblem(b, { ...project, key: 'Project' }, [])).toBe('key-invalid');
    expect(newTypeProblem(b, { ...project, key: 'constructor' }, [])).toBe('key-invalid');
    expect(newTypeProblem(b, { ...project, key: 'account' }, [])).toBe('key-taken');
    expect(newTypeProblem(b, project, ['project'])).toBe('key-taken');
    expect(newTypeProblem(b, project, [])).toBeNull();
    const full = { ...b, entities: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, b.entities.account!])) };
    expect(newTypeProblem(full, project, [])).toBe('too-many');
  });

  it('takes a key from its name, unlike those taken', () => {
    expect(keyForType('Service visits', [])).toBe('service_visits');
    expect(keyForType('Projekt', ['projekt'])).toBe('projekt_2');
    expect(keyForType('Écoles', [])).toBe('ecoles');
    expect(keyForType('2026 plans', [])).toBe('type_2026_plans');
  });
});

describe('removing a record type', () => {
  it('is blocked while another type refers to it or a web form creates it', () => {
    const b = addRecordType(start(), project, NAME);
    expect(removalBlockers(b, 'project')).toEqual([]);
    expect(removalBlockers(b, 'account')).toContainEqual({ kind: 'reference', owner: 'project', field: 'account' });
    const withForm = { ...b, publicForms: { visits: { entity: 'project' } } };
    expect(removalBlockers(withForm, 'project')).toEqual([{ kind: 'publicForm', owner: 'visits' }]);
  });

  it('takes its privileges out of every role and leaves a bundle the server accepts', () => {
    const b = removeRecordType(addRecordType(start(), project, NAME), 'project');
    expect(b.entities.project).toBeUndefined();
    expect(Object.values(roles(b)).some((r) => r.entities.project)).toBe(false);
    expect(bundleErrors(b)).toEqual([]);
    expect(b).toEqual(start());
  });
});

describe('editing a record type', () => {
  it('writes names per language; English is also what missing languages fall back to', () => {
    const e = addRecordType(start(), project, NAME).entities.project!;
    const en = setTypeName(e, 'en', 'pluralLabel', 'Projects');
    expect(en.pluralLabel).toBe('Projects');
    expect(en.i18n.en!['entity.pluralLabel']).toBe('Projects');
    const cleared = setTypeName(en, 'de', 'label', '');
    expect(cleared.i18n.de!['entity.label']).toBeUndefined();
    expect(cleared.label).toBe('Projekt');
  });

  it('offers one-line fields as its title, and drops further pipelines with the default one', () => {
    const b = start();
    expect(titleChoices(b.entities.account!)).toEqual(expect.arrayContaining(['name', 'website', 'phone']));
    expect(titleChoices(b.entities.account!)).not.toContain('employees');
    const opportunity = { ...b.entities.opportunity!, pipelines: ['renewals'] };
    expect(setPipeline(opportunity, undefined)).not.toHaveProperty('pipelines');
    expect(setPipeline(opportunity, 'renewals').pipelines).toEqual([]);
  });
});
