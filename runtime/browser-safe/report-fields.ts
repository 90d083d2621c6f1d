import type { FormSchema } from './bundle.ts';

/** The form fields a pipeline report sums and groups by; null when the form has none (or the reader may not see it). */
export interface ReportFields {
  amountField: string | null;
  closeDateField: string | null;
}

const fieldType = (schema: FormSchema, key: string) => (Object.hasOwn(schema.properties, key) ? schema.properties[key]!['x-field'] : undefined);

/** `preferred` when it has one of `types`, else the first field (in form order) of the first type. */
function pick(schema: FormSchema, preferred: string, types: string[]): string | null {
  if (types.includes(fieldType(schema, preferred) ?? '')) return preferred;
  return Object.keys(schema.properties).find((k) => fieldType(schema, k) === types[0]) ?? null;
}

/**
 * The convention for pipeline figures: the amount is the field `amount` when it is a currency or number field,
 * else the first currency field; the close date is `closeDate` when it is a date field, else the first date field.
 * A field the reader's role hides is never used: it comes back null, and the figures built on it are left out.
 */
export function reportFields(schema: FormSchema, hidden: ReadonlySet<string>): ReportFields {
  const amount = pick(schema, 'amount', ['currency', 'number']);
  const closeDate = pick(schema, 'closeDate', ['date']);
  return {
    amountField: amount !== null && !hidden.has(amount) ? amount : null,
    closeDateField: closeDate !== null && !hidden.has(closeDate) ? closeDate : null,
  };
}
