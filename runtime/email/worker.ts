import { randomUUID } from 'node:crypto';
import type { Deps } from '../http/env.ts';
import { drainOutbox } from './send.ts';
import { drainMailboxes } from './sync.ts';

/** The mail worker of a runtime process: every two seconds, mailboxes due for a sync, then messages due to be sent. */
export function startMailWorker(deps: Deps): { stop: () => Promise<void> } {
  const owner = `${process.pid}-${randomUUID()}`;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= drainOutbox(deps, owner)
      .then(() => drainMailboxes(deps, owner))
      .catch((e: unknown) => console.error('mail:', e))
      .finally(() => (running = undefined));
  }, 2000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
