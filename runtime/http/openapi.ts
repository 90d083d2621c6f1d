import { formatComponents } from '../config/schema-components.ts';
import { API_SCHEMAS, problem } from './api-schemas.ts';
import { specOf, type Access, type JsonSchema, type RouteSpec } from './contract.ts';

/** Hono's `/api/records/:entity/:id` → OpenAPI's `/api/records/{entity}/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const SECURITY: Record<Access['kind'], Record<string, string[]>[]> = {
  public: [],
  'signed-in': [{ session: [] }, { token: [] }],
  session: [{ session: [] }],
  task: [{ session: [] }, { token: [] }],
  owner: [{ session: [] }, { token: [] }],
};

/** The document's groups, by a path's first segment under /api. */
const TAGS: Record<string, string> = {
  signup: 'Signing in',
  login: 'Signing in',
  logout: 'Signing in',
  session: 'Signing in',
  'password-reset': 'Signing in',
  me: 'You',
  tenant: 'Your company',
  directory: 'Your company',
  users: 'People and access',
  invitations: 'People and access',
  tokens: 'People and access',
  config: 'Configuration',
  forms: 'Configuration',
  'public-forms': 'Configuration',
  workflows: 'Configuration',
  records: 'Records',
  attachments: 'Records',
  tasks: 'Tasks and notifications',
  notifications: 'Tasks and notifications',
  reports: 'Reports and audit',
  audit: 'Reports and audit',
  'openapi.json': 'This API',
  docs: 'This API',
};

/** What a route needs, in words, for its description. */
function accessText(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'Anyone may call this.';
    case 'signed-in':
      return 'Needs a signed-in person (session cookie) or an API token.';
    case 'session':
      return 'Needs a signed-in person with a session cookie; API tokens act within their own company only and are refused.';
    case 'task':
      return `Needs the task privilege ${access.tasks.map((t) => `\`${t}\``).join(' or ')} (owners hold every one).`;
    case 'owner':
      return 'Owners only.';
  }
}

function operation(method: string, path: string, spec: RouteSpec) {
  const tag = TAGS[path.split('/')[2] ?? ''] ?? 'Other';
  const parameters = [
    ...Object.entries(spec.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...Object.entries(spec.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: q.required ?? false,
      description: q.description,
      schema: q.schema,
    })),
    ...(spec.ifMatch
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: spec.ifMatch === 'required',
            description: 'The ETag last read (`"<version>"`), or `*`.',
            schema: { type: 'string' },
          },
        ]
      : []),
  ];
  const body =
    spec.body &&
    ('description' in spec.body ? spec.body : { schema: spec.body.schema as JsonSchema, description: 'JSON', contentType: undefined, optional: false });
  // Every route may refuse with a problem+json answer; the statuses worth a word are listed in its spec.
  const replies = {
    ...spec.responses,
    '4XX': problem('The request was refused; the body says why.'),
    '5XX': problem('A fault on the server; nothing was changed.'),
  };
  const responses = Object.fromEntries(
    Object.entries(replies).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.headers ? { headers: r.headers } : {}),
        ...(r.schema ? { content: Object.fromEntries([r.contentType ?? 'application/json'].flat().map((type) => [type, { schema: r.schema }])) } : {}),
      },
    ]),
  );
  return {
    operationId: `${method.toLowerCase()}${path.replace(/\/api/, '').replace(/[/:.{}-]+(\w)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    summary: spec.summary,
    description: [spec.description, accessText(spec.access)].filter(Boolean).join('\n\n'),
    tags: [tag],
    security: SECURITY[spec.access.kind],
    ...(spec.access.kind === 'task' ? { 'x-privileges': spec.access.tasks } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: !body.optional,
            description: body.description,
            content: { [body.contentType ?? 'application/json']: { schema: body.schema } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every route of `app` that carries a contract. */
export function openApiDocument(app: { routes: { method: string; path: string; handler: unknown }[] }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of app.routes) {
    const spec = specOf(route.handler);
    if (!spec) continue;
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route.method, route.path, spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'crm-studio API',
      version: '1',
      summary: 'The runtime of crm-studio: records, configuration, people and access.',
      description:
        'JSON over `/api`, camelCase. Errors are `application/problem+json` (RFC 9457) with `errors: [{path, message}]` naming each field by JSON Pointer. ' +
        'A record outside your scope answers exactly like a missing one (404). State-changing requests a browser marks as coming from another site are refused (403).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sid', description: 'The session cookie a sign-in sets.' },
        token: { type: 'http', scheme: 'bearer', description: 'An API token (`POST /api/tokens`), acting as its creator with their current role.' },
      },
      schemas: { ...API_SCHEMAS, ...formatComponents() },
    },
  };
}
