import { Hono, type Context } from 'hono';
import { hasTask } from '../access/policy.ts';
import { authenticate } from '../auth/sessions.ts';
import type { Bundle, WorkflowDef } from '../browser-safe/bundle.ts';
import { workflowSchemaErrors } from '../config/validate.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { catalogView } from './catalog.ts';
import { leafStates } from '../browser-safe/workflow-definition.ts';
import { simulate, type Simulation } from './simulate.ts';
import { verifyWorkflow } from './verify.ts';

const key = { type: 'string', maxLength: 64 };
const verifyBody = bodySchema<{ entity: string; workflow: unknown }>({
  type: 'object',
  properties: { entity: key, workflow: {} },
  required: ['entity', 'workflow'],
  additionalProperties: false,
});
const simulateBody = bodySchema<Simulation & { workflow: unknown }>({
  type: 'object',
  properties: {
    entity: key,
    workflow: {},
    role: key,
    data: { type: 'object' },
    state: { type: 'string', maxLength: 700 },
    event: { type: 'string', maxLength: 64 },
    owner: { type: 'boolean' },
  },
  required: ['entity', 'workflow', 'role', 'data'],
  additionalProperties: false,
});

/** The workflow designer's helpers (`configure.workflows`): the catalog, verification and the simulator, against the tenant's draft. */
export function workflowStudioRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(deps));
  app.use('*', async (c, next) => {
    if (!hasTask(c.get('actor'), 'configure.workflows')) throw new Problem(403, 'Your role may not configure workflows.');
    await next();
  });
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

  app.get('/catalog', (c) => c.json(catalogView()));

  app.post('/verify', async (c) => {
    const body = await parseBody(c, verifyBody);
    return c.json({ problems: problemsOf(body.workflow, await draftBundle(c), body.entity) });
  });

  app.post('/simulate', async (c) => {
    const { workflow, ...sim } = await parseBody(c, simulateBody);
    const bundle = await draftBundle(c);
    const problems = problemsOf(workflow, bundle, sim.entity);
    if (problems.length) return c.json({ problems });
    const def = workflow as WorkflowDef;
    if (sim.state !== undefined && !leafPaths(def).includes(sim.state))
      throw new Problem(422, 'state is not a state of this workflow.', [{ path: '/state', message: 'is not a state' }]);
    return c.json({ ...simulate(def, bundle, sim), problems: [] });
  });

  return app;
}

const leafPaths = (def: WorkflowDef) => leafStates(def).map((s) => s.path);
