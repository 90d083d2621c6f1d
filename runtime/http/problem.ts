import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One failing field: `path` is a JSON Pointer into the request body. */
export interface FieldError {
  path: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** An error that becomes an RFC 9457 problem+json response; throw it from any handler. */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

/** The one 404 body, for records that are missing and records outside the caller's scope alike. */
export const notFound = (what = 'record') => new Problem(404, `No such ${what}.`);

export function problemResponse(c: Context, p: Problem): Response {
  const body = {
    type: 'about:blank',
    title: TITLES[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
    ...p.extra,
  };
  return c.body(JSON.stringify(body), p.status, {
    'content-type': 'application/problem+json',
    ...p.headers,
  });
}
