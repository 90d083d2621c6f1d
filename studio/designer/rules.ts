/**
 * Show/hide/enable/disable rules in a structured form the designer can edit, built into JSON Forms rules
 * `{effect, condition: {scope, schema}}`. A missing value reads as JSON Forms does: it equals nothing and is empty.
 */
import { requireField, withUischema } from './entity.ts';
import { optionValues } from './options.ts';
import { controlPaths, fieldOfScope, isWithin, replaceAt, requireElement, scopeOf } from './ui-tree.ts';
import { DesignerError, type EntityConfig, type Path } from './types.ts';
import { type FieldSchema, type OptionValue, type Rule, type RuleEffect, type UiElement } from '../../runtime/browser-safe/bundle.ts';

export type RuleOperator = 'equals' | 'notEquals' | 'in' | 'isTrue' | 'isFalse' | 'notEmpty';

/** A rule as the designer shows it; for multiselect fields equals / notEquals / in mean "includes" / "does not include" / "includes any of". */
export interface RuleSpec {
  effect: RuleEffect;
  field: string;
  operator: RuleOperator;
  value?: OptionValue | OptionValue[];
}

/** Every effect a rule can have, in the order the designer offers them. */
export const RULE_EFFECTS: readonly RuleEffect[] = ['SHOW', 'HIDE', 'ENABLE', 'DISABLE'];

/** The values a rule compares with, as a list (empty for operators without a value). */
export function ruleValues(spec: RuleSpec): OptionValue[] {
  if (spec.value === undefined) return [];
  return Array.isArray(spec.value) ? spec.value : [spec.value];
}

// Hiding or disabling an element by a field it shows itself would leave no way to change that field back.
const showsField = (uischema: UiElement, path: Path, key: string) => controlPaths(uischema, key).some((p) => isWithin(p, path));

/** The fields a rule of the element at `path` may depend on: every field the element does not show itself. */
export function ruleFields(entity: EntityConfig, path: Path): string[] {
  return Object.keys(entity.form.schema.properties).filter((key) => !showsField(entity.form.uischema, path, key));
}

/** The operators that make sense for a field: checkboxes are true or false, other fields compare values. */
export function operatorsFor(field: FieldSchema): RuleOperator[] {
  return field.type === 'boolean' ? ['isTrue', 'isFalse'] : ['equals', 'notEquals', 'in', 'notEmpty'];
}

/** Sets (or with null removes) the rule of the element at `path`. Refuses a condition on a field the element shows (see ruleFields). */
export function setRule(entity: EntityConfig, path: Path, spec: RuleSpec | null): EntityConfig {
  const uischema = entity.form.uischema;
  requireElement(uischema, path);
  if (spec === null) {
    return withUischema(
      entity,
      replaceAt(uischema, path, ({ rule: _, ...rest }) => rest),
    );
  }
  const field = requireField(entity, spec.field);
  if (!RULE_EFFECTS.includes(spec.effect)) throw new DesignerError('invalid-rule', `unknown effect ${String(spec.effect)}`);
  if (!operatorsFor(field).includes(spec.operator)) throw new DesignerError('invalid-rule', `"${spec.operator}" does not apply to a ${field['x-field']} field`);
  if (showsField(uischema, path, spec.field)) throw new DesignerError('self-rule', 'a rule may not depend on a field the element itself shows');
  const rule: Rule = { effect: spec.effect, condition: { scope: scopeOf(spec.field), schema: conditionSchema(field, spec) } };
  return withUischema(
    entity,
    replaceAt(uischema, path, (el) => ({ ...el, rule })),
  );
}

function conditionSchema(field: FieldSchema, spec: RuleSpec): Record<string, unknown> {
  const many = field.type === 'array';
  // `contains` holds for anything that is not an array, so it needs the type beside it.
  const wrap = (inner: Record<string, unknown>) => (many ? { type: 'array', contains: inner } : inner);
  switch (spec.operator) {
    case 'isTrue':
      return { const: true };
    case 'isFalse':
      return { not: { const: true } }; // an untouched checkbox counts as false
    case 'notEmpty':
      if (many) return { type: 'array', minItems: 1 };
      return field.type === 'string' ? { type: 'string', minLength: 1 } : { type: 'number' };
    case 'equals':
      return wrap({ const: checkValue(field, spec.value) });
    case 'notEquals':
      return { not: wrap({ const: checkValue(field, spec.value) }) };
    case 'in': {
      const values = spec.value;
      if (!Array.isArray(values) || values.length === 0) throw new DesignerError('invalid-rule', '"in" needs at least one value');
      if (new Set(values).size !== values.length) throw new DesignerError('invalid-rule', '"in" lists a value twice');
      return wrap({ enum: values.map((v) => checkValue(field, v)) });
    }
  }
}

/** A value the field can hold: of its JSON type, and one of its options when it has options. */
function checkValue(field: FieldSchema, value: unknown): OptionValue {
  const options = optionValues(field);
  const type = field.type === 'array' ? field.items?.type : field.type;
  const fits = type === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isFinite(value);
  if (!fits || (options && !options.includes(value as OptionValue))) {
    throw new DesignerError('invalid-rule', `${JSON.stringify(value)} is not a value of this field`);
  }
  return value as OptionValue;
}

/** The structured form of a rule setRule builds, or null for a rule written in another shape. */
export function describeRule(rule: Rule): RuleSpec | null {
  const field = fieldOfScope(rule.condition.scope);
  if (!field) return null;
  const found = readCondition(rule.condition.schema);
  return found && { effect: rule.effect, field, ...found };
}

type Condition = Pick<RuleSpec, 'operator' | 'value'>;

function readCondition(s: Record<string, unknown>): Condition | null {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return null;
  const keys = Object.keys(s).sort().join(',');
  if (keys === 'const') return s.const === true ? { operator: 'isTrue' } : isValue(s.const) ? { operator: 'equals', value: s.const } : null;
  if (keys === 'enum') return isValues(s.enum) ? { operator: 'in', value: s.enum } : null;
  if (keys === 'not') {
    const inner = readCondition(s.not as Record<string, unknown>);
    if (inner?.operator === 'isTrue') return { operator: 'isFalse' };
    return inner?.operator === 'equals' ? { operator: 'notEquals', value: inner.value } : null;
  }
  if (keys === 'minLength,type' && s.type === 'string' && s.minLength === 1) return { operator: 'notEmpty' };
  if (keys === 'minItems,type' && s.type === 'array' && s.minItems === 1) return { operator: 'notEmpty' };
  if (keys === 'type' && s.type === 'number') return { operator: 'notEmpty' };
  if (keys === 'contains,type' && s.type === 'array') {
    const inner = readCondition(s.contains as Record<string, unknown>);
    return inner?.operator === 'equals' || inner?.operator === 'in' ? inner : null;
  }
  return null;
}

const isValue = (v: unknown): v is OptionValue => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isValues = (v: unknown): v is OptionValue[] => Array.isArray(v) && v.length > 0 && v.every(isValue);
