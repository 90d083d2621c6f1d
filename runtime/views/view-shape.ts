import { fieldRules, type Actor } from '../access/policy.ts';
import { Problem, type FieldError } from '../http/problem.ts';

/** What a saved view keeps of a list: search words, conditions (all or any of them), sort, and the columns shown. */
export interface ViewQuery {
  q: string;
  match: 'all' | 'any';
  conditions: { field: string; op: string; value: string | string[] }[];
  sort: string;
  columns: { key: string; width?: 'narrow' | 'normal' | 'wide' }[];
}

const text = { type: 'string', maxLength: 200 } as const;
/** The JSON Schema of a view's query, as requests carry it. */
export const VIEW_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    q: text,
    match: { enum: ['all', 'any'] },
    conditions: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', maxLength: 64 },
          op: { enum: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'empty'] },
          value: { anyOf: [text, { type: 'array', maxItems: 50, items: text }] },
        },
        required: ['field', 'op', 'value'],
        additionalProperties: false,
      },
    },
    sort: { type: 'string', maxLength: 200 },
    columns: {
      type: 'array',
      maxItems: 40,
      items: {
        type: 'object',
        properties: { key: { type: 'string', maxLength: 64 }, width: { enum: ['narrow', 'normal', 'wide'] } },
        required: ['key'],
        additionalProperties: false,
      },
    },
  },
  required: ['q', 'match', 'conditions', 'sort', 'columns'],
  additionalProperties: false,
} as const;

const SYSTEM_CONDITIONS = new Set(['$ownerId', '$state', '$stage', '$createdAt', '$updatedAt']);
const SYSTEM_COLUMNS = new Set(['$owner', '$status', '$updated']);

/**
 * 422 naming each condition or column whose field the entity's form does not have, or the author's role hides:
 * a view shows only what its author could see when saving it.
 */
export function checkViewFields(actor: Actor, entity: string, view: ViewQuery, at = '/view'): void {
  const fields = actor.bundle.entities[entity]!.form.schema.properties;
  const { hidden } = fieldRules(actor, entity);
  const known = (f: string) => Object.hasOwn(fields, f) && !hidden.has(f);
  // Records with service levels can be filtered and shown by their status.
  const sla = (key: string) => key === '$sla' && actor.bundle.entities[entity]!.serviceLevels !== undefined;
  const errors: FieldError[] = [];
  view.conditions.forEach((c, i) => {
    if (!SYSTEM_CONDITIONS.has(c.field) && !sla(c.field) && !known(c.field))
      errors.push({ path: `${at}/conditions/${i}/field`, message: 'is not a field of this list' });
  });
  view.columns.forEach((c, i) => {
    if (!SYSTEM_COLUMNS.has(c.key) && !sla(c.key) && !known(c.key)) errors.push({ path: `${at}/columns/${i}/key`, message: 'is not a column of this list' });
  });
  if (errors.length) throw new Problem(422, 'The view names fields this list does not have.', errors);
}
