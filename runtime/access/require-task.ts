import type { MiddlewareHandler } from 'hono';
import type { Task } from '../browser-safe/bundle.ts';
import type { AppEnv } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { hasTask } from './policy.ts';

/** Refuses (403, with `refusal` as the detail) a caller whose role lacks `task`; mount after authenticate(). */
export const requireTask =
  (task: Task, refusal: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!hasTask(c.get('actor'), task)) throw new Problem(403, refusal);
    await next();
  };
