/** How each rule of a form acts on given data, for the preview's explanation of what is shown and why. */
import { describeRule, ruleValues, type RuleSpec } from './rules.ts';
import { walk } from './ui-tree.ts';
import type { EntityConfig } from './types.ts';
import type { UiElement } from '../../runtime/browser-safe/bundle.ts';

export interface RuleStatus {
  path: number[];
  element: UiElement;
  /** The rule in the designer's terms; null for a rule written in another shape. */
  spec: RuleSpec | null;
  /** Whether the condition holds for the data (null when the rule's shape is unknown). */
  met: boolean | null;
  /** What the element is now: shown or hidden (SHOW/HIDE), editable or read-only (ENABLE/DISABLE). */
  active: boolean | null;
}

const filled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : typeof v === 'number');

/** Whether the condition of `spec` holds for `data`, as JSON Forms evaluates the rule it builds (a missing value equals nothing). */
export function conditionMet(spec: RuleSpec, data: Record<string, unknown>): boolean {
  const v = data[spec.field];
  const has = (x: unknown) => (Array.isArray(v) ? v.includes(x) : v === x);
  switch (spec.operator) {
    case 'isTrue':
      return v === true;
    case 'isFalse':
      return v !== true;
    case 'notEmpty':
      return filled(v);
    case 'equals':
      return has(spec.value);
    case 'notEquals':
      return !has(spec.value);
    case 'in':
      return ruleValues(spec).some(has);
  }
}

/** Every element with a rule, in document order, with what its rule makes of it for `data`. */
export function ruleStatuses(entity: EntityConfig, data: Record<string, unknown>): RuleStatus[] {
  const out: RuleStatus[] = [];
  walk(entity.form.uischema, (element, path) => {
    if (!element.rule) return;
    const spec = describeRule(element.rule);
    const met = spec && conditionMet(spec, data);
    const active = met === null ? null : spec!.effect === 'SHOW' || spec!.effect === 'ENABLE' ? met : !met;
    out.push({ path, element, spec, met, active });
  });
  return out;
}
