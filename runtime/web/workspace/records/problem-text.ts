import { ApiError } from '../../kit/api/client.ts';

type Translate = (key: string, values?: Record<string, unknown>) => string;

// One line per answer the workspace explains in the person's language; others get the generic text.
const TEXTS: Record<number, string> = {
  0: 'errors.offline',
  400: 'problems.badRequest',
  403: 'problems.forbidden',
  404: 'problems.notFound',
  409: 'problems.conflict',
  412: 'problems.stale',
  413: 'problems.tooLarge',
  422: 'errors.fixFields',
  429: 'problems.throttled',
};

/** What went wrong, in the person's language, for an error an API call threw. */
export function problemText(error: unknown, t: Translate): string {
  const status = error instanceof ApiError ? error.status : -1;
  return t(TEXTS[status] ?? 'errors.generic');
}
