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
}
