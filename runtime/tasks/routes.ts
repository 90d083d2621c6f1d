import { Hono, type Context } from 'hono';
import { can, type Actor } from '../access/policy.ts';
import { readableSql, titleFor } from '../access/scope.ts';
import { audit } from '../audit/log.ts';
import { items, json, listOf, moment, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { addEntry } from '../records/timeline.ts';

const snoozeBody = bodySchema<{ until: string }>({
  type: 'object',
  properties: { until: { type: 'string', format: 'date-time' } },
  required: ['until'],
  additionalProperties: false,
});
const iso = (ms: unknown) => (ms === null ? null : new Date(Number(ms)).toISOString());

const SELECT = `SELECT k.id, k.title, k.due_at, k.status, k.snoozed_until, k.completed_at, k.assignee_id, u.name AS assignee_name,
    r.id AS record_id, r.entity, r.data, r.owner_id, r.created_by, r.team
  FROM tasks k JOIN records r ON r.tenant_id = k.tenant_id AND r.id = k.record_id LEFT JOIN users u ON u.id = k.assignee_id`;

type Row = Record<string, unknown>;
/** A task as it travels, without the record it is on. */
export const TASK_FIELDS = {
  id: string,
  title: string,
  dueAt: moment,
  status: { enum: ['open', 'done'] },
  snoozedUntil: orNull(moment),
  completedAt: orNull(moment),
  assignee: ref('Person'),
};
const TASK = object({ ...TASK_FIELDS, record: object({ entity: string, id: string, title: orNull(string) }) });
const taskJson = (actor: Actor, r: Row) => ({
  id: String(r.id),
  title: String(r.title),
  dueAt: iso(r.due_at)!,
  status: String(r.status),
  snoozedUntil: iso(r.snoozed_until),
  completedAt: iso(r.completed_at),
  assignee: { id: String(r.assignee_id), name: String(r.assignee_name ?? '') },
  record: { entity: String(r.entity), id: String(r.record_id), title: titleFor(actor, String(r.entity), JSON.parse(String(r.data))) },
});

/** Follow-up tasks: `GET /api/tasks?mine=true&status=open|done`, complete, snooze — only tasks on records the caller may read. */
export function taskRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  /** A task on a record the caller may read, or the same 404 as a missing one. */
  const visibleTask = async (c: Context<AppEnv>) => {
    const actor = c.get('actor');
    const readable = readableSql(actor);
    const row = (
      await db.client.execute({
        sql: `${SELECT} WHERE k.tenant_id = ? AND k.id = ? AND ${readable.sql}`,
        args: [actor.tenantId, c.req.param('id')!, ...readable.args],
      })
    ).rows[0];
    if (!row) throw notFound();
    const ref = { ownerId: String(row.owner_id), createdBy: String(row.created_by), team: row.team === null ? null : String(row.team) };
    if (row.assignee_id !== actor.userId && !can(actor, 'update', String(row.entity), ref))
      throw new Problem(403, 'Only the person the task is assigned to, or who may change its record, can do that.');
    return { actor, row };
  };

  app.get(
    '/',
    route({
      summary: 'Follow-up tasks',
      description: 'Only tasks on records you may read, at most 200: open ones by when they are due, done ones newest first.',
      access: SIGNED_IN,
      query: {
        mine: { schema: { enum: ['true', 'false'] }, description: '`true`: only tasks assigned to you.' },
        status: { schema: string, description: '`open` (default) or `done`.' },
      },
      responses: { 200: json('The tasks.', items(TASK)), 400: problem('`status` is not open or done.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const status = c.req.query('status') ?? 'open';
      if (status !== 'open' && status !== 'done') throw new Problem(400, 'status must be open or done.', [{ path: '/status', message: 'is not open or done' }]);
      const mine = c.req.query('mine') === 'true';
      const readable = readableSql(actor);
      const order = status === 'open' ? 'max(k.due_at, coalesce(k.snoozed_until, 0)), k.seq' : 'k.completed_at DESC, k.seq DESC';
      const rows = (
        await db.client.execute({
          sql: `${SELECT} WHERE k.tenant_id = ? AND k.status = ? ${mine ? 'AND k.assignee_id = ?' : ''} AND ${readable.sql} ORDER BY ${order} LIMIT 200`,
          args: [actor.tenantId, status, ...(mine ? [actor.userId] : []), ...readable.args],
        })
      ).rows;
      return c.json({ items: rows.map((r) => taskJson(actor, r)) });
    },
  );

  app.get(
    '/overdue',
    route({
      summary: 'Which records have an overdue open task',
      description: 'Of the records named (at most 200), those you may read that have an open task past its due time (and snooze).',
      access: SIGNED_IN,
      query: { ids: { schema: string, description: 'Comma-separated record ids.' } },
      responses: { 200: json('Their ids.', object({ ids: listOf(string) })), 400: problem('More than 200 ids.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const ids = (c.req.query('ids') ?? '').split(',').filter(Boolean);
      if (ids.length > 200) throw new Problem(400, 'Ask for at most 200 records at once.', [{ path: '/ids', message: 'names more than 200 records' }]);
      const readable = readableSql(actor);
      const now = deps.now();
      const rows = (
        await db.client.execute({
          sql: `SELECT DISTINCT r.id FROM tasks k JOIN records r ON r.tenant_id = k.tenant_id AND r.id = k.record_id
                WHERE k.tenant_id = ? AND k.record_id IN (SELECT value FROM json_each(?)) AND k.status = 'open'
                  AND max(k.due_at, coalesce(k.snoozed_until, 0)) < ? AND ${readable.sql}`,
          args: [actor.tenantId, JSON.stringify(ids), now, ...readable.args],
        })
      ).rows;
      return c.json({ ids: rows.map((r) => String(r.id)) });
    },
  );

  const change = (verb: 'complete' | 'snooze') =>
    app.post(
      `/:id/${verb}`,
      route({
        summary: verb === 'complete' ? 'Mark a task done' : 'Put a task off until later',
        description: 'Tasks on records you may read; changing one needs the update privilege on its record.',
        access: SIGNED_IN,
        params: { id: string },
        ...(verb === 'snooze' ? { body: snoozeBody } : {}),
        responses: {
          200: json('The task as it is now.', TASK),
          403: problem('Your role may not change its record.'),
          404: problem('No such task, or one on a record outside your scope.'),
          409: problem('It is done already.'),
          422: problem('`until` is not in the future.'),
        },
      }),
      async (c) => {
        const { actor, row } = await visibleTask(c);
        const now = deps.now();
        const until = verb === 'snooze' ? Date.parse((await parseBody(c, snoozeBody)).until) : null;
        if (until !== null && until <= now) throw new Problem(422, 'Snooze until a time in the future.', [{ path: '/until', message: 'is not in the future' }]);
        await db.write(async (tx) => {
          // Only an open task changes: of two people completing it at once, the second gets a 409 and writes nothing.
          const open = "AND status = 'open'";
          if (verb === 'complete') {
            const done = await tx.execute({
              sql: `UPDATE tasks SET status = 'done', completed_at = ?, completed_by = ? WHERE tenant_id = ? AND id = ? ${open}`,
              args: [now, actor.userId, actor.tenantId, String(row.id)],
            });
            if (done.rowsAffected === 0) throw new Problem(409, 'This task is already done.');
            await addEntry(
              tx,
              actor.tenantId,
              String(row.record_id),
              actor.userId,
              'task',
              { task: { id: String(row.id), title: String(row.title) }, completed: true },
              now,
            );
          } else {
            const snoozed = await tx.execute({
              sql: `UPDATE tasks SET snoozed_until = ?, reminded_at = NULL WHERE tenant_id = ? AND id = ? ${open}`,
              args: [until, actor.tenantId, String(row.id)],
            });
            if (snoozed.rowsAffected === 0) throw new Problem(409, 'This task is already done.');
          }
          const record = {
            entity: String(row.entity),
            ownerId: String(row.owner_id),
            createdBy: String(row.created_by),
            team: row.team === null ? null : String(row.team),
          };
          await audit(
            tx,
            {
              tenantId: actor.tenantId,
              actorId: actor.userId,
              action: `task.${verb === 'complete' ? 'completed' : 'snoozed'}`,
              targetType: 'record',
              targetId: String(row.record_id),
              record,
              changes: { task: { after: String(row.id) }, ...(until ? { snoozedUntil: { after: iso(until) } } : {}) },
            },
            now,
          );
        });
        const { row: fresh } = await visibleTask(c);
        return c.json(taskJson(actor, fresh));
      },
    );
  change('complete');
  change('snooze');

  return app;
}
