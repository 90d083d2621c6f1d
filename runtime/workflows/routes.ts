import { Hono } from 'hono';
import { can, type Actor } from '../access/policy.ts';
import type { EntityDef, WorkflowDef } from '../browser-safe/bundle.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { ifMatchVersion, matches } from '../http/if-match.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkWritableKeys, mergePatch, validateRecordData } from '../records/data.ts';
import { recordFor, respond } from '../records/request.ts';
import { getRecord } from '../records/store.ts';
import { stale, writeContext } from '../records/write.ts';
import { advance } from './advance.ts';
import { eventLabel, initialState, stateLabel, statesOf } from '../browser-safe/workflow-definition.ts';
import { allowedEvents } from './machine.ts';

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

  app.get('/:entity/:id/events', async (c) => {
    const { actor, entity, def, record } = await recordFor(db.client, c, 'read');
    const wf = workflowOf(actor, def);
    const state = record.state ?? initialState(wf);
    const input = { data: record.data, ownerId: record.ownerId, createdBy: record.createdBy, actor: { userId: actor.userId, roleKey: actor.roleKey } };
    const events = can(actor, 'update', entity, record) ? allowedEvents(wf, state, input) : [];
    const ref = (key: string) => ({ key, label: stateLabel(wf, key) });
    return c.json({
      state: ref(state),
      final: statesOf(wf).find((s) => s.path === state)?.node.type === 'final',
      events: events.map((e) => ({ type: e.type, label: eventLabel(e.type), target: ref(e.target) })),
    });
  });

  app.post('/:entity/:id/events', async (c) => {
    const { actor, entity, def, scope, record } = await recordFor(db.client, c, 'update');
    const expected = ifMatchVersion(c, false);
    const wf = workflowOf(actor, def);
    const body = await parseBody(c, eventBody);
    const patch = body.data === undefined ? {} : checkWritableKeys(actor, entity, def, body.data, record.data);
    const now = deps.now();
    await db.write(async (tx) => {
      // Read again inside the write: of two events racing for one record, the second sees the first's result.
      const fresh = await getRecord(tx, scope, record.id);
      if (!fresh) throw notFound();
      if (!matches(expected, fresh.version)) throw stale();
      const data = mergePatch(fresh.data, patch);
      // Only what the event changes is judged: an older record that no longer fits its form can still move on.
      if (Object.keys(patch).length) validateRecordData(actor, entity, def, data);
      const step = await advance(writeContext(tx, actor, now), wf, fresh, { userId: actor.userId, roleKey: actor.roleKey }, body.type, data);
      if (!step) {
        const state = stateLabel(wf, fresh.state ?? initialState(wf));
        throw new Problem(409, `“${eventLabel(body.type)}” is not possible for this record now (it is ${state}).`);
      }
    });
    const after = await getRecord(db.client, scope, record.id);
    // An assignment by the workflow may take the record out of the caller's own scope.
    return after ? respond(c, after) : c.body(null, 204);
  });

  return app;
}
