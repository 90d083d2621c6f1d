import type { Context } from 'hono';
import { clientAddress } from '../http/address.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import type { Problem } from '../http/problem.ts';
import { audit } from './log.ts';

/**
 * Records a request refused with 403 to a signed-in person (`access.refused`): what they asked for and why it was
 * refused, so an administrator sees attempts beyond someone's role. Requests of nobody signed in are not attributed.
 */
export async function auditRefusal(deps: Deps, c: Context<AppEnv>, problem: Problem): Promise<void> {
  const actor = c.get('actor');
  if (!actor) return;
  await deps.db.write((tx) =>
    audit(
      tx,
      {
        tenantId: actor.tenantId,
        actorId: actor.userId,
        action: 'access.refused',
        targetType: 'request',
        address: clientAddress(c, deps),
        changes: { method: c.req.method, path: c.req.path, reason: problem.detail },
      },
      deps.now(),
    ),
  );
}
