/** Making a field calculated (by a formula, or rolled up from the records that refer to it) or entered again. */
import type { EntityDef, FieldSchema, Rollup } from '../../runtime/browser-safe/bundle.ts';
import { calculatedType, expressionFields, expressionProblem, expressionType } from '../../runtime/browser-safe/calculated.ts';
import { requireField, withField, withSchema } from './entity.ts';
import { DesignerError, type EntityConfig } from './types.ts';
import type { Bundle } from './draft-store.ts';

/** Field types a formula can fill, and those a roll-up can. */
export const FORMULA_TYPES = ['text', 'number', 'currency', 'percent', 'date', 'checkbox'];
export const ROLLUP_TYPES = ['number', 'currency', 'percent'];

/** The field as entered by people: no formula, no roll-up. */
function entered(field: FieldSchema): FieldSchema {
  const copy = { ...field };
  delete copy['x-formula'];
  delete copy['x-rollup'];
  return copy;
}

/** A calculated field is nobody's to fill in: not required, no default. */
function calculated(e: EntityConfig, key: string, field: FieldSchema): EntityConfig {
  const rest = { ...field };
  delete rest.default;
  const next = withField(e, key, rest);
  const required = next.form.schema.required?.filter((k) => k !== key);
  const { required: _old, ...schema } = next.form.schema;
  return withSchema(next, required?.length ? { ...schema, required } : schema);
}

/** Field `key` computed by `formula` (refused with its problem when it does not fit), or entered by people again (undefined). */
export function setFormula(e: EntityConfig, key: string, formula: string | undefined): EntityConfig {
  const field = entered(requireField(e, key));
  if (formula === undefined) return withField(e, key, field);
  if (!FORMULA_TYPES.includes(field['x-field'])) throw new DesignerError('not-applicable', `a ${field['x-field']} field cannot be calculated`);
  const problem = expressionProblem(formula, expressionFields(e as unknown as EntityDef), calculatedType(field));
  if (problem) throw new DesignerError('invalid-value', problem);
  return calculated(e, key, { ...field, 'x-formula': formula.trim() });
}

/** Field `key` rolled up as `rollup` says. */
export function setRollup(e: EntityConfig, key: string, rollup: Rollup): EntityConfig {
  const field = entered(requireField(e, key));
  if (!ROLLUP_TYPES.includes(field['x-field'])) throw new DesignerError('not-applicable', `a ${field['x-field']} field cannot hold a roll-up`);
  return calculated(e, key, { ...field, 'x-rollup': rollup });
}

/** The (record type, reference field) pairs whose records point at one record of `target`: what a roll-up on it can count. */
export const rollupSources = (b: Bundle, target: string) =>
  Object.entries(b.entities).flatMap(([entity, e]) =>
    Object.entries(e.form.schema.properties)
      .filter(([, f]) => f['x-field'] === 'reference' && f['x-ref'] === target)
      .map(([via]) => ({ entity, via })),
  );

/** The fields of `source` a roll-up can add up or compare: its numbers. */
export const rollupFields = (source: EntityConfig) =>
  Object.entries(source.form.schema.properties)
    .filter(([, f]) => expressionType(f) === 'number')
    .map(([key]) => key);
