import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { MiddlewareHandler } from 'hono';
import { hasTask, OWNER_ROLE } from '../access/policy.ts';
import { authenticate, sessionOnly } from '../auth/sessions.ts';
import type { Task } from '../browser-safe/bundle.ts';
import type { AppEnv, Deps } from './env.ts';
import { Problem } from './problem.ts';
import { fieldErrors } from './validate.ts';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

/** Who may call a route. The contract's middleware enforces it before the handler runs; the API document says it. */
export type Access =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** A person signed in with a session cookie, or a script with an API token. */
  | { kind: 'signed-in' }
  /** A person signed in with a session cookie: what concerns them across their companies is never an API token's. */
  | { kind: 'session' }
  /** Signed in and holding any of these task privileges (owners hold every one). */
  | { kind: 'task'; tasks: readonly Task[]; refusal: string }
  /** Owners of the tenant only. */
  | { kind: 'owner'; refusal: string };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signed-in' };
export const SESSION: Access = { kind: 'session' };
/** Signed in with any of `tasks`; `refusal` is the 403's detail for anyone else. */
export const anyTask = (tasks: readonly Task[], refusal: string): Access => ({ kind: 'task', tasks, refusal });
export const ownerOnly = (refusal: string): Access => ({ kind: 'owner', refusal });

/** One answer a route may give. */
export interface Reply {
  description: string;
  /** The body's schema; none for an empty answer. */
  schema?: JsonSchema;
  /** Default: application/json; several when the answer may be any of them. */
  contentType?: string | string[];
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

/** A route's contract: what it needs, takes and answers. The same schemas validate the request and make the API document. */
export interface RouteSpec {
  summary: string;
  description?: string;
  access: Access;
  params?: Record<string, JsonSchema>;
  query?: Record<string, { schema: JsonSchema; description: string; required?: boolean }>;
  /** The JSON body: the compiled check the handler reads it with (parseBody), or a schema with a description for bodies read otherwise. */
  body?: ValidateFunction<unknown> | { schema: JsonSchema; description: string; contentType?: string; optional?: boolean };
  /** Whether the route reads If-Match (ETags are `"<version>"`; `*` matches any current one). */
  ifMatch?: 'required' | 'optional';
  /** Answers besides the problem+json errors every route may give; give the error statuses worth a word. */
  responses: Record<number, Reply>;
}

const specs = new WeakMap<MiddlewareHandler, RouteSpec>();

/** The contract a route's middleware carries, for the API document; undefined for any other handler. */
export const specOf = (handler: unknown) => specs.get(handler as MiddlewareHandler);

// Path and query values arrive as strings: numbers and booleans are compared as what they say.
const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

function valuesCheck(schemas: Record<string, JsonSchema>, required: string[]): ValidateFunction {
  return ajv.compile({ type: 'object', properties: schemas, required });
}

/**
 * The middleware of routes' contracts: for each spec, one middleware that authenticates as `access` says, refuses
 * callers without the privilege it names (403), checks path and query values against their schemas (400 naming each),
 * and carries the spec for the API document. Mount it before the handler: `app.get(path, route({...}), handler)`.
 */
export function contract(deps: Deps) {
  const signIn = authenticate(deps);
  const done = async () => undefined;
  return (spec: RouteSpec): MiddlewareHandler<AppEnv> => {
    const params = spec.params && valuesCheck(spec.params, Object.keys(spec.params));
    const query =
      spec.query &&
      valuesCheck(
        Object.fromEntries(Object.entries(spec.query).map(([k, q]) => [k, q.schema])),
        Object.keys(spec.query).filter((k) => spec.query![k]!.required),
      );
    const { access } = spec;
    const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
      if (access.kind !== 'public') await signIn(c, done);
      if (access.kind === 'session') await sessionOnly(c, done);
      if (access.kind === 'task' && !access.tasks.some((t) => hasTask(c.get('actor'), t))) throw new Problem(403, access.refusal);
      if (access.kind === 'owner' && c.get('actor').roleKey !== OWNER_ROLE) throw new Problem(403, access.refusal);
      if (params && !params({ ...c.req.param() })) throw new Problem(404, 'There is nothing at this address.');
      if (query && !query({ ...c.req.query() })) throw new Problem(400, 'Some parameters are not valid.', fieldErrors(query.errors));
      await next();
    };
    specs.set(middleware, spec);
    return middleware;
  };
}
