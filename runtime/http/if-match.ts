import type { Context } from 'hono';
import { Problem } from './problem.ts';

/** What If-Match asks for: a version (ETags here are `"<number>"`, weak or strong), `*` (any current version), or nothing. */
export type Expected = number | '*' | undefined;

/**
 * Reads If-Match: 428 when it is required and absent, 412 when it names no version, undefined when it is optional
 * and absent. Call it after the addressed thing is found, so a missing or unseen one answers 404 whatever If-Match says.
 */
export function ifMatchVersion(c: Context, required: boolean): Expected {
  const header = c.req.header('if-match')?.trim();
  if (header === undefined) {
    if (required) throw new Problem(428, 'Send If-Match with the ETag you last read, so no one else’s change is overwritten.');
    return undefined;
  }
  if (header === '*') return '*';
  const version = Number(/^(?:W\/)?"(\d+)"$/.exec(header)?.[1]);
  if (!Number.isInteger(version)) throw new Problem(412, 'If-Match does not name a version you read.');
  return version;
}

/** Whether the current version satisfies what If-Match asked for (RFC 9110 §13.1.1: `*` matches any current one). */
export const matches = (expected: Expected, current: number) => expected === undefined || expected === '*' || expected === current;
