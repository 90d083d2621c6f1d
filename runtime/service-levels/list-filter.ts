import { SLA_STATUSES } from '../browser-safe/service-levels.ts';
import { Problem } from '../http/problem.ts';
import type { Sql } from '../records/list-query.ts';

const bad = (message: string, path: string) => new Problem(400, message, [{ path, message }]);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A list filter's `$sla` condition (`{"eq": "breaching"}` or `{"in": ["at_risk", "breaching"]}`, at `path`) as SQL over
 * `records r`: one lookup in the index of service level statuses, true when any of the record's clocks has one of them.
 * 400 naming the place for another operator or value.
 */
export function slaCondition(tenantId: string, entity: string, spec: unknown, path: string): Sql {
  const wanted = statuses(spec, path);
  return {
    sql: `r.id IN (SELECT s.record_id FROM sla_records s WHERE s.tenant_id = ? AND s.entity = ? AND s.status IN (${wanted.map(() => '?').join(', ')}))`,
    args: [tenantId, entity, ...wanted],
  };
}

/** The statuses one `$sla` condition asks for: `{eq: status}` or `{in: [statuses]}`. */
function statuses(spec: unknown, path: string): string[] {
  if (!isObject(spec) || Object.keys(spec).length !== 1) throw bad('expects one operator: eq or in', path);
  const [op, value] = Object.entries(spec)[0]!;
  const values = op === 'eq' ? [value] : op === 'in' && Array.isArray(value) && value.length > 0 && value.length <= 5 ? value : undefined;
  if (!values) throw bad(op === 'eq' || op === 'in' ? 'expects a status or a list of 1 to 5' : 'is not an operator for $sla (eq, in)', `${path}/${op}`);
  values.forEach((v, i) => {
    if (!(SLA_STATUSES as readonly unknown[]).includes(v))
      throw bad(`is not a service level status (${SLA_STATUSES.join(', ')})`, op === 'in' ? `${path}/in/${i}` : `${path}/eq`);
  });
  return values as string[];
}
