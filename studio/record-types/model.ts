/** Record types as the studio edits them: pure functions from the draft bundle to the next. */
import { LOCALES, type Locale, type RecordIcon } from '../../runtime/browser-safe/bundle.ts';
import type { Bundle } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';
import { keyFrom } from '../pipelines/model.ts';
import { OWNER, rolesOf } from '../roles/model.ts';

/** What the owner says about a new record type. */
export interface NewRecordType {
  key: string;
  singular: string;
  plural: string;
  icon: RecordIcon;
  /** The language the names are written in. */
  locale: Locale;
  /** A record type each new record belongs to (a project's account): it gets a reference field to it. */
  relatedTo: string | null;
  /** Roles get the same privileges on the new type as on this one; null: only owners may use it (as they may everything). */
  accessLike: string | null;
}

/** Why a new record type cannot be made as asked. */
export type RecordTypeProblem = 'name-required' | 'plural-required' | 'key-invalid' | 'key-taken' | 'too-many';

const KEY = /^(?!(?:constructor|prototype)$)[a-z][a-z0-9_]{0,63}$/;
/** The bundle schema's limit on record types. */
export const MAX_RECORD_TYPES = 100;
/** Field keys a relation field cannot take: those form.schema.json keeps for itself, and the Name every new type has. */
const RESERVED_FIELDS = new Set(['and', 'or', 'entity', 'group', 'name']);

const workflowsOf = (b: Bundle) => (b.workflows ?? {}) as Record<string, unknown>;
const pipelinesOf = (b: Bundle) => (b.pipelines ?? {}) as Record<string, unknown>;
const publicFormsOf = (b: Bundle) => (b.publicForms ?? {}) as Record<string, { entity: string }>;

/** A key for a new record type from its name, unlike the types there are (and were, in the published version). */
export const keyForType = (name: string, taken: readonly string[]) => keyFrom(name, new Set(taken), 'type');

/** What is wrong with a new record type, or null. `taken` are the keys in use, published ones included. */
export function newTypeProblem(b: Bundle, spec: NewRecordType, taken: readonly string[]): RecordTypeProblem | null {
  if (!spec.singular.trim()) return 'name-required';
  if (!spec.plural.trim()) return 'plural-required';
  if (!KEY.test(spec.key)) return 'key-invalid';
  if (taken.includes(spec.key) || Object.hasOwn(b.entities, spec.key)) return 'key-taken';
  if (Object.keys(b.entities).length >= MAX_RECORD_TYPES) return 'too-many';
  return null;
}

/** The reference field's key for a relation to `target`: the target's key, unless a form keeps that name for itself. */
export const relationField = (target: string) => (RESERVED_FIELDS.has(target) ? `${target}_ref` : target);

/**
 * The draft with a new record type: a form with a required Name (its title) and, when it belongs to another type, a
 * reference to it; names in the language they were written in; each role's privileges as on `accessLike` (field rules
 * left out, the fields differ). `nameLabels` label the Name field in every language.
 */
export function addRecordType(b: Bundle, spec: NewRecordType, nameLabels: Record<Locale, string>): Bundle {
  const target = spec.relatedTo ? b.entities[spec.relatedTo] : undefined;
  const link = spec.relatedTo && target ? relationField(spec.relatedTo) : null;
  const properties: EntityConfig['form']['schema']['properties'] = {
    name: { type: 'string', maxLength: 200, 'x-field': 'text', title: nameLabels.en },
  };
  // Deleting the record it belongs to empties the field (and a restore fills it again).
  if (link) properties[link] = { type: 'string', maxLength: 64, 'x-field': 'reference', 'x-ref': spec.relatedTo!, title: target!.label, 'x-onDelete': 'clear' };
  const i18n = Object.fromEntries(
    LOCALES.map((l) => {
      const texts: Record<string, string> = { 'name.label': nameLabels[l] };
      if (l === spec.locale) Object.assign(texts, { 'entity.label': spec.singular.trim(), 'entity.pluralLabel': spec.plural.trim() });
      const targetName = target && (target.i18n[l]?.['entity.label'] || (l === 'en' ? target.label : ''));
      if (link && targetName) texts[`${link}.label`] = targetName;
      return [l, texts];
    }),
  ) as EntityConfig['i18n'];
  const entity: EntityConfig = {
    label: spec.singular.trim(),
    pluralLabel: spec.plural.trim(),
    icon: spec.icon,
    titleField: 'name',
    form: {
      schema: { type: 'object', properties, required: ['name'] },
      uischema: { type: 'VerticalLayout', elements: Object.keys(properties).map((f) => ({ type: 'Control', scope: `#/properties/${f}` })) },
    },
    i18n,
  };
  return { ...b, entities: { ...b.entities, [spec.key]: entity }, roles: accessLike(b, spec.key, spec.accessLike) };
}

