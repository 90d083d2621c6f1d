-- When each record entered and left each stage of its pipeline, and by whom: reports compute time in stage
-- and conversions from it. `probability` is the stage's probability when the record entered it (stages change
-- later); `close_reason` is given when entering a won or lost stage. At most one row per record is open.
CREATE TABLE stage_history (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  -- Null only for backfilled rows whose stage the published configuration no longer knows.
  probability INTEGER,
  entered_at INTEGER NOT NULL,
  entered_by TEXT,
  left_at INTEGER,
  left_by TEXT,
  close_reason TEXT
);
CREATE INDEX stage_history_record ON stage_history (tenant_id, record_id, seq);
CREATE UNIQUE INDEX stage_history_open ON stage_history (tenant_id, record_id) WHERE left_at IS NULL;
CREATE INDEX stage_history_stage ON stage_history (tenant_id, pipeline, stage, entered_at);

-- Records that already sit in a stage entered it when they were created (no moves existed before this table),
-- at the probability their tenant's published configuration gives that stage.
INSERT INTO stage_history (tenant_id, record_id, pipeline, stage, probability, entered_at, entered_by)
SELECT r.tenant_id, r.id, r.pipeline, r.stage,
  (SELECT s.value ->> '$.probability'
     FROM tenants t
     JOIN config_versions v ON v.tenant_id = t.id AND v.version = t.config_version,
     json_each(v.bundle, '$.pipelines.' || r.pipeline || '.stages') s
    WHERE t.id = r.tenant_id AND s.value ->> '$.key' = r.stage),
  r.created_at, r.created_by
FROM records r
WHERE r.pipeline IS NOT NULL AND r.stage IS NOT NULL
ORDER BY r.seq;
