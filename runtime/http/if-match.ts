import type { Context } from 'hono';
import { Problem } from './problem.ts';

/**
 * The version an If-Match header names (ETags here are `"<number>"`, weak or strong): 428 when it is
 * required and absent, 412 when it names no version, undefined when it is optional and absent.
 */
export function ifMatchVersion(c: Context, required: boolean): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) {
    if (required) throw new Problem(428, 'Send If-Match with the ETag you last read, so no one else’s change is overwritten.');
    return undefined;
  }
  const version = Number(/^(?:W\/)?"(\d+)"$/.exec(header.trim())?.[1]);
  if (!Number.isInteger(version)) throw new Problem(412, 'If-Match does not name a version you read.');
  return version;
}
