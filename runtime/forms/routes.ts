import { Hono, type Context } from 'hono';
import { callerView } from '../config/caller-view.ts';
import { json, object, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract, SIGNED_IN } from '../http/contract.ts';
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

/** How long a preview's validators stay available: the designer asks again when the form changes. */
const PREVIEW_MS = 3600_000;
const DESIGN_FORMS = anyTask(['configure.forms'], 'Your role may not design forms.');
const MODULE = { description: 'An ES module exporting the compiled validator.', schema: { type: 'string' }, contentType: 'text/javascript' };

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
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/preview',
    route({
      summary: 'Validators of a form being designed',
      description: 'Stores the form for an hour and answers where its module is; any runtime process serves it.',
      access: DESIGN_FORMS,
      body: previewBody,
      responses: { 200: json('Where the module is.', object({ url: string })) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const form = await parseBody(c, previewBody);
      const id = formFingerprint(form);
      const now = deps.now();
      await db.batch([
        { sql: 'DELETE FROM form_previews WHERE expires_at <= ?', args: [now] },
        {
          sql: 'INSERT INTO form_previews (tenant_id, id, form, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET form = excluded.form, expires_at = excluded.expires_at',
          args: [actor.tenantId, id, JSON.stringify(form), now + PREVIEW_MS],
        },
      ]);
      return c.json({ url: `/api/forms/preview/${id}.js` });
    },
  );

  app.get(
    '/preview/:file',
    route({
      summary: 'The validators module of a form being designed',
      access: DESIGN_FORMS,
      params: { file: string },
      responses: { 200: MODULE, 404: problem('The preview has expired; preview again.'), 422: problem('A field setting is not valid JSON Schema.') },
    }),
    async (c) => {
      const row = (
        await db.client.execute({
          sql: 'SELECT form FROM form_previews WHERE tenant_id = ? AND id = ? AND expires_at > ?',
          args: [c.get('actor').tenantId, c.req.param('file').replace(/\.js$/, ''), deps.now()],
        })
      ).rows[0];
      if (!row) throw new Problem(404, 'This preview is gone; open the preview again.');
      return moduleResponse(c, JSON.parse(String(row.form)) as BrowserForm);
    },
  );

  app.get(
    '/:file',
    route({
      summary: 'The validators module of an entity’s form as you see it',
      description: 'Precompiled here so pages need no `eval`; the server validates every save again. `:file` is `<entity>.js`.',
      access: SIGNED_IN,
      params: { file: string },
      responses: { 200: MODULE, 404: problem('No such form for you.') },
    }),
    (c) => {
      const { entities } = callerView(c.get('actor'));
      const key = c.req.param('file').replace(/\.js$/, '');
      // Own keys only: "constructor.js" names no entity.
      const entity = Object.hasOwn(entities, key) ? entities[key] : undefined;
      if (!entity) throw new Problem(404, 'There is no such form.');
      return moduleResponse(c, entity.form as BrowserForm);
    },
  );
  return app;
}
