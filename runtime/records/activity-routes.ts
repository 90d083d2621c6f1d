import { Hono } from 'hono';
import { personActor } from '../access/as-person.ts';
import { can, type Actor } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { items, json, moment, object, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { recordFor } from './request.ts';
import type { StoredRecord } from './store.ts';
import { TASK_FIELDS } from '../tasks/routes.ts';
import { addEntry } from './timeline.ts';
import { auditTag } from './write.ts';

const KINDS = ['call', 'meeting', 'email'] as const;
const activityBody = bodySchema<{ kind: (typeof KINDS)[number]; subject: string; notes?: string; at?: string; durationMinutes?: number }>({
  type: 'object',
  properties: {
    kind: { enum: KINDS },
    subject: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    notes: { type: 'string', maxLength: 10000 },
    at: { type: 'string', format: 'date-time' },
    durationMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
  },
  required: ['kind', 'subject'],
  additionalProperties: false,
});
const taskBody = bodySchema<{ title: string; assigneeId: string; dueAt: string }>({
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    assigneeId: { type: 'string', maxLength: 64 },
    dueAt: { type: 'string', format: 'date-time' },
  },
  required: ['title', 'assigneeId', 'dueAt'],
  additionalProperties: false,
});

const RECORD_TASK = object(TASK_FIELDS);

/**
 * Whether `actor` may give a task on `record` to `assignee`: to themselves always; to others when they may assign the
 * record, or when the other person is in a team they manage (`manages`). The assignee must be able to read the record.
 */
function mayGive(actor: Actor, assignee: Actor, record: StoredRecord, manages: boolean): boolean {
  if (!can(assignee, 'read', record.entity, record)) return false;
  return assignee.userId === actor.userId || can(actor, 'assign', record.entity, record) || manages;
}

/** Calls, meetings and emails logged by hand on a record, and tasks given to a person on it. Mounted inside the record routes. */
export function activityRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/:entity/:id/activities',
    route({
      summary: 'Log a call, meeting or email on a record',
      description: 'Anyone who may read the record may log on it; it shows in the timeline. `at` defaults to now.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      body: activityBody,
      responses: {
        201: json('The activity as the timeline shows it.', object({ at: moment, kind: string, actor: ref('Person'), activity: string, subject: string })),
        404: problem('No such record, or one outside your scope.'),
        422: problem('`at` is more than a day in the future.'),
      },
    }),
    async (c) => {
      const { actor, record } = await recordFor(db.client, c, 'read');
      const body = await parseBody(c, activityBody);
      const now = deps.now();
      const at = body.at === undefined ? now : Date.parse(body.at);
      if (at > now + 86_400_000)
        throw new Problem(422, 'Log what happened, not what is planned: give it a task instead.', [{ path: '/at', message: 'is in the future' }]);
      const entry = {
        activity: body.kind,
        subject: body.subject.trim(),
        notes: body.notes ?? '',
        happenedAt: new Date(at).toISOString(),
        durationMinutes: body.durationMinutes ?? null,
      };
      await db.write((tx) => addEntry(tx, actor.tenantId, record.id, actor.userId, 'activity', entry, now));
      return c.json({ at: new Date(now).toISOString(), kind: 'activity', actor: { id: actor.userId, name: actor.name }, ...entry }, 201);
    },
  );

  app.get(
    '/:entity/:id/tasks',
    route({
      summary: 'The tasks on a record',
      description: 'Open ones by when they are due, then the 20 done most recently. Anyone who may read the record sees them.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 200: json('The tasks.', items(RECORD_TASK)), 404: problem('No such record, or one outside your scope.') },
    }),
    async (c) => {
      const { actor, record } = await recordFor(db.client, c, 'read');
      const rows = (
        await db.client.execute({
          sql: `SELECT * FROM (SELECT k.id, k.title, k.due_at, k.status, k.snoozed_until, k.completed_at, k.assignee_id, u.name AS assignee_name FROM tasks k
                  LEFT JOIN users u ON u.id = k.assignee_id WHERE k.tenant_id = ?1 AND k.record_id = ?2 AND k.status = 'open' ORDER BY k.due_at, k.seq)
                UNION ALL SELECT * FROM (SELECT k.id, k.title, k.due_at, k.status, k.snoozed_until, k.completed_at, k.assignee_id, u.name FROM tasks k
                  LEFT JOIN users u ON u.id = k.assignee_id WHERE k.tenant_id = ?1 AND k.record_id = ?2 AND k.status = 'done' ORDER BY k.completed_at DESC LIMIT 20)`,
          args: [actor.tenantId, record.id],
        })
      ).rows;
      const iso = (ms: unknown) => (ms === null ? null : new Date(Number(ms)).toISOString());
      return c.json({
        items: rows.map((r) => ({
          id: String(r.id),
          title: String(r.title),
          dueAt: iso(r.due_at)!,
          status: String(r.status),
          snoozedUntil: iso(r.snoozed_until),
          completedAt: iso(r.completed_at),
          assignee: { id: String(r.assignee_id), name: String(r.assignee_name ?? '') },
        })),
      });
    },
  );

  app.post(
    '/:entity/:id/tasks',
    route({
      summary: 'Give a task on a record to a person',
      description:
        'To yourself; to someone else when you may assign the record or they are in a team you manage. They must be able to read the record. They are notified, and reminded when it comes due. Audited.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      body: taskBody,
      responses: {
        201: json('The task.', object({ id: string, title: string, dueAt: moment, assignee: ref('Person'), createdBy: ref('Person') })),
        404: problem('No such record, or one outside your scope.'),
        422: problem('A person you may not give tasks on this record to.'),
      },
    }),
    async (c) => {
      const { actor, record } = await recordFor(db.client, c, 'read');
      const body = await parseBody(c, taskBody);
      const assignee = await personActor(db.client, actor, body.assigneeId);
      const team = assignee?.actor.team ?? null;
      const manages =
        team !== null &&
        (
          await db.client.execute({
            sql: 'SELECT 1 FROM team_managers WHERE tenant_id = ? AND team = ? AND user_id = ?',
            args: [actor.tenantId, team, actor.userId],
          })
        ).rows.length > 0;
      if (!assignee?.active || !mayGive(actor, assignee.actor, record, manages))
        throw new Problem(422, 'You cannot give a task on this record to that person.', [
          { path: '/assigneeId', message: 'is not someone you may give this task to' },
        ]);
      const now = deps.now();
      const task = { id: newId(), title: body.title.trim(), dueAt: new Date(Date.parse(body.dueAt)).toISOString() };
      await db.write(async (tx) => {
        await tx.execute({
          sql: 'INSERT INTO tasks (id, tenant_id, record_id, title, assignee_id, due_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          args: [task.id, actor.tenantId, record.id, task.title, body.assigneeId, Date.parse(task.dueAt), now, actor.userId],
        });
        await addEntry(tx, actor.tenantId, record.id, actor.userId, 'task', { task: { ...task, assignee: body.assigneeId } }, now);
        if (body.assigneeId !== actor.userId)
          await tx.execute({
            sql: "INSERT INTO notifications (id, tenant_id, user_id, record_id, message, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, 'task')",
            args: [newId(), actor.tenantId, body.assigneeId, record.id, task.title, now],
          });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'task.created',
            targetType: 'record',
            targetId: record.id,
            record: auditTag(record),
            changes: { title: task.title, assignee: body.assigneeId },
          },
          now,
        );
      });
      return c.json({ ...task, assignee: { id: body.assigneeId, name: assignee.actor.name }, createdBy: { id: actor.userId, name: actor.name } }, 201);
    },
  );

  return app;
}
