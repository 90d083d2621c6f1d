import { Hono, type Context } from 'hono';
import { fieldRules, scopeOf } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import { changedFields } from '../audit/log.ts';
import { entityPipelines } from '../browser-safe/bundle.ts';
import { empty, integer, json, listOf, object, orNull, problem, recordReply, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { ifMatchVersion, matches } from '../http/if-match.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkEntryStage } from '../pipelines/move.ts';
import { stageRoutes } from '../pipelines/routes.ts';
import { settleRecord, startRecord } from '../workflows/advance.ts';
import { eventRoutes } from '../workflows/routes.ts';
import { checkSentData, mergePatch, validateRecordData } from './data.ts';
import { parseListQuery } from './list-query.ts';
import { entityDef, recordFor as loadRecord, respond } from './request.ts';
import { viewAsScope } from '../access/as-person.ts';
import { getRecord, listRecords } from './store.ts';
import { shareRoutes } from './share-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { activityRoutes } from './activity-routes.ts';
import { timelineRoutes } from './timeline-routes.ts';
import { deleteRecord } from './recycle-bin.ts';
import { commitChange, stale, writeContext } from './write.ts';

const dataBody = bodySchema<{ data: unknown }>({ type: 'object', properties: { data: {} }, required: ['data'], additionalProperties: false });
const createBody = bodySchema<{ data: unknown; pipeline?: string }>({
  type: 'object',
  properties: { data: {}, pipeline: { type: 'string', maxLength: 64 } },
  required: ['data'],
  additionalProperties: false,
});
const assignBody = bodySchema<{ ownerId: string }>({
  type: 'object',
  properties: { ownerId: { type: 'string', maxLength: 64 } },
  required: ['ownerId'],
  additionalProperties: false,
});
const JSON_TYPE = { 'content-type': 'application/json' };

const LIST_QUERY = {
  q: { schema: { type: 'string', maxLength: 200 }, description: 'Words every matching record has in a field you may read (prefixes match).' },
  filter: { schema: string, description: 'Conditions as JSON, e.g. `{"rating": {"eq": "hot"}}`.' },
  sort: { schema: string, description: 'Sortable fields, comma-separated; `-` sorts descending. `id` always breaks ties.' },
  limit: { schema: string, description: 'Records per page, 1 to 200 (50 when not given).' },
  cursor: { schema: string, description: 'From `nextCursor` of the page before; bound to the same sort and filter.' },
  count: { schema: { enum: ['true', 'false'] }, description: '`true` adds the `total` of matching records.' },
  as: {
    schema: string,
    description: 'A person (user id): the list exactly as they see it. Needs `manage.users` and reading every record of the kind yourself; audited.',
  },
};

/** Records of every entity: the contract's CRUD and assignment (and, mounted here, stage moves, events, timeline and notes), each through runtime/access. */
export function recordRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  const recordFor = (c: Context<AppEnv>, action: 'read' | 'update' | 'delete' | 'assign') => loadRecord(db.client, c, action);
  // Moves along a pipeline, workflow events, the timeline and notes: their own sub-apps, behind the same authentication.
  app.route('/', stageRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', timelineRoutes(deps));
  app.route('/', shareRoutes(deps));
  app.route('/', exportRoutes(deps));
  app.route('/', activityRoutes(deps));

  app.get(
    '/:entity',
    route({
      summary: 'List records you may read',
      description:
        'Only the records your role’s read scope allows. `filter` is URL-encoded JSON (`{"rating": {"eq": "hot"}, "$stage": {"in": ["proposal"]}}`; operators eq ne lt lte gt gte in contains empty, `and`/`or` arrays, system fields with `$`; `$sla` — on_track, at_risk, breaching, met, missed — with eq or in, on kinds of record with service levels); `sort` like `-updatedAt,name`; `q` searches the text of fields you may read. A hidden, unknown or secret field is a 400. Needs the entity’s read privilege.',
      access: SIGNED_IN,
      params: { entity: string },
      query: LIST_QUERY,
      responses: {
        200: json(
          'One page, newest change first unless sorted otherwise; `total` with `count=true`.',
          object({ items: listOf(ref('Record')), nextCursor: orNull(string), total: integer }, ['total']),
        ),
        400: problem('A parameter is not valid (named in `errors`).'),
        403: problem('Your role may not read this kind of record.'),
        404: problem('No such kind of record.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.param('entity');
      const def = entityDef(actor, entity);
      const params = new URL(c.req.url).searchParams;
      const as = params.get('as');
      params.delete('as');
      const scope = as === null ? scopeFor(actor, 'read', entity) : await viewAsScope(deps, actor, entity, as);
      const query = parseListQuery(params, def, scope);
      const page = await listRecords(db, scope, query);
      // Each record arrives as JSON text rendered by SQLite, so the page is assembled as text.
      const total = page.total !== undefined ? `,"total":${page.total}` : '';
      return c.body(`{"items":[${page.items}],"nextCursor":${JSON.stringify(page.nextCursor)}${total}}`, 200, JSON_TYPE);
    },
  );

  app.post(
    '/:entity',
    route({
      summary: 'Create a record',
      description: 'It starts in its workflow’s first state (whose actions run now) and its pipeline’s first stage. Needs the entity’s create privilege.',
      access: SIGNED_IN,
      params: { entity: string },
      body: createBody,
      responses: {
        201: {
          ...recordReply('The record, as you may read it; only `{id, entity}` when your role may create but not read such records.'),
          schema: { anyOf: [ref('Record'), object({ id: string, entity: string })] },
        },
        400: problem('`data` holds fields the form does not have, or hides from you.'),
        403: problem('Your role may not create this kind of record, or change a field it sets.'),
        404: problem('No such kind of record.'),
        409: problem('The configuration changed while you worked.'),
        422: problem('Fields are not valid (named in `errors`).'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.param('entity');
      const def = entityDef(actor, entity);
      scopeFor(actor, 'create', entity);
      const body = await parseBody(c, createBody);
      // A record of an entity with several pipelines may start in any of them; a pipeline is a 422 elsewhere.
      if (body.pipeline !== undefined && !entityPipelines(def).includes(body.pipeline)) {
        throw new Problem(422, `${entity} records cannot follow that pipeline.`, [{ path: '/pipeline', message: `is not a pipeline of ${entity}` }]);
      }
      const data = await checkSentData(db.client, actor, entity, def, body.data, {});
      validateRecordData(actor, entity, def, data);
      const rules = fieldRules(actor, entity);
      const entry = checkEntryStage(actor.bundle, def, body.pipeline, new Set([...rules.hidden, ...rules.readonly]), data);
      if (!entry.ok) throw new Problem(entry.status, entry.detail, entry.errors);
      const now = deps.now();
      const id = await db.write((tx) =>
        startRecord(writeContext(tx, actor, now), {
          entity,
          data,
          owner: { userId: actor.userId, team: actor.team },
          createdBy: actor.userId,
          firer: { userId: actor.userId, roles: actor.roleKeys },
          pipeline: body.pipeline,
        }),
      );
      // A role may create records it cannot read back (create without read): answer with the id only.
      if (scopeOf(actor, 'read', entity) === 'none') return c.json({ id, entity }, 201);
      const scope = scopeFor(actor, 'read', entity);
      c.header('Location', `/api/records/${entity}/${id}`);
      return respond(c, (await getRecord(db.client, scope, id))!, 201);
    },
  );

  app.get(
    '/:entity/:id',
    route({
      summary: 'Read a record',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 200: recordReply('The record.'), 404: problem('No such record, or one outside your scope (the same answer).') },
    }),
    async (c) => {
      return respond(c, (await recordFor(c, 'read')).record);
    },
  );

  app.patch(
    '/:entity/:id',
    route({
      summary: 'Change a record',
      description:
        'A JSON merge patch of `data` (`null` clears a field). New data may take an automatic workflow transition. Needs the entity’s update privilege.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      ifMatch: 'required',
      body: dataBody,
      responses: {
        200: recordReply('The record as it is now.'),
        204: empty('Changed, and an automatic transition handed it to someone outside your scope.'),
        403: problem('Your role may read but not change it, or not these fields.'),
        404: problem('No such record, or one outside your scope.'),
        412: problem('It changed since you read it.'),
        422: problem('Fields are not valid.'),
        428: problem('If-Match is missing.'),
      },
    }),
    async (c) => {
      const { actor, entity, def, scope, record } = await recordFor(c, 'update');
      if (!matches(ifMatchVersion(c, true), record.version)) throw stale();
      const body = await parseBody(c, dataBody);
      const patch = await checkSentData(db.client, actor, entity, def, body.data, record.data);
      const data = mergePatch(record.data, patch);
      validateRecordData(actor, entity, def, data);
      const changes = changedFields(record.data, data);
      // Nothing changed: no new version, no timeline entry.
      if (Object.keys(changes).length === 0) return respond(c, record);
      const now = deps.now();
      await db.write(async (tx) => {
        const ctx = writeContext(tx, actor, now);
        const version = await commitChange(ctx, record, {
          data,
          timeline: [{ kind: 'changed', data: { changes } }],
          audit: { action: 'record.updated', changes },
        });
        // New data may let the record's state take an automatic transition (a case whose priority became urgent escalates).
        const workflow = def.workflow === undefined ? undefined : actor.bundle.workflows[def.workflow];
        if (workflow && record.state) await settleRecord(ctx, workflow, { ...record, data, version }, { userId: actor.userId, roles: actor.roleKeys });
      });
      const after = await getRecord(db.client, scope, record.id);
      // An automatic transition may have handed the record to someone outside the caller's scope.
      return after ? respond(c, after) : c.body(null, 204);
    },
  );

  app.delete(
    '/:entity/:id',
    route({
      summary: 'Delete a record',
      description:
        'Into the recycle bin, from where it can be restored for 30 days with its timeline, stage history, timers and shares; purged after. The audit trail keeps its data. Needs the entity’s delete privilege.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      ifMatch: 'required',
      responses: {
        204: empty('Deleted.'),
        403: problem('Your role may not delete it.'),
        404: problem('No such record, or one outside your scope.'),
        412: problem('It changed since you read it.'),
        428: problem('If-Match is missing.'),
      },
    }),
    async (c) => {
      const { actor, record } = await recordFor(c, 'delete');
      if (!matches(ifMatchVersion(c, true), record.version)) throw stale();
      const now = deps.now();
      await db.write((tx) => deleteRecord(writeContext(tx, actor, now), record));
      return c.body(null, 204);
    },
  );

  app.post(
    '/:entity/:id/assign',
    route({
      summary: 'Give a record to another person',
      description: 'Within your assign scope (with a team scope: to people of the teams it reaches). Needs the entity’s assign privilege.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      ifMatch: 'optional',
      body: assignBody,
      responses: {
        200: recordReply('The record as it is now.'),
        204: empty('Assigned to someone whose records you cannot read.'),
        403: problem('Your role may not assign it.'),
        404: problem('No such record, or one outside your scope.'),
        412: problem('It changed since you read it.'),
        422: problem('Not an active member you may assign to.'),
      },
    }),
    async (c) => {
      const { actor, entity, scope, record } = await recordFor(c, 'assign');
      if (!matches(ifMatchVersion(c, false), record.version)) throw stale();
      const { ownerId } = await parseBody(c, assignBody);
      const target = (
        await db.client.execute({ sql: 'SELECT team FROM memberships WHERE tenant_id = ? AND user_id = ? AND active = 1', args: [actor.tenantId, ownerId] })
      ).rows[0];
      const team = target ? (target.team === null ? null : String(target.team)) : undefined;
      // With a team scope, records go to people of the teams that scope reaches only.
      const assignScope = scopeOf(actor, 'assign', entity);
      const reach = assignScope === 'team' ? actor.teams : assignScope === 'teamAndBelow' ? actor.teamTree : undefined;
      const allowed = target !== undefined && (reach === undefined || ownerId === actor.userId || (team != null && reach.includes(team)));
      if (!allowed)
        throw new Problem(422, 'You cannot assign records to that person.', [{ path: '/ownerId', message: 'is not an active member you may assign to' }]);
      const now = deps.now();
      const changes = { ownerId: { before: record.ownerId, after: ownerId } };
      await db.write((tx) =>
        commitChange(writeContext(tx, actor, now), record, {
          owner: { userId: ownerId, team: team ?? null },
          timeline: [{ kind: 'assigned', data: changes }],
          audit: { action: 'record.assigned', changes },
        }),
      );
      const fresh = await getRecord(db.client, scope, record.id);
      // Handing a record to someone else may take it out of the assigner's own scope.
      return fresh ? respond(c, fresh) : c.body(null, 204);
    },
  );

  return app;
}
