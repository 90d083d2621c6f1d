/** Service levels as the API shows them (a case's clocks, list statuses, the compliance report) and their changes between versions. */
import { SERVICE_CLOCKS, type Bundle, type ServiceClock } from './bundle.ts';

/** How a record stands: open clocks on track, at risk (≥ 80 % used), breaching (≥ 100 %); all stopped: met, or missed. */
export const SLA_STATUSES = ['on_track', 'at_risk', 'breaching', 'met', 'missed'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

/** One clock of a record, as its page shows it; business times in ms, moments as ISO strings. */
export interface ClockView {
  clock: ServiceClock;
  /** The target in minutes of business time; null when the record's priority has none. */
  targetMinutes: number | null;
  usedMs: number;
  /** Business time left (negative: over by so much); null without a target. */
  remainingMs: number | null;
  status: SlaStatus | null;
  /** Running, standing still (the record waits on the customer), or stopped (met or missed). */
  run: 'running' | 'paused' | 'stopped';
  /** When it reaches (or reached) its target, while it runs. */
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
}

/** A record's service level: its status over both clocks, the priority its targets come from, its clocks. */
export interface ServiceLevelView {
  status: SlaStatus | null;
  priority: string | null;
  clocks: ClockView[];
}

/** Met and counted clocks of one kind. */
export interface Compliance {
  total: number;
  met: number;
}
/** One row of the compliance report: a month (`YYYY-MM`, the company's calendar) or a team (null: no team), or both. */
export interface ComplianceRow {
  month?: string;
  team?: string | null;
  teamName?: string | null;
  firstResponse: Compliance;
  resolution: Compliance;
}
/** How many first responses and resolutions came within target, per month and per team, over the records the reader may read. */
export interface ComplianceReport {
  entity: string;
  months: ComplianceRow[];
  teams: ComplianceRow[];
  totals: ComplianceRow;
}

/** A target that a new version changes (minutes; null: none), for the review to say. */
export interface TargetChange {
  entity: string;
  priority: string;
  clock: ServiceClock;
  before: number | null;
  after: number | null;
}

/** Every target that differs from `before` to `after`, per entity, priority and clock, in the order of `after`'s targets. */
export function targetChanges(before: Pick<Bundle, 'entities'> | null | undefined, after: Pick<Bundle, 'entities'>): TargetChange[] {
  const changes: TargetChange[] = [];
  for (const entity of [...new Set([...Object.keys(after.entities), ...Object.keys(before?.entities ?? {})])]) {
    const a = before?.entities[entity]?.serviceLevels?.targets ?? {};
    const b = after.entities[entity]?.serviceLevels?.targets ?? {};
    for (const priority of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      for (const clock of SERVICE_CLOCKS) {
        const from = a[priority]?.[clock] ?? null;
        const to = b[priority]?.[clock] ?? null;
        if (from !== to) changes.push({ entity, priority, clock, before: from, after: to });
      }
    }
  }
  return changes;
}
