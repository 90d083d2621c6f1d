import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Bundle, Review } from './draft-store.ts';
import { controlPaths, describeRule, elementAt, formChanges, newlyRequired, type EntityConfig } from './index.ts';
import { useDesignerText } from './use-designer-text.ts';
import { OWNER, roleText, rolesOf } from '../roles/model.ts';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';

/** One entity's lines in the review: its form changes in words, fields that became required, records that would not pass. */
export interface EntitySummary {
  key: string;
  name: string;
  lines: string[];
  required: string[];
  invalid: number;
}

const FORM = /^\/form(\/|$)/;
const TEXTS = /^\/i18n(\/|$)/;

/** The review in words: per entity what changes and whom it affects, and the other parts of the bundle that change. */
export function usePublishSummary(review: Ref<Review | null>, draft: () => Bundle | null, published: () => Bundle | null) {
  const { t, locale } = useI18n();
  const names = useDesignerText();

  /** "Currency, required, shown only when Rating is Hot" */
  function newFieldDetails(e: EntityConfig, key: string): string {
    const ui = e.form.uischema;
    const rules = controlPaths(ui, key).flatMap((p) => {
      const rule = elementAt(ui, p)?.rule;
      const spec = rule && describeRule(rule);
      return spec ? [names.ruleText(spec)] : [];
    });
    const required = e.form.schema.required?.includes(key) ? [t('designer.aspects.required')] : [];
    const parts = [names.typeLabel(e.form.schema.properties[key]?.['x-field']), ...required, ...rules];
    return parts.map((part, i) => (i === 0 ? part : part.charAt(0).toLocaleLowerCase() + part.slice(1))).join(', ');
  }

  const entities = computed<EntitySummary[]>(() => {
    const after = draft();
    if (!after || !review.value) return [];
    const before = published();
    return Object.keys(after.entities).flatMap((key) => {
      const e = after.entities[key]!;
      const old = before?.entities[key];
      const lines = formChanges(old, e).map((c) => {
        const name = names.fieldLabel(c.field, c.kind === 'removed' ? old : e);
        const what = c.kind === 'added' ? newFieldDetails(e, c.field) : c.what.map((a) => t(`designer.aspects.${a}`)).join(', ');
        return t(`designer.publish.${c.kind}`, { name, what });
      });
      const required = newlyRequired(old, e).map((f) => names.fieldLabel(f, e));
      const invalid = review.value!.impact.invalidRecords[key] ?? 0;
      if (!lines.length && !required.length && !invalid) return [];
      return [{ key, name: names.entityLabel(key), lines, required, invalid }];
    });
  });

  /** A record type the draft no longer has, by its published name. */
  const removedName = (key: string) => {
    const e = published()?.entities[key];
    return e ? names.text('entity.label', e.label, e) : key;
  };
  /** Record types the draft removes whose records still exist: publishing is refused until they are gone. */
  const recordsLeft = computed(() => Object.entries(review.value?.impact.removedEntities ?? {}).map(([key, n]) => ({ key, n, name: removedName(key) })));

  /** Record types the draft adds or removes: the roles' privileges on them come and go with them, and are told with them. */
  const comingOrGoing = computed(() => new Set((review.value?.changes ?? []).filter((c) => c.part === 'entities' && c.change !== 'changed').map((c) => c.key)));
  const onlyTheirPrivileges = (paths: string[] = []) => paths.every((p) => comingOrGoing.value.has(p.split('/')[2] ?? '') && p.startsWith('/entities/'));
  /** "New record type: Project, for Sales representative and Manager". */
  function added(key: string): string {
    const holders = Object.entries(rolesOf(draft()))
      .filter(([role, r]) => role !== OWNER && (r.entities[key]?.read ?? 'none') !== 'none')
      .map(([role]) => roleName(role));
    const name = names.entityLabel(key);
    if (!holders.length) return t('designer.publish.typeAddedOwners', { name });
    return t('designer.publish.typeAdded', { name, roles: new Intl.ListFormat(locale.value, { type: 'conjunction' }).format(holders) });
  }
  const roleName = (key: string) => {
    const role = rolesOf(draft())[key];
    return role ? roleText(role, locale.value as Locale, 'label') : key;
  };

  /** Changes the form lists do not cover: other parts of the bundle, entities added or removed, entity settings. */
  const others = computed(() =>
    (review.value?.changes ?? []).flatMap((c) => {
      if (c.part === 'roles' && c.change === 'changed' && onlyTheirPrivileges(c.paths)) return [];
      if (c.part !== 'entities')
        return [t('designer.publish.otherPart', { part: t(`designer.parts.${c.part}`), key: c.key, change: t(`designer.publish.change.${c.change}`) })];
      if (c.change === 'added') return [added(c.key)];
      if (c.change === 'removed') return [t('designer.publish.typeRemoved', { name: removedName(c.key) })];
      const name = names.entityLabel(c.key);
      const paths = c.paths ?? [];
      const settings = paths.filter((p) => !FORM.test(p) && !TEXTS.test(p)).map((p) => p.slice(1));
      // Field texts show as label changes of their fields; other texts (entity and group names) only here.
      const described = entities.value.some((e) => e.key === c.key && e.lines.length);
      const texts = !described && paths.some((p) => TEXTS.test(p));
      return [
        ...(settings.length ? [t('designer.publish.entitySettings', { name, paths: settings.join(', ') })] : []),
        ...(texts ? [t('designer.publish.entityTexts', { name })] : []),
      ];
    }),
  );

  const invalidTotal = computed(() => entities.value.reduce((n, e) => n + e.invalid, 0));
  return { entities, others, invalidTotal, recordsLeft };
}
