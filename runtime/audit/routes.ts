import { Hono } from 'hono';
import { fieldRules } from '../access/policy.ts';
import { auditScopeSql } from '../access/scope.ts';
import { items, json, mapOf, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';

const AUDIT_EVENT = object(
  {
    id: string,
    at: moment,
    actor: orNull(object({ id: string, name: string })),
    action: string,
    target: object({ type: string, id: orNull(string), entity: string }, ['entity']),
    address: string,
    changes: orNull(mapOf({})),
  },
  ['address'],
);
const PARAMS = new Set(['actor', 'target', 'action', 'from', 'to', 'limit', 'cursor']);

/** The audit trail (task `audit.view`), newest first, filtered and paginated, within the reader's record scopes. */
export function auditRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/',
    route({
      summary: 'The audit trail',
      description: 'Newest first; events of records only within your read scope, changes to fields hidden from you left out.',
      access: anyTask(['audit.view'], 'Your role may not read the audit trail.'),
      query: {
        actor: { schema: string, description: 'Events by this person (id).' },
        target: { schema: string, description: 'Events about this target (id).' },
        action: { schema: string, description: 'An action (`record.updated`) or its prefix (`record`).' },
        from: { schema: string, description: 'Not before this moment (ISO 8601).' },
        to: { schema: string, description: 'Not after this moment (ISO 8601).' },
        limit: { schema: string, description: 'Events per page, 1 to 200 (50 when not given).' },
        cursor: { schema: string, description: 'From `nextCursor` of the page before.' },
      },
      responses: { 200: json('One page.', items(AUDIT_EVENT, true)), 400: problem('A parameter is not valid (named in `errors`).') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const q = c.req.query();
      const errors = Object.keys(q)
        .filter((k) => !PARAMS.has(k))
        .map((k) => ({ path: `/${k}`, message: 'is not an audit parameter' }));
      const time = (k: 'from' | 'to') => {
        if (q[k] === undefined) return undefined;
        const ms = Date.parse(q[k]);
        if (Number.isNaN(ms)) errors.push({ path: `/${k}`, message: 'is not an ISO 8601 time' });
        return ms;
      };
      const from = time('from');
      const to = time('to');
      const limit = q.limit === undefined ? 50 : Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) errors.push({ path: '/limit', message: 'must be a whole number from 1 to 200' });
      const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
      if (cursor !== undefined && !Number.isInteger(cursor)) errors.push({ path: '/cursor', message: 'is not a cursor' });
      if (errors.length) throw new Problem(400, 'Some parameters are not valid.', errors);

      const scope = auditScopeSql(actor);
      const where = ['a.tenant_id = ?', scope.sql];
      const args: (string | number)[] = [actor.tenantId, ...scope.args];
      const add = (sql: string, value: string | number | undefined) => {
        if (value === undefined) return;
        where.push(sql);
        args.push(value);
      };
      add('a.actor_id = ?', q.actor);
      add('a.target_id = ?', q.target);
      add("(a.action = ? OR a.action LIKE ? ESCAPE '\\')", q.action);
      if (q.action !== undefined) args.push(q.action.replace(/[\\%_]/g, '\\$&') + '.%');
      add('a.at >= ?', from);
      add('a.at <= ?', to);
      add('a.seq < ?', cursor);
      const rows = (
        await deps.db.client.execute({
          sql: `SELECT a.seq, a.at, a.actor_id, u.name, a.action, a.target_type, a.target_id, a.entity, a.address, a.changes
              FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id WHERE ${where.join(' AND ')} ORDER BY a.seq DESC LIMIT ?`,
          args: [...args, limit + 1],
        })
      ).rows;
      const items = rows.slice(0, limit).map((r) => {
        let changes = r.changes === null ? null : (JSON.parse(String(r.changes)) as Record<string, unknown>);
        if (changes && r.entity !== null) {
          const { hidden } = fieldRules(actor, String(r.entity));
          changes = Object.fromEntries(Object.entries(changes).filter(([field]) => !hidden.has(field)));
        }
        return {
          id: String(r.seq),
          at: new Date(Number(r.at)).toISOString(),
          actor: r.actor_id === null ? null : { id: String(r.actor_id), name: String(r.name ?? '') },
          action: String(r.action),
          target: {
            type: String(r.target_type),
            id: r.target_id === null ? null : String(r.target_id),
            ...(r.entity !== null ? { entity: String(r.entity) } : {}),
          },
          ...(r.address !== null ? { address: String(r.address) } : {}),
          changes,
        };
      });
      return c.json({ items, nextCursor: rows.length > limit ? String(rows[limit - 1]!.seq) : null });
    },
  );

  return app;
}
