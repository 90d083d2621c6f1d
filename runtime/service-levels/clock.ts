import type { ServiceClock } from '../browser-safe/bundle.ts';
import type { SlaStatus } from '../browser-safe/service-levels.ts';
import { addBusinessMs, businessMsBetween, type Calendar } from './calendar.ts';

/**
 * One service level clock (a case's first response or resolution), pure: the business time it has used, whether it
 * runs, how it ended. Functions return a new clock; nothing here reads the database or the time.
 */
export interface Clock {
  key: ServiceClock;
  /** Business ms it may use; null: its priority has no target. */
  targetMs: number | null;
  /** Business ms used until `runningSince` (in all, while it stands still). */
  usedMs: number;
  /** Since when it runs; null while it stands still (paused, stopped, in the recycle bin). */
  runningSince: number | null;
  stoppedAt: number | null;
  /** Whether it stopped within its target (null while running, or without a target). */
  met: boolean | null;
  warnedAt: number | null;
  breachedAt: number | null;
}

/** The share of a target at which the warning comes. */
export const WARNING_SHARE = 0.8;
const warnMs = (target: number) => Math.ceil(target * WARNING_SHARE);

/** A clock starting now. */
export const startClock = (key: ServiceClock, targetMs: number | null, now: number): Clock => ({
  key,
  targetMs,
  usedMs: 0,
  runningSince: now,
  stoppedAt: null,
  met: null,
  warnedAt: null,
  breachedAt: null,
});

/** Business ms used by `now`. */
export const usedAt = (cal: Calendar, c: Clock, now: number) => c.usedMs + (c.runningSince === null ? 0 : businessMsBetween(cal, c.runningSince, now));

/** Standing still (paused, or its record in the recycle bin), keeping what it used. */
export const pause = (cal: Calendar, c: Clock, now: number): Clock => (c.runningSince === null ? c : { ...c, usedMs: usedAt(cal, c, now), runningSince: null });

/** Running again from now, unless it stopped. */
export const resume = (c: Clock, now: number): Clock => (c.runningSince !== null || c.stoppedAt !== null ? c : { ...c, runningSince: now });

/** Stopped now: met when it used no more than its target. */
export function stop(cal: Calendar, c: Clock, now: number): Clock {
  if (c.stoppedAt !== null) return c;
  const used = usedAt(cal, c, now);
  return { ...c, usedMs: used, runningSince: null, stoppedAt: now, met: c.targetMs === null ? null : used <= c.targetMs };
}

/** Open again (a case reopened): it goes on from what it had used, standing still until resumed. */
export const reopen = (c: Clock): Clock => (c.stoppedAt === null ? c : { ...c, stoppedAt: null, met: null });

/** Another target (the priority changed), the business time used kept. */
export const retarget = (c: Clock, targetMs: number | null): Clock => (c.stoppedAt !== null ? c : { ...c, targetMs });

/** How the clock stands at `now`; null without a target. */
export function clockStatus(cal: Calendar, c: Clock, now: number): SlaStatus | null {
  if (c.stoppedAt !== null) return c.met === null ? null : c.met ? 'met' : 'missed';
  if (c.targetMs === null) return null;
  const used = usedAt(cal, c, now);
  return used >= c.targetMs ? 'breaching' : used >= warnMs(c.targetMs) ? 'at_risk' : 'on_track';
}

/** The marks a running clock has reached by `now` and not yet acted on: warning at 80 %, breach at 100 %. */
export function marksDue(cal: Calendar, c: Clock, now: number): { warning: boolean; breach: boolean } {
  if (c.stoppedAt !== null || c.targetMs === null) return { warning: false, breach: false };
  const used = usedAt(cal, c, now);
  return { warning: c.warnedAt === null && used >= warnMs(c.targetMs), breach: c.breachedAt === null && used >= c.targetMs };
}

/**
 * When the clock next needs the worker: at 80 % and at 100 % of its target (its status changes; the actions run the
 * first time), as a wall-clock moment through the business calendar; null when it stands still or has nothing ahead.
 */
export function nextDue(cal: Calendar, c: Clock, now: number): number | null {
  if (c.runningSince === null || c.targetMs === null) return null;
  const used = usedAt(cal, c, now);
  const warn = warnMs(c.targetMs);
  if (used < warn) return addBusinessMs(cal, c.runningSince, warn - c.usedMs);
  if (c.warnedAt === null) return now;
  if (used < c.targetMs) return addBusinessMs(cal, c.runningSince, c.targetMs - c.usedMs);
  return c.breachedAt === null ? now : null;
}

/** The moment a running clock reaches (or reached) its target, when it ran all along since its last start. */
export function breachMoment(cal: Calendar, c: Clock): number | null {
  if (c.runningSince === null || c.targetMs === null || c.usedMs >= c.targetMs) return c.breachedAt;
  return addBusinessMs(cal, c.runningSince, c.targetMs - c.usedMs);
}

const RANK: Record<SlaStatus, number> = { on_track: 0, at_risk: 1, breaching: 2, met: 0, missed: 0 };

/**
 * A record's status over its clocks: the worst of those still open (on track, at risk, breaching); when all have
 * stopped, missed if one came late, else met; null when no clock has a target.
 */
export function recordStatus(statuses: { open: boolean; status: SlaStatus | null }[]): SlaStatus | null {
  const open = statuses.filter((s) => s.open && s.status !== null).map((s) => s.status!);
  if (open.length) return open.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  const closed = statuses.filter((s) => !s.open && s.status !== null).map((s) => s.status!);
  if (closed.includes('missed')) return 'missed';
  return closed.length ? 'met' : null;
}
