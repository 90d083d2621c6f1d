import { randomUUID } from 'node:crypto';
import type { Deps } from '../http/env.ts';
import { drainOutbox } from './send.ts';
import { drainMailboxes } from './sync.ts';
import { runEvery } from '../db/background.ts';

/** The mail worker of a runtime process: every two seconds, mailboxes due for a sync, then messages due to be sent. */
export function startMailWorker(deps: Deps): { stop: () => Promise<void> } {
  const owner = `${process.pid}-${randomUUID()}`;
  return runEvery('mail', 2000, () => drainOutbox(deps, owner).then(() => drainMailboxes(deps, owner)));
}
