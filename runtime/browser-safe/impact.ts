/** What publishing or importing a configuration does to a tenant's records: the answer of a dry run, and the mappings it asks for. */

/** Where records in states or stages that a new version drops should go, per entity: `{lead: {old: new}}`. */
export interface Mappings {
  states?: Record<string, Record<string, string>>;
  stages?: Record<string, Record<string, string>>;
}

/** What a new version would do to the records (counts only: never which records). */
export interface Impact {
  /** Per entity: how many records would no longer validate against the new form. */
  invalidRecords: Record<string, number>;
  /** Per entity: records of entities the new version removes. */
  removedEntities: Record<string, number>;
  /** Per entity and state/stage: records in a state or stage the new version does not have. */
  orphanedStates: Record<string, Record<string, number>>;
  orphanedStages: Record<string, Record<string, number>>;
  /** Per entity: waiting records' timers the new version schedules anew (`due`: at once, being overdue) or cancels. */
  timers: Record<string, TimerImpact>;
}

/** The non-zero timer counts of an impact, one row per entity and kind, for reviews to put in words. */
export const timerRows = (impact: Pick<Impact, 'timers'>) =>
  Object.entries(impact.timers ?? {}).flatMap(([entity, counts]) =>
    (['rescheduled', 'due', 'cancelled'] as const).filter((kind) => counts[kind] > 0).map((kind) => ({ entity, kind, n: counts[kind] })),
  );

/** What a new version does to the timers of records waiting in their states. */
export interface TimerImpact {
  /** Scheduled anew from when the record entered its state (a changed or added delay, a record mapped into a state). */
  rescheduled: number;
  /** Scheduled anew and already overdue: they fire at the scheduler's next pass. */
  due: number;
  cancelled: number;
}
