import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { json, string } from '../http/api-schemas.ts';
import { contract, PUBLIC } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';

// Swagger UI renders the document under the pages' strict CSP: its bundle runs from our origin, started by our own script.
const SWAGGER = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>crm-studio API</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
    <link rel="stylesheet" href="/api/docs/assets/docs.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/assets/init.js"></script>
  </body>
</html>
`;

const OURS: Record<string, { type: string; text: string }> = {
  // validatorUrl null: the page asks nothing of the internet.
  'init.js': {
    type: 'text/javascript; charset=utf-8',
    text: "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, layout: 'BaseLayout', presets: [SwaggerUIBundle.presets.apis] });\n",
  },
  'docs.css': { type: 'text/css; charset=utf-8', text: 'body { margin: 0; background: #fafafa; }\n' },
};
const THEIRS: Record<string, string> = { 'swagger-ui-bundle.js': 'text/javascript; charset=utf-8', 'swagger-ui.css': 'text/css; charset=utf-8' };

/** The API's own description: `GET /api/openapi.json` (OpenAPI 3.1) and a reference page at `/api/docs`. */
export function apiDocsRoutes(deps: Deps, documentOf: () => object) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/openapi.json',
    route({ summary: 'This API as an OpenAPI 3.1 document', access: PUBLIC, responses: { 200: json('The document.', { type: 'object' }) } }),
    (c) => c.json(documentOf()),
  );

  app.get(
    '/docs',
    route({
      summary: 'The API reference, to read in a browser',
      access: PUBLIC,
      responses: { 200: { description: 'A page.', schema: string, contentType: 'text/html' } },
    }),
    (c) => c.html(PAGE),
  );

  app.get(
    '/docs/assets/:file',
    route({
      summary: 'The reference page’s scripts and styles',
      access: PUBLIC,
      params: { file: { enum: [...Object.keys(OURS), ...Object.keys(THEIRS)] } },
      responses: { 200: { description: 'The file.', schema: string, contentType: ['text/javascript', 'text/css'] } },
    }),
    async (c) => {
      const file = c.req.param('file');
      const ours = OURS[file];
      c.header('cache-control', 'public, max-age=3600');
      if (ours) return c.body(ours.text, 200, { 'content-type': ours.type });
      if (!Object.hasOwn(THEIRS, file)) throw new Problem(404, 'There is nothing at this address.');
      return c.body(await readFile(join(SWAGGER, file)), 200, { 'content-type': THEIRS[file]! });
    },
  );

  return app;
}
