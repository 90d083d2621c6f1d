import { Hono } from 'hono';
import { scopeFor, scopeSql } from '../access/scope.ts';
import { SERVICE_CLOCKS } from '../browser-safe/bundle.ts';
import { SLA_STATUSES } from '../browser-safe/service-levels.ts';
import { boolean, integer, json, listOf, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract, SIGNED_IN, type JsonSchema } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { entityDef } from '../records/request.ts';
import { getRecord } from '../records/store.ts';
import { monthOf } from './calendar.ts';
import { complianceReport, firstMonth } from './report.ts';
import { calendarOf, readSla } from './store.ts';
import { serviceLevelView } from './view.ts';

const status = orNull({ enum: [...SLA_STATUSES] });
const moment = orNull({ type: 'string', format: 'date-time' });
const VIEW: JsonSchema = object({
  status,
  priority: orNull(string),
  clocks: listOf(
    object({
      clock: { enum: [...SERVICE_CLOCKS] },
      targetMinutes: orNull(integer),
      usedMs: integer,
      remainingMs: orNull(integer),
      status,
      run: { enum: ['running', 'paused', 'stopped'] },
      dueAt: moment,
      breachedAt: moment,
      stoppedAt: moment,
    }),
  ),
});
const compliance = object({ total: integer, met: integer });
const COMPLIANCE_ROW = object({ month: string, team: orNull(string), teamName: orNull(string), firstResponse: compliance, resolution: compliance }, [
  'month',
  'team',
  'teamName',
]);
const REPORT: JsonSchema = object({ entity: string, months: listOf(COMPLIANCE_ROW), teams: listOf(COMPLIANCE_ROW), totals: COMPLIANCE_ROW });

/** Service levels: a record's clocks, the statuses of a page of records, the compliance report; each over what the caller may read. */
export function serviceLevelRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/service-levels/:entity/:id',
    route({
      summary: 'A record’s service level clocks',
      description:
        'First response and resolution: business time used and left, running, paused (waiting on the customer) or stopped (met or missed), when due. No clocks for a record without targets.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 200: json('Its service level.', VIEW), 404: problem('No such record, or one outside your scope (the same answer).') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.param('entity');
      const def = entityDef(actor, entity);
      const scope = scopeFor(actor, 'read', entity);
      const record = await getRecord(db.client, scope, c.req.param('id'));
      if (!record) throw notFound();
      const sla = await readSla(db.client, actor.tenantId, record.id);
      const hidden = scope.hidden.has(def.serviceLevels?.priorityField ?? '');
      return c.json(serviceLevelView(await calendarOf(db.client, actor.tenantId), sla, deps.now(), hidden));
    },
  );

  app.get(
    '/service-levels/:entity',
    route({
      summary: 'The service level status of records',
      description: 'Of the records named (at most 200), those you may read that have a service level: their status, and whether a clock stands still.',
      access: SIGNED_IN,
      params: { entity: string },
      query: { ids: { schema: string, description: 'Comma-separated record ids.', required: true } },
      responses: {
        200: json('Their statuses.', object({ items: listOf(object({ id: string, status, paused: boolean })) })),
        400: problem('More than 200 ids.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.param('entity');
      entityDef(actor, entity);
      const ids = (c.req.query('ids') ?? '').split(',').filter(Boolean);
      if (ids.length > 200) throw new Problem(400, 'Ask for at most 200 records at once.', [{ path: '/ids', message: 'names more than 200 records' }]);
      const visible = scopeSql(scopeFor(actor, 'read', entity));
      const rows = (
        await db.client.execute({
          sql: `SELECT s.record_id, s.status, EXISTS (SELECT 1 FROM sla_clocks k WHERE k.tenant_id = s.tenant_id AND k.record_id = s.record_id
                  AND k.stopped_at IS NULL AND k.running_since IS NULL) AS paused
                FROM sla_records s JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id
                WHERE s.tenant_id = ? AND s.record_id IN (SELECT value FROM json_each(?)) AND ${visible.sql}`,
          args: [actor.tenantId, JSON.stringify(ids), ...visible.args],
        })
      ).rows;
      return c.json({
        items: rows.map((r) => ({ id: String(r.record_id), status: r.status === null ? null : String(r.status), paused: Number(r.paused) === 1 })),
      });
    },
  );

  app.get(
    '/reports/service-levels',
    route({
      summary: 'Service level compliance',
      description:
        'Over exactly the records you may read: per month (the company’s calendar) and per team of the owner, how many first responses and resolutions came within target.',
      access: anyTask(['reports.view'], 'Your role may not view reports.'),
      query: {
        entity: { schema: string, description: 'A kind of record with service levels (default `case`).' },
        months: { schema: { type: 'integer', minimum: 1, maximum: 36 }, description: 'How many months back, this one included (12 when not given).' },
      },
      responses: { 200: json('The report.', REPORT), 400: problem('Not a kind of record with service levels.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.query('entity') ?? 'case';
      if (!actor.bundle.entities[entity]?.serviceLevels)
        throw new Problem(400, 'That kind of record has no service levels.', [{ path: '/entity', message: 'has no service levels' }]);
      const months = Number(c.req.query('months') ?? 12);
      const from = firstMonth(monthOf(await calendarOf(db.client, actor.tenantId), deps.now()), months);
      return c.json(await complianceReport(db.client, scopeFor(actor, 'read', entity), from));
    },
  );

  return app;
}
