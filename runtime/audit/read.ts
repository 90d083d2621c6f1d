import type { Client } from '@libsql/client';
import { fieldRules, type Actor } from '../access/policy.ts';
import { auditScopeSql, readableSql, titleFor } from '../access/scope.ts';
import type { AuditEntry } from '../browser-safe/audit-entry.ts';
import { Problem } from '../http/problem.ts';
import { formActorName } from '../public-forms/store.ts';

/** Which events a query asks for, as SQL over `audit_events a` inside the reader's scope. */
export interface AuditFilter {
  where: string;
  args: (string | number)[];
}

const PARAMS = new Set(['actor', 'target', 'action', 'from', 'to', 'limit', 'cursor']);

/** The filter of `query` (actor, target, action or its prefix, from, to); 400 naming every bad parameter. */
export function auditFilter(actor: Actor, query: Record<string, string>, allowed = PARAMS): AuditFilter & { limit: number; cursor?: number } {
  const errors = Object.keys(query)
    .filter((k) => !allowed.has(k))
    .map((k) => ({ path: `/${k}`, message: 'is not an audit parameter' }));
  const time = (k: 'from' | 'to') => {
    if (query[k] === undefined) return undefined;
    const ms = Date.parse(query[k]);
    if (Number.isNaN(ms)) errors.push({ path: `/${k}`, message: 'is not an ISO 8601 time' });
    return ms;
  };
  const from = time('from');
  const to = time('to');
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) errors.push({ path: '/limit', message: 'must be a whole number from 1 to 200' });
  const cursor = query.cursor === undefined ? undefined : Number(query.cursor);
  if (cursor !== undefined && !Number.isInteger(cursor)) errors.push({ path: '/cursor', message: 'is not a cursor' });
  if (errors.length) throw new Problem(400, 'Some parameters are not valid.', errors);

  const scope = auditScopeSql(actor);
  const where = ['a.tenant_id = ?', scope.sql];
  const args: (string | number)[] = [actor.tenantId, ...scope.args];
  const add = (sql: string, ...values: (string | number | undefined)[]) => {
    if (values[0] === undefined) return;
    where.push(sql);
    args.push(...(values as (string | number)[]));
  };
  add('a.actor_id = ?', query.actor);
  add('a.target_id = ?', query.target);
  add("(a.action = ? OR a.action LIKE ? ESCAPE '\\')", query.action, query.action && query.action.replace(/[\\%_]/g, '\\$&') + '.%');
  add('a.at >= ?', from);
  add('a.at <= ?', to);
  return { where: where.join(' AND '), args, limit, cursor };
}

/** Up to `limit` events matching `filter`, newest first, before the event `before` (a sequence number) if given. */
export async function readAudit(
  db: Client,
  actor: Actor,
  filter: AuditFilter,
  limit: number,
  before?: number,
): Promise<{ items: AuditEntry[]; more: boolean }> {
  const rows = (
    await db.execute({
      sql: `SELECT a.seq, a.at, a.actor_id, coalesce(u.name, ${formActorName('a.tenant_id', 'a.actor_id')}) AS name, a.action, a.target_type, a.target_id, a.entity, a.address, a.changes, coalesce(p.name, tm.name) AS person
            FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
              LEFT JOIN users p ON a.target_type IN ('membership', 'user', 'session') AND p.id = a.target_id
              LEFT JOIN teams tm ON a.target_type = 'team' AND tm.tenant_id = a.tenant_id AND tm.key = a.target_id
            WHERE ${filter.where}${before === undefined ? '' : ' AND a.seq < ?'} ORDER BY a.seq DESC LIMIT ?`,
      args: [...filter.args, ...(before === undefined ? [] : [before]), limit + 1],
    })
  ).rows;
  const page = rows.slice(0, limit);
  const titles = await recordTitles(
    db,
    actor,
    page.filter((r) => r.target_type === 'record' && r.target_id !== null).map((r) => String(r.target_id)),
  );
  const items = page.map((r): AuditEntry => {
    let changes = r.changes === null ? null : (JSON.parse(String(r.changes)) as Record<string, unknown>);
    if (changes && r.entity !== null) {
      const { hidden } = fieldRules(actor, String(r.entity));
      changes = Object.fromEntries(Object.entries(changes).filter(([field]) => !hidden.has(field)));
    }
    const targetId = r.target_id === null ? null : String(r.target_id);
    return {
      id: String(r.seq),
      at: new Date(Number(r.at)).toISOString(),
      actor: r.actor_id === null ? null : { id: String(r.actor_id), name: String(r.name ?? '') },
      action: String(r.action),
      target: {
        type: String(r.target_type),
        id: targetId,
        ...(r.entity !== null ? { entity: String(r.entity), title: titles.get(targetId ?? '') ?? null } : {}),
        ...(r.person !== null ? { name: String(r.person) } : {}),
      },
      ...(r.address !== null ? { address: String(r.address) } : {}),
      changes,
    };
  });
  return { items, more: rows.length > limit };
}

/**
 * The current titles of records the reader may read now. An event stays visible after its record moved out of the
 * reader's scope, but what the record is called today is then none of their business.
 */
async function recordTitles(db: Client, actor: Actor, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const readable = readableSql(actor);
  const args = [actor.tenantId, JSON.stringify([...new Set(ids)]), ...readable.args];
  const rows = (
    await db.execute({
      // Records in the recycle bin keep their titles here: the bin holds the scope columns under the same names.
      sql: `SELECT r.id, r.entity, r.data FROM records r WHERE r.tenant_id = ? AND r.id IN (SELECT value FROM json_each(?)) AND ${readable.sql}
            UNION ALL SELECT r.id, r.entity, r.row ->> '$.data' FROM deleted_records r WHERE r.tenant_id = ? AND r.id IN (SELECT value FROM json_each(?)) AND ${readable.sql}`,
      args: [...args, ...args],
    })
  ).rows;
  return new Map(rows.map((r) => [String(r.id), titleFor(actor, String(r.entity), JSON.parse(String(r.data)))]));
}