/**
 * The draft's roles with privileges on record type `key` as each has on `like` (field rules left out: the fields
 * differ); none when `like` is null. The owner role is left alone: owners may do everything whatever it says.
 */
export function accessLike(b: Bundle, key: string, like: string | null): Bundle['roles'] {
  return Object.fromEntries(
    Object.entries(rolesOf(b)).map(([roleKey, role]) => {
      const same = roleKey !== OWNER && like ? role.entities[like] : undefined;
      if (!same) return [roleKey, role];
      const privileges = { create: same.create, read: same.read, update: same.update, delete: same.delete, assign: same.assign };
      return [roleKey, { ...role, entities: { ...role.entities, [key]: privileges } }];
    }),
  );
}

/** What keeps a record type from being removed: other types' fields that refer to it or roll it up, and web forms that create it. */
export interface RemovalBlocker {
  kind: 'reference' | 'rollup' | 'publicForm';
  /** The type the field belongs to, or the form's key. */
  owner: string;
  /** The referring or rolling-up field (not for forms). */
  field?: string;
}
/** Why record type `key` cannot leave the draft yet; none when it can. */
export function removalBlockers(b: Bundle, key: string): RemovalBlocker[] {
  const fields = Object.entries(b.entities).flatMap(([other, e]) =>
    other === key
      ? []
      : Object.entries(e.form.schema.properties).flatMap(([field, f]): RemovalBlocker[] => [
          ...(f['x-ref'] === key ? [{ kind: 'reference' as const, owner: other, field }] : []),
          ...(f['x-rollup']?.entity === key ? [{ kind: 'rollup' as const, owner: other, field }] : []),
        ]),
  );
  const forms = Object.entries(publicFormsOf(b))
    .filter(([, f]) => f.entity === key)
    .map(([form]) => ({ kind: 'publicForm' as const, owner: form }));
  return [...fields, ...forms];
}

/** The draft without record type `key` and without the roles' privileges on it; callers check `removalBlockers` first. */
export function removeRecordType(b: Bundle, key: string): Bundle {
  const entities = { ...b.entities };
  delete entities[key];
  const roles = Object.fromEntries(
    Object.entries(rolesOf(b)).map(([k, role]) => {
      if (!Object.hasOwn(role.entities, key)) return [k, role];
      const rest = { ...role.entities };
      delete rest[key];
      return [k, { ...role, entities: rest }];
    }),
  );
  return { ...b, entities, roles };
}

/** Sets one language's singular or plural name; English is also the name every missing language falls back to. */
export function setTypeName(e: EntityConfig, locale: Locale, which: 'label' | 'pluralLabel', text: string): EntityConfig {
  const texts = { ...e.i18n[locale] };
  if (text.trim()) texts[`entity.${which}`] = text;
  else delete texts[`entity.${which}`];
  const base = locale === 'en' && text.trim() ? { [which]: text.trim() } : {};
  return { ...e, ...base, i18n: { ...e.i18n, [locale]: texts } };
}

/** A name as written in `locale`'s translations (empty when that language has none of its own). */
export const typeName = (e: EntityConfig, locale: Locale, which: 'label' | 'pluralLabel') => e.i18n[locale]?.[`entity.${which}`] ?? '';

/** Fields that can be a record's title: one-line texts, addresses, numbers a person reads as a name. */
export const titleChoices = (e: EntityConfig) =>
  Object.entries(e.form.schema.properties)
    .filter(([, f]) => ['text', 'email', 'phone', 'url'].includes(f['x-field'] as string))
    .map(([key]) => key);

/** Sets (or, with undefined, clears) one of the type's settings that take a key or a picture. */
export function setSetting(e: EntityConfig, setting: 'icon' | 'titleField' | 'workflow', value: string | undefined): EntityConfig {
  const next = { ...e, [setting]: value };
  if (value === undefined) delete next[setting];
  return next;
}

/** Makes `pipeline` the one new records start in (undefined: none, and no further pipelines either). */
export function setPipeline(e: EntityConfig, pipeline: string | undefined): EntityConfig {
  const next: EntityConfig = { ...e, pipeline };
  if (pipeline === undefined) {
    delete next.pipeline;
    delete next.pipelines;
  } else if (Array.isArray(e.pipelines)) next.pipelines = (e.pipelines as string[]).filter((p) => p !== pipeline);
  return next;
}

/** The workflows and pipelines a type may follow. */
export const lifecycleChoices = (b: Bundle) => ({ workflows: Object.keys(workflowsOf(b)), pipelines: Object.keys(pipelinesOf(b)) });
