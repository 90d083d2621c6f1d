import type { ClockView, ServiceLevelView } from '../browser-safe/service-levels.ts';
import type { Calendar } from './calendar.ts';
import { breachMoment, clockStatus, recordStatus, usedAt, type Clock } from './clock.ts';
import type { StoredSla } from './store.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** One clock as a record's page shows it at `now`: business time used and left, how it runs, when it is or was due. */
export function clockView(cal: Calendar, c: Clock, now: number): ClockView {
  const used = usedAt(cal, c, now);
  const over = c.targetMs !== null && used >= c.targetMs;
  return {
    clock: c.key,
    targetMinutes: c.targetMs === null ? null : Math.round(c.targetMs / 60_000),
    usedMs: used,
    remainingMs: c.targetMs === null ? null : c.targetMs - used,
    status: clockStatus(cal, c, now),
    run: c.stoppedAt !== null ? 'stopped' : c.runningSince !== null ? 'running' : 'paused',
    dueAt: c.runningSince === null ? null : iso(breachMoment(cal, c)),
    breachedAt: over ? iso(c.stoppedAt === null ? breachMoment(cal, c) : c.breachedAt) : null,
    stoppedAt: iso(c.stoppedAt),
  };
}

/** A record's service level at `now`; `priority` is left out when the reader may not see the priority field. */
export function serviceLevelView(cal: Calendar, sla: StoredSla | undefined, now: number, priorityHidden: boolean): ServiceLevelView {
  if (!sla) return { status: null, priority: null, clocks: [] };
  const clocks = sla.clocks.map((c) => clockView(cal, c, now));
  return {
    status: recordStatus(clocks.map((c) => ({ open: c.run !== 'stopped', status: c.status }))),
    priority: priorityHidden ? null : sla.priority,
    clocks,
  };
}
