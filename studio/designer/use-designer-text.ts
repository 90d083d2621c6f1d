import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { fieldType } from '../../runtime/web/kit/forms/fields/index.ts';
import { useCanvasStore } from './canvas-store.ts';
import { useDraftStore } from './draft-store.ts';
import { fieldOfScope, optionValues, ruleValues, type EntityConfig, type RuleSpec } from './index.ts';
import { type Locale, type UiElement } from '../../runtime/browser-safe/bundle.ts';

/** How the designer names things in the interface language: fields, options, elements, entities, types and rules. */
export function useDesignerText() {
  const { t, locale } = useI18n();
  const draft = useDraftStore();
  const canvas = useCanvasStore();
  const entity = computed(() => draft.bundle?.entities[canvas.entityKey]);
  const loc = () => locale.value as Locale;

  /** A text of the form in the interface language, else English, else `fallback`. */
  const text = (key: string, fallback?: string, e: EntityConfig | undefined = entity.value) => e?.i18n[loc()]?.[key] || e?.i18n.en?.[key] || (fallback ?? key);
  const fieldLabel = (key: string, e = entity.value) => text(`${key}.label`, e?.form.schema.properties[key]?.title ?? key, e);
  const optionLabel = (field: string, value: unknown, e = entity.value) => {
    const schema = e?.form.schema.properties[field];
    return schema && optionValues(schema) ? text(`${field}.${String(value)}`, String(value), e) : String(value);
  };
  const typeLabel = (xField: string | undefined) => fieldType(xField)?.labels[loc()] ?? xField ?? '';
  const entityLabel = (key: string) => {
    const e = draft.bundle?.entities[key];
    return e ? text('entity.label', e.label, e) : key;
  };

  function elementName(el: UiElement): string {
    if (el.type === 'Control') return fieldLabel(fieldOfScope(el.scope) ?? '');
    if (el.i18n) return text(`${el.i18n}.label`, typeof el.label === 'string' ? el.label : undefined);
    if (el.type === 'Label') return el.text ?? '';
    return t(`designer.kinds.${el.type}`);
  }

  /** "Rating is Hot" */
  function conditionText(spec: RuleSpec): string {
    const value = ruleValues(spec)
      .map((v) => optionLabel(spec.field, v))
      .join(', ');
    return t(`designer.condition.${spec.operator}`, { field: fieldLabel(spec.field), value });
  }
  /** "Shown only when Rating is Hot" */
  const ruleText = (spec: RuleSpec) => t(`designer.ruleText.${spec.effect}`, { condition: conditionText(spec) });

  return { entity, text, fieldLabel, optionLabel, typeLabel, entityLabel, elementName, conditionText, ruleText };
}
