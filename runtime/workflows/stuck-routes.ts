import { Hono, type Context } from 'hono';
import type { Actor } from '../access/policy.ts';
import { readableSql, titleFor } from '../access/scope.ts';
import { audit } from '../audit/log.ts';
import { stateLabel } from '../browser-safe/workflow-definition.ts';
import { integer, items, json, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound } from '../http/problem.ts';
import { MAX_ATTEMPTS, NOT_TAKEN } from './timers.ts';

const CONFIGURE_WORKFLOWS = anyTask(['configure.workflows'], 'Your role may not configure workflows.');
const STUCK = object({
  id: string,
  record: object({ entity: string, id: string, title: orNull(string) }),
  state: object({ key: string, label: string }),
  delay: string,
  dueAt: moment,
  reason: {
    enum: ['notTaken', 'failed'],
    description: '`notTaken`: the record’s state does not take the timer now; `failed`: its transition failed every attempt.',
  },
  error: orNull(string),
  attempts: integer,
});
const RETRIED = json('How many timers will fire at the next pass.', object({ retried: integer }));

/**
 * Timers of a workflow that could not fire (its state does not take them now, or their transition kept failing):
 * listed for `configure.workflows` holders, on records they may read, and retried from there.
 */
export function stuckTimerRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  /** The stuck timers of the workflow named in the path on records the caller may read, as SQL; 404 for a workflow that does not exist. */
  const stuckSql = (c: Context<AppEnv>, extra = '', extraArgs: (string | number)[] = []) => {
    const actor = c.get('actor');
    const key = c.req.param('workflow')!;
    if (!Object.hasOwn(actor.bundle.workflows, key)) throw notFound();
    const entities = Object.keys(actor.bundle.entities).filter((e) => actor.bundle.entities[e]!.workflow === key);
    const readable = readableSql(actor);
    return {
      actor,
      key,
      sql: `FROM workflow_timers t JOIN records r ON r.tenant_id = t.tenant_id AND r.id = t.record_id
            WHERE t.tenant_id = ? AND t.attempts >= ? AND (t.lease_until IS NULL OR t.lease_until < ?)
              AND r.entity IN (SELECT value FROM json_each(?)) AND ${readable.sql} ${extra}`,
      args: [actor.tenantId, MAX_ATTEMPTS, deps.now(), JSON.stringify(entities), ...readable.args, ...extraArgs],
    };
  };
  const retry = async (c: Context<AppEnv>, extra = '', extraArgs: (string | number)[] = []) => {
    const { actor, key, sql, args } = stuckSql(c, extra, extraArgs);
    const now = deps.now();
    return db.write(async (tx) => {
      const ids = (await tx.execute({ sql: `SELECT t.id ${sql}`, args })).rows.map((r) => Number(r.id));
      // Due at once (or when it was due, if that is later), claimable again by any process.
      await tx.execute({
        sql: 'UPDATE workflow_timers SET attempts = 0, last_error = NULL, lease_owner = NULL, lease_until = NULL, due_at = min(due_at, ?) WHERE id IN (SELECT value FROM json_each(?))',
        args: [now, JSON.stringify(ids)],
      });
      if (ids.length)
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'workflow.timers.retried',
            targetType: 'config',
            targetId: `workflows/${key}`,
            changes: { timers: { after: ids.length } },
          },
          now,
        );
      return ids.length;
    });
  };

  app.get(
    '/:workflow/stuck-timers',
    route({
      summary: 'Timers of a workflow that could not fire',
      description: 'On records you may read, at most 200, oldest due first; each with the reason it is stuck.',
      access: CONFIGURE_WORKFLOWS,
      params: { workflow: string },
      responses: { 200: json('The stuck timers.', items(STUCK)), 404: problem('No such workflow.') },
    }),
    async (c) => {
      const { actor, key, sql, args } = stuckSql(c);
      const rows = (
        await db.client.execute({
          sql: `SELECT t.id, t.timer, t.due_at, t.last_error, t.attempts, r.id AS record_id, r.entity, r.data ${sql} ORDER BY t.due_at, t.id LIMIT 200`,
          args,
        })
      ).rows;
      return c.json({ items: rows.map((r) => stuckJson(actor, key, r)) });
    },
  );

  app.post(
    '/:workflow/stuck-timers/retry',
    route({
      summary: 'Retry every stuck timer of a workflow',
      description: 'Those on records you may read fire at the scheduler’s next pass (and are stuck again if their state still does not take them).',
      access: CONFIGURE_WORKFLOWS,
      params: { workflow: string },
      responses: { 200: RETRIED, 404: problem('No such workflow.') },
    }),
    async (c) => c.json({ retried: await retry(c) }),
  );

  app.post(
    '/:workflow/stuck-timers/:id/retry',
    route({
      summary: 'Retry one stuck timer',
      access: CONFIGURE_WORKFLOWS,
      params: { workflow: string, id: string },
      responses: { 200: RETRIED, 404: problem('No such stuck timer, or one on a record outside your scope.') },
    }),
    async (c) => {
      const retried = await retry(c, 'AND t.id = ?', [Number(c.req.param('id')) || -1]);
      if (!retried) throw notFound();
      return c.json({ retried });
    },
  );

  return app;
}

/** `xstate.after.P3D.case.waiting` → the state it waits in and its delay, named as the workflow names them. */
function stuckJson(actor: Actor, key: string, r: Record<string, unknown>) {
  const wf = actor.bundle.workflows[key]!;
  const [delay = '', ...rest] = String(r.timer)
    .replace(/^xstate\.after\./, '')
    .split('.');
  const state = rest.slice(1).join('.');
  return {
    id: String(r.id),
    record: { entity: String(r.entity), id: String(r.record_id), title: titleFor(actor, String(r.entity), JSON.parse(String(r.data))) },
    state: { key: state, label: stateLabel(wf, state) },
    delay,
    dueAt: new Date(Number(r.due_at)).toISOString(),
    reason: r.last_error === NOT_TAKEN ? 'notTaken' : 'failed',
    error: r.last_error === NOT_TAKEN || r.last_error === null ? null : String(r.last_error),
    attempts: Number(r.attempts),
  };
}
