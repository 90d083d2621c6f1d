-- Many-to-many relations: a `references` field holds a list of record ids in the record's data (the truth, audited
-- and exported with it); this table holds one row per (record, field, linked record), written on the one write path,
-- so "which records link to this one" is an index walk instead of reading every record's list.
CREATE TABLE record_links (
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  target_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  PRIMARY KEY (tenant_id, record_id, field, target_id)
) WITHOUT ROWID;
CREATE INDEX record_links_target ON record_links (tenant_id, target_id, field, record_id);
