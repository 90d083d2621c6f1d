-- Service levels of records (cases). Per record: the targets of the version it was opened under (a later publish
-- applies to records opened after it) and its status over both clocks, which the list filter reads by index.
CREATE TABLE sla_records (
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  -- {"<priority>": {"firstResponse": minutes, "resolution": minutes}}, as published when the record was opened.
  targets TEXT NOT NULL,
  priority TEXT,
  config_version INTEGER NOT NULL,
  -- on_track | at_risk | breaching | met | missed; NULL: no target.
  status TEXT,
  PRIMARY KEY (tenant_id, record_id)
) WITHOUT ROWID;
CREATE INDEX sla_records_status ON sla_records (tenant_id, entity, status);

-- Per record and clock (firstResponse, resolution): the business time used, whether it runs, how it ended (and the
-- month of the company's calendar it ended in, for the report), when its warning and breach actions ran, and its next
-- mark. A process claims due marks with a lease and handles each in one transaction with the clock's new state, so a
-- mark's actions run exactly once however many processes run, as workflow timers.
CREATE TABLE sla_clocks (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  clock TEXT NOT NULL,
  target_ms INTEGER,
  used_ms INTEGER NOT NULL DEFAULT 0,
  running_since INTEGER,
  stopped_at INTEGER,
  met INTEGER,
  month TEXT,
  warned_at INTEGER,
  breached_at INTEGER,
  due_at INTEGER,
  lease_owner TEXT,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE UNIQUE INDEX sla_clocks_record ON sla_clocks (tenant_id, record_id, clock);
CREATE INDEX sla_clocks_due ON sla_clocks (due_at) WHERE due_at IS NOT NULL AND attempts < 5;
CREATE INDEX sla_clocks_month ON sla_clocks (tenant_id, entity, month) WHERE month IS NOT NULL;
