import type { EntityDef } from '../browser-safe/bundle.ts';
import { SLA_STATUSES } from '../browser-safe/service-levels.ts';
import { Problem } from '../http/problem.ts';

type Sql = { sql: string; args: (string | number)[] };
const bad = (message: string, path: string) => new Problem(400, message, [{ path, message }]);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Takes the `$sla` conditions out of a list's `filter` (`{"$sla": {"in": ["at_risk", "breaching"]}}`, alone or among
 * conditions that must all hold) and returns them as SQL over `records r`: one lookup in the index of service level
 * statuses. The rest of the filter stays in `params` for the list query. 400 naming the place for `$sla` on a kind of
 * record without service levels, under `or`, or with another operator or value.
 */
export function takeSlaFilter(params: URLSearchParams, tenantId: string, entity: string, def: EntityDef): Sql | undefined {
  const raw = params.get('filter');
  if (!raw || !raw.includes('$sla')) return undefined;
  let filter: unknown;
  try {
    filter = JSON.parse(raw);
  } catch {
    // Not JSON: the list query says so.
    return undefined;
  }
  if (!isObject(filter)) return undefined;
  const found: [unknown, string][] = [];
  if (Object.hasOwn(filter, '$sla')) {
    found.push([filter.$sla, '/filter/$sla']);
    delete filter.$sla;
  }
  if (Array.isArray(filter.and)) {
    filter.and = filter.and.filter((part, i) => {
      if (!isObject(part) || !Object.hasOwn(part, '$sla')) return true;
      found.push([part.$sla, `/filter/and/${i}/$sla`]);
      delete part.$sla;
      return Object.keys(part).length > 0;
    });
    if ((filter.and as unknown[]).length === 0) delete filter.and;
  }
  if (namesSla(filter)) throw bad('can be combined with other conditions only when all of them must hold', '/filter');
  if (found.length === 0) return undefined;
  if (!def.serviceLevels) throw bad('is not a field you can filter on', found[0]![1]);
  if (Object.keys(filter).length) params.set('filter', JSON.stringify(filter));
  else params.delete('filter');
  const parts = found.map(([spec, path]) => statuses(spec, path));
  return {
    sql: parts
      .map((p) => `r.id IN (SELECT s.record_id FROM sla_records s WHERE s.tenant_id = ? AND s.entity = ? AND s.status IN (${p.map(() => '?').join(', ')}))`)
      .join(' AND '),
    args: parts.flatMap((p) => [tenantId, entity, ...p]),
  };
}

/** Whether `$sla` is still a key anywhere in a filter (under `or`, or deeper). */
const namesSla = (node: unknown): boolean =>
  Array.isArray(node) ? node.some(namesSla) : isObject(node) && Object.entries(node).some(([k, v]) => k === '$sla' || namesSla(v));

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
