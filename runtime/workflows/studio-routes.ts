import { Hono, type Context } from 'hono';
import type { Bundle, WorkflowDef } from '../browser-safe/bundle.ts';
import { workflowSchemaErrors } from '../config/validate.ts';
import { boolean, json, listOf, mapOf, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { catalogView } from './catalog.ts';
import { leafStates } from '../browser-safe/workflow-definition.ts';
import { workflowPaths } from './paths.ts';
import { simulate, type Simulation } from './simulate.ts';
import { verifyWorkflow } from './verify.ts';

const key = { type: 'string', maxLength: 64 };
const CONFIGURE_WORKFLOWS = anyTask(['configure.workflows'], 'Your role may not configure workflows.');
const CATALOG_ENTRY = object({ name: string, label: string, description: string, params: mapOf({}) });
const FIELD_PROBLEM = object({ path: string, message: string });
const SIMULATION = object(
  {
    problems: listOf(FIELD_PROBLEM),
    state: string,
    final: boolean,
    fired: boolean,
    mayUpdate: boolean,
    events: listOf(object({ type: string, allowed: boolean, target: string, guards: listOf(object({ type: string, path: string, passed: boolean })) })),
    effects: listOf(object({ type: string, params: mapOf({}) })),
  },
  ['state', 'final', 'fired', 'mayUpdate', 'events', 'effects'],
);
const PATH_STEP = object({ event: string, delay: string, from: string, to: string }, ['delay']);
const PATHS = object(
  {
    problems: listOf(FIELD_PROBLEM),
    start: string,
    mayUpdate: boolean,
    paths: listOf(object({ steps: listOf(PATH_STEP) })),
    complete: boolean,
    untaken: listOf(object({ from: string, kind: { enum: ['on', 'always', 'after'] }, trigger: string, target: orNull(string) })),
  },
  ['start', 'mayUpdate', 'paths', 'complete', 'untaken'],
);
const verifyBody = bodySchema<{ entity: string; workflow: unknown }>({
  type: 'object',
  properties: { entity: key, workflow: {} },
  required: ['entity', 'workflow'],
  additionalProperties: false,
});
/** A sample record and the role acting on it, as the simulator and the path generator take them. */
const sample = {
  entity: key,
  workflow: {},
  role: key,
  data: { type: 'object' },
  owner: { type: 'boolean' },
};
const simulateBody = bodySchema<Simulation & { workflow: unknown }>({
  type: 'object',
  properties: {
    ...sample,
    state: { type: 'string', maxLength: 700 },
    // An event, or a timer's own event (`xstate.after.P3D.case.waiting`) when a path lets time pass.
    event: { type: 'string', maxLength: 800 },
  },
  required: ['entity', 'workflow', 'role', 'data'],
  additionalProperties: false,
});
const pathsBody = bodySchema<Omit<Simulation, 'state' | 'event'> & { workflow: unknown }>({
  type: 'object',
  properties: sample,
  required: ['entity', 'workflow', 'role', 'data'],
  additionalProperties: false,
});

/** The workflow designer's helpers (`configure.workflows`): the catalog, verification and the simulator, against the tenant's draft. */
export function workflowStudioRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);
  const draftBundle = async (c: Context<AppEnv>) => {
    const row = (await db.client.execute({ sql: 'SELECT bundle FROM config_drafts WHERE tenant_id = ?', args: [c.get('actor').tenantId] })).rows[0]!;
    return JSON.parse(String(row.bundle)) as Bundle;
  };
  /** Schema problems first (nothing else can be judged), then the verifier's, against the draft's forms and roles. */
  const problemsOf = (workflow: unknown, bundle: Bundle, entity: string) => {
    if (!Object.hasOwn(bundle.entities, entity))
      throw new Problem(422, 'entity is not an entity of the draft.', [{ path: '/entity', message: 'is not an entity' }]);
    const schema = workflowSchemaErrors(workflow);
    return schema.length ? schema : verifyWorkflow(workflow as WorkflowDef, { bundle, entity });
  };

  app.get(
    '/catalog',
    route({
      summary: 'The guards and actions workflows may name',
      access: CONFIGURE_WORKFLOWS,
      responses: { 200: json('Each with the JSON Schema of its params.', object({ guards: listOf(CATALOG_ENTRY), actions: listOf(CATALOG_ENTRY) })) },
    }),
    (c) => c.json(catalogView()),
  );

  app.post(
    '/verify',
    route({
      summary: 'Verify a workflow against the draft',
      description: 'Every problem at its JSON path: schema first, then the verifier (targets, reachability, ways out, guards, actions, fields and roles).',
      access: CONFIGURE_WORKFLOWS,
      body: verifyBody,
      responses: {
        200: json('The problems; none means it may be published.', object({ problems: listOf(FIELD_PROBLEM) })),
        422: problem('Not an entity of the draft.'),
      },
    }),
    async (c) => {
      const body = await parseBody(c, verifyBody);
      return c.json({ problems: problemsOf(body.workflow, await draftBundle(c), body.entity) });
    },
  );

  app.post(
    '/simulate',
    route({
      summary: 'Try a workflow as someone of a role',
      description:
        'Where a record with this data stands, which events the role could fire (each guard’s verdict), and what firing `event` would do. Writes nothing.',
      access: CONFIGURE_WORKFLOWS,
      body: simulateBody,
      responses: { 200: json('The simulation, or the workflow’s problems.', SIMULATION), 422: problem('Not an entity, or not a state of the workflow.') },
    }),
    async (c) => {
      const { workflow, ...sim } = await parseBody(c, simulateBody);
      const bundle = await draftBundle(c);
      const problems = problemsOf(workflow, bundle, sim.entity);
      if (problems.length) return c.json({ problems });
      const def = workflow as WorkflowDef;
      if (sim.state !== undefined && !leafPaths(def).includes(sim.state))
        throw new Problem(422, 'state is not a state of this workflow.', [{ path: '/state', message: 'is not a state' }]);
      return c.json({ ...simulate(def, bundle, sim), problems: [] });
    },
  );

  app.post(
    '/paths',
    route({
      summary: 'Paths through a workflow to try',
      description:
        'For a role and sample data: paths from the start that together take every transition the role can take (events it may fire, timers running out), and the transitions none of them takes. Writes nothing.',
      access: CONFIGURE_WORKFLOWS,
      body: pathsBody,
      responses: {
        200: json('The paths (`complete` false: the first ones only, as they were too many), or the workflow’s problems.', PATHS),
        422: problem('Not an entity of the draft, or too many ways through the workflow to list.'),
      },
    }),
    async (c) => {
      const { workflow, ...sim } = await parseBody(c, pathsBody);
      const bundle = await draftBundle(c);
      const problems = problemsOf(workflow, bundle, sim.entity);
      if (problems.length) return c.json({ problems });
      return c.json({ ...workflowPaths(workflow as WorkflowDef, bundle, sim), problems: [] });
    },
  );

  return app;
}

const leafPaths = (def: WorkflowDef) => leafStates(def).map((s) => s.path);
