import { Hono } from 'hono';
import { can, type Actor } from '../access/policy.ts';
import type { EntityDef, WorkflowDef } from '../browser-safe/bundle.ts';
import { boolean, empty, json, listOf, object, problem, recordReply, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { ifMatchVersion, matches } from '../http/if-match.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkSentData, mergePatch, validateRecordData } from '../records/data.ts';
import { recordFor, respond } from '../records/request.ts';
import { getRecord } from '../records/store.ts';
import { stale, writeContext } from '../records/write.ts';
import { advance } from './advance.ts';
import { eventLabel, initialState, stateLabel, statesOf } from '../browser-safe/workflow-definition.ts';
import { blockedEvents } from './explain.ts';
import { allowedEvents } from './machine.ts';

const STATE_REF = object({ key: string, label: string });
const NEED = object({ kind: { enum: ['filled', 'value', 'owner', 'other'] }, fields: listOf(string), field: string, values: listOf({}) }, [
  'fields',
  'field',
  'values',
]);

interface EventBody {
  type: string;
  data?: unknown;
}
const eventBody = bodySchema<EventBody>({
  type: 'object',
  properties: { type: { type: 'string', pattern: '^(?!xstate\\.)[A-Za-z][A-Za-z0-9_.:-]{0,63}$' }, data: {} },
  required: ['type'],
  additionalProperties: false,
});

/** The workflow a record of `def` follows in the actor's version; 409 for entities without one. */
function workflowOf(actor: Actor, def: EntityDef): WorkflowDef {
  const wf = def.workflow !== undefined && Object.hasOwn(actor.bundle.workflows, def.workflow) ? actor.bundle.workflows[def.workflow] : undefined;
  if (!wf) throw new Problem(409, 'This kind of record has no workflow, so it has no events.');
  return wf;
}

/**
 * A record's workflow events: the ones the caller may fire now (`GET :entity/:id/events`) and firing one
 * (`POST`, If-Match optional). Mounted inside the record routes, behind their authentication.
 */
export function eventRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/:entity/:id/events',
    route({
      summary: 'A record’s workflow state, the events you may fire now, and those waiting on a condition',
      description: 'Guards are evaluated with your role and the record’s data.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: {
        200: json(
          'Its state and your events.',
          object({
            state: STATE_REF,
            final: boolean,
            events: listOf(object({ type: string, label: string, target: STATE_REF })),
            blocked: {
              ...listOf(object({ type: string, label: string, target: STATE_REF, needs: listOf(NEED) })),
              description: 'Events your role could fire whose conditions do not hold now, each with what it needs.',
            },
          }),
        ),
        404: problem('No such record, or one outside your scope.'),
        409: problem('This kind of record has no workflow.'),
      },
    }),
    async (c) => {
      const { actor, entity, def, record } = await recordFor(db.client, c, 'read');
      const wf = workflowOf(actor, def);
      const state = record.state ?? initialState(wf);
      const input = { data: record.data, ownerId: record.ownerId, createdBy: record.createdBy, actor: { userId: actor.userId, roles: actor.roleKeys } };
      const mayUpdate = can(actor, 'update', entity, record);
      const events = mayUpdate ? allowedEvents(wf, state, input) : [];
      const blocked = mayUpdate ? blockedEvents(wf, state, input, new Set(events.map((e) => e.type))) : [];
      const ref = (key: string) => ({ key, label: stateLabel(wf, key) });
      return c.json({
        state: ref(state),
        final: statesOf(wf).find((s) => s.path === state)?.node.type === 'final',
        events: events.map((e) => ({ type: e.type, label: eventLabel(e.type), target: ref(e.target) })),
        blocked: blocked.map((e) => ({ type: e.type, label: eventLabel(e.type), target: ref(e.target), needs: e.needs })),
      });
    },
  );

  app.post(
    '/:entity/:id/events',
    route({
      summary: 'Fire a workflow event at a record',
      description:
        'Its actions (assignment, fields, follow-ups, notifications, conversion) run in the same step; `data` is saved with it. Needs the entity’s update privilege.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      ifMatch: 'optional',
      body: eventBody,
      responses: {
        200: recordReply('The record as it is now.'),
        204: empty('Fired, and the workflow handed the record to someone outside your scope.'),
        403: problem('Your role may not change it.'),
        404: problem('No such record, or one outside your scope.'),
        409: problem('The event is not possible now, or the record has no workflow.'),
        412: problem('It changed since you read it.'),
        422: problem('Fields are not valid, or the workflow would leave them so.'),
      },
    }),
    async (c) => {
      const { actor, entity, def, scope, record } = await recordFor(db.client, c, 'update');
      const expected = ifMatchVersion(c, false);
      const wf = workflowOf(actor, def);
      const body = await parseBody(c, eventBody);
      const patch = body.data === undefined ? {} : await checkSentData(db.client, actor, entity, def, body.data, record.data);
      const now = deps.now();
      await db.write(async (tx) => {
        // Read again inside the write: of two events racing for one record, the second sees the first's result.
        const fresh = await getRecord(tx, scope, record.id);
        if (!fresh) throw notFound();
        if (!matches(expected, fresh.version)) throw stale();
        const data = mergePatch(fresh.data, patch);
        // Only what the event changes is judged: an older record that no longer fits its form can still move on.
        if (Object.keys(patch).length) validateRecordData(actor, entity, def, data);
        const step = await advance(writeContext(tx, actor, now), wf, fresh, { userId: actor.userId, roles: actor.roleKeys }, body.type, data);
        if (!step) {
          const state = stateLabel(wf, fresh.state ?? initialState(wf));
          throw new Problem(409, `“${eventLabel(body.type)}” is not possible for this record now (it is ${state}).`);
        }
      });
      const after = await getRecord(db.client, scope, record.id);
      // An assignment by the workflow may take the record out of the caller's own scope.
      return after ? respond(c, after) : c.body(null, 204);
    },
  );

  return app;
}
