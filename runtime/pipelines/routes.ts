import { Hono } from 'hono';
import { fieldRules, type Actor } from '../access/policy.ts';
import { changedFields } from '../audit/log.ts';
import { entityPipelines, type EntityDef, type PipelineDef, type StageDef } from '../browser-safe/bundle.ts';
import { integer, items, json, listOf, moment, number, object, orNull, problem, recordReply, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { ifMatchVersion, matches } from '../http/if-match.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { checkSentData, mergePatch, validateRecordData } from '../records/data.ts';
import { entityDef, recordFor, respond } from '../records/request.ts';
import { getRecord } from '../records/store.ts';
import { commitChange, stale, writeContext } from '../records/write.ts';
import { readHistory } from './history.ts';
import { checkMove } from './move.ts';
import { stageTotals } from './totals.ts';
import { reportFields } from '../browser-safe/report-fields.ts';
import { scopeFor } from '../access/scope.ts';

const HISTORY_ROW = object({
  pipeline: string,
  stage: string,
  label: string,
  probability: number,
  enteredAt: moment,
  enteredBy: orNull(ref('Person')),
  leftAt: orNull(moment),
  leftBy: orNull(ref('Person')),
  durationMs: orNull(integer),
  closeReason: orNull(string),
});

interface MoveBody {
  stage: string;
  /** Another of the entity's pipelines to move into; the record's own when not given. */
  pipeline?: string;
  data?: unknown;
  closeReason?: string;
}
const moveBody = bodySchema<MoveBody>({
  type: 'object',
  properties: {
    stage: { type: 'string', minLength: 1, maxLength: 64 },
    pipeline: { type: 'string', maxLength: 64 },
    data: {},
    closeReason: { type: 'string', maxLength: 2000 },
  },
  required: ['stage'],
  additionalProperties: false,
});

/**
 * A pipeline of an entity in the actor's version: `key` (else the entity's default) must be one of the entity's
 * pipelines (422 naming `/pipeline`); 409 for entities without any (no stage can be entered).
 */
function pipelineOf(actor: Actor, def: EntityDef, key: string | null | undefined): { key: string; pipeline: PipelineDef } {
  const allowed = entityPipelines(def);
  if (allowed.length === 0) throw new Problem(409, 'This kind of record has no pipeline, so it has no stages to move through.');
  const wanted = key ?? allowed[0]!;
  if (!allowed.includes(wanted))
    throw new Problem(422, 'Records of this kind cannot follow that pipeline.', [{ path: '/pipeline', message: 'is not a pipeline of this kind of record' }]);
  return { key: wanted, pipeline: actor.bundle.pipelines[wanted]! };
}

const stageRef = (stage: StageDef | undefined, key: string | null) => (key === null ? null : { key, label: stage?.label ?? key });

/**
 * Moves along a pipeline (`POST :entity/:id/stage`, If-Match required), a record's stage history
 * (`GET :entity/:id/stage-history`) and the board's exact column totals (`GET :entity/stage-totals`). Mounted inside the record routes, behind their authentication.
 */
export function stageRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/:entity/:id/stage',
    route({
      summary: 'Move a record along its pipeline',
      description:
        'Into `stage` of its pipeline (or of another of the entity’s pipelines given as `pipeline`), saving `data` in the same step. Fields the stage requires must be filled; won and lost stages need a `closeReason`. Needs the entity’s update privilege.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      ifMatch: 'required',
      body: moveBody,
      responses: {
        200: recordReply('The record as it is now.'),
        403: problem('Your role may not move it, or not into this stage.'),
        404: problem('No such record, or one outside your scope.'),
        409: problem('This kind of record has no pipeline, or the configuration changed.'),
        412: problem('It changed since you read it.'),
        422: problem('Required fields are missing, a close reason is needed, or fields are not valid (each named).'),
        428: problem('If-Match is missing.'),
      },
    }),
    async (c) => {
      const { actor, entity, def, scope, record } = await recordFor(db.client, c, 'update');
      if (!matches(ifMatchVersion(c, true), record.version)) throw stale();
      const body = await parseBody(c, moveBody);
      const { key: pipelineKey, pipeline } = pipelineOf(actor, def, body.pipeline ?? record.pipeline);
      // Into another of the entity's pipelines: the record enters it afresh, so no stage of it is its current one.
      const switching = record.pipeline !== null && record.pipeline !== pipelineKey;
      // The patch follows PATCH's rules (known, visible, writable fields) before the stage looks at the result.
      const patch = body.data === undefined ? {} : await checkSentData(db.client, actor, entity, def, body.data, record.data);
      const data = mergePatch(record.data, patch);
      const move = checkMove(
        switching ? null : record.stage,
        pipeline,
        { roles: actor.roleKeys, hidden: fieldRules(actor, entity).hidden },
        { stage: body.stage, data, closeReason: body.closeReason },
      );
      if (!move.ok) throw new Problem(move.status, move.detail, move.errors.length ? move.errors : undefined);
      validateRecordData(actor, entity, def, data);
      const changes = changedFields(record.data, data);
      const left = record.pipeline === null ? undefined : actor.bundle.pipelines[record.pipeline]?.stages.find((st) => st.key === record.stage);
      const from = stageRef(left, record.stage);
      const pipelineChange = switching ? { pipeline: { before: record.pipeline, after: pipelineKey } } : {};
      const to = stageRef(move.to, move.to.key)!;
      const reason = move.closeReason === null ? {} : { closeReason: { after: move.closeReason } };
      const now = deps.now();
      await db.write((tx) =>
        commitChange(writeContext(tx, actor, now), record, {
          data,
          stage: { pipeline: pipelineKey, key: to.key, probability: move.to.probability, closeReason: move.closeReason },
          timeline: [{ kind: 'moved', data: { from, to, closeReason: move.closeReason, changes, ...pipelineChange } }],
          audit: { action: 'record.stage_moved', changes: { ...changes, stage: { before: record.stage, after: to.key }, ...pipelineChange, ...reason } },
        }),
      );
      return respond(c, (await getRecord(db.client, scope, record.id))!);
    },
  );

  app.get(
    '/:entity/stage-totals',
    route({
      summary: 'Exact counts and sums per stage',
      description: 'Over every record of the pipeline you may read; `amount` null when the amount field is hidden from you.',
      access: SIGNED_IN,
      params: { entity: string },
      query: { pipeline: { schema: string, description: 'One of the entity’s pipelines; its default when not given.' } },
      responses: {
        200: json(
          'One entry per stage, in order.',
          object({ pipeline: string, amountField: orNull(string), stages: listOf(object({ stage: string, count: integer, amount: orNull(number) })) }),
        ),
        400: problem('Not a pipeline of this kind of record.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.param('entity');
      const def = entityDef(actor, entity);
      const scope = scopeFor(actor, 'read', entity);
      const asked = c.req.query('pipeline');
      if (asked !== undefined && !entityPipelines(def).includes(asked))
        throw new Problem(400, 'pipeline is not a pipeline of this kind of record.', [
          { path: '/pipeline', message: 'is not a pipeline of this kind of record' },
        ]);
      const { key, pipeline } = pipelineOf(actor, def, asked);
      const { amountField } = reportFields(def.form.schema, scope.hidden);
      const totals = await stageTotals(db, scope, actor.bundle, key);
      // Every stage of the pipeline, in order, also those without records.
      const stages = pipeline.stages.map((s) => ({
        stage: s.key,
        count: totals.get(s.key)?.count ?? 0,
        amount: amountField === null ? null : (totals.get(s.key)?.amount ?? 0),
      }));
      return c.json({ pipeline: key, amountField, stages });
    },
  );

  app.get(
    '/:entity/:id/stage-history',
    route({
      summary: 'When a record entered and left each stage',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 200: json('Oldest first.', items(HISTORY_ROW)), 404: problem('No such record, or one outside your scope.') },
    }),
    async (c) => {
      const { actor, scope, record } = await recordFor(db.client, c, 'read');
      return c.json({ items: await readHistory(db.client, scope, record.id, actor.bundle.pipelines) });
    },
  );

  return app;
}
