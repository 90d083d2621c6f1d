-- The recycle bin: a deleted record leaves `records` (so no read path can meet it) for `deleted_records`, holding its
-- row, its stage history, workflow timers and shares as JSON, for 30 days. Its timeline, tasks and notifications stay
-- where they are (they are read only through a record the reader may read); restoring puts everything back, purging
-- deletes it all. The scope columns are named as in `records`, so the access policy's SQL reads them alike.
CREATE TABLE deleted_records (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  entity TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_by TEXT NOT NULL,
  team TEXT,
  row TEXT NOT NULL,
  history TEXT NOT NULL,
  timers TEXT NOT NULL,
  shares TEXT NOT NULL,
  deleted_at INTEGER NOT NULL,
  deleted_by TEXT,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX deleted_records_entity ON deleted_records (tenant_id, entity, deleted_at);
CREATE INDEX deleted_records_age ON deleted_records (deleted_at);
