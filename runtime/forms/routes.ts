import { Hono, type Context } from 'hono';
import { hasTask } from '../access/policy.ts';
import { authenticate } from '../auth/sessions.ts';
import { callerView } from '../config/caller-view.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { browserValidatorModule, formFingerprint, type BrowserForm } from './browser-validators.ts';

const previewBody = bodySchema<BrowserForm>({
  type: 'object',
  properties: { schema: { type: 'object' }, uischema: { type: 'object' } },
  required: ['schema', 'uischema'],
  additionalProperties: false,
});

// Forms being designed, by tenant and fingerprint; a preview is short-lived, so only the newest few are kept.
const previews = new Map<string, BrowserForm>();
const PREVIEW_LIMIT = 200;

const mayDesign = (c: Context<AppEnv>) => {
  if (!hasTask(c.get('actor'), 'configure.forms')) throw new Problem(403, 'Your role may not design forms.');
};

const moduleResponse = (c: Context<AppEnv>, form: BrowserForm) => {
  let code: string;
  try {
    code = browserValidatorModule(form);
  } catch {
    throw new Problem(422, 'This form cannot be checked: one of its field settings is not valid JSON Schema.');
  }
  return c.body(code, 200, { 'content-type': 'text/javascript; charset=utf-8' });
};

/**
 * Form validators as ES modules, precompiled here so pages need no `eval`: one per entity for the caller's
 * view of the published form, and one per form preview in the studio.
 */
export function formRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(deps));

  app.post('/preview', async (c) => {
    mayDesign(c);
    const actor = c.get('actor');
    const form = await parseBody(c, previewBody);
    const id = formFingerprint(form);
    previews.delete(`${actor.tenantId}/${id}`);
    previews.set(`${actor.tenantId}/${id}`, form);
    if (previews.size > PREVIEW_LIMIT) previews.delete(previews.keys().next().value!);
    return c.json({ url: `/api/forms/preview/${id}.js` });
  });

  app.get('/preview/:file', (c) => {
    mayDesign(c);
    const form = previews.get(`${c.get('actor').tenantId}/${c.req.param('file').replace(/\.js$/, '')}`);
    if (!form) throw new Problem(404, 'This preview is gone; open the preview again.');
    return moduleResponse(c, form);
  });

  app.get('/:file', (c) => {
    const { entities } = callerView(c.get('actor'));
    const key = c.req.param('file').replace(/\.js$/, '');
    // Own keys only: "constructor.js" names no entity.
    const entity = Object.hasOwn(entities, key) ? entities[key] : undefined;
    if (!entity) throw new Problem(404, 'There is no such form.');
    return moduleResponse(c, entity.form as BrowserForm);
  });
  return app;
}
