import type { ServiceClock, ServiceLevels } from '../browser-safe/bundle.ts';
import { activeStates } from '../browser-safe/workflow-definition.ts';
import type { SlaStatus } from '../browser-safe/service-levels.ts';
import { monthOf, type Calendar } from './calendar.ts';
import { clockStatus, nextDue, pause, recordStatus, reopen, resume, retarget, stop, type Clock } from './clock.ts';
import type { ClockExtras } from './store.ts';

/** Where a record is now, as its clocks care: its workflow state, whether it is in the recycle bin, whether a person just answered it. */
export interface Situation {
  state: string | null;
  inBin: boolean;
  /** A person moved it to another state, or mailed from it: the first response is given. */
  responded: boolean;
}

/** A target in business ms for a priority and clock from a record's targets; null when there is none. */
export function targetMs(targets: ServiceLevels['targets'], priority: string | null, clock: ServiceClock): number | null {
  const minutes = priority === null || !Object.hasOwn(targets, priority) ? undefined : targets[priority]![clock];
  return minutes === undefined ? null : minutes * 60_000;
}

/** The priority a record's data gives (its priority field's value as text), null when unset. */
export function priorityOf(data: Record<string, unknown>, field: string): string | null {
  const value = data[field];
  return value === undefined || value === null || value === '' ? null : String(value);
}

/**
 * The clocks after a record changed, pure: the first response stops once a person answers (or the record is resolved);
 * resolution stops in a resolved state and goes on, from what it used, when the record leaves it (reopened); an open
 * clock runs unless the record waits in a pause state or lies in the recycle bin.
 */
export function follow(cal: Calendar, policy: Pick<ServiceLevels, 'pauseStates' | 'resolvedStates'>, clocks: Clock[], at: Situation, now: number): Clock[] {
  // A record rests in a leaf state; a list may name it or a state around it.
  const active = at.state === null ? [] : activeStates(at.state);
  const resolved = active.some((s) => policy.resolvedStates.includes(s));
  const paused = active.some((s) => (policy.pauseStates ?? []).includes(s));
  return clocks.map((c) => {
    let next = c;
    if (c.key === 'firstResponse' && (at.responded || resolved)) next = stop(cal, next, now);
    if (c.key === 'resolution') next = resolved ? stop(cal, next, now) : reopen(next);
    return next.stoppedAt === null && !at.inBin && !paused ? resume(next, now) : pause(cal, next, now);
  });
}

/** Open clocks take the targets of a new priority, keeping the business time they used. */
export const reprice = (clocks: Clock[], targets: ServiceLevels['targets'], priority: string | null) =>
  clocks.map((c) => retarget(c, targetMs(targets, priority, c.key)));

/** What to keep of each clock besides its state (its next mark, the month it stopped in) and the record's status. */
export function settle(cal: Calendar, clocks: Clock[], now: number): { kept: [Clock, ClockExtras][]; status: SlaStatus | null } {
  const kept = clocks.map((c): [Clock, ClockExtras] => [c, { dueAt: nextDue(cal, c, now), month: c.stoppedAt === null ? null : monthOf(cal, c.stoppedAt) }]);
  const status = recordStatus(clocks.map((c) => ({ open: c.stoppedAt === null, status: clockStatus(cal, c, now) })));
  return { kept, status };
}
