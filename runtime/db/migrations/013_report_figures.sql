-- Pipeline report figures kept at write time, so that a report over every record reads a few rows per stage
-- instead of every record and its whole stage history.
--
-- The inputs that depend on the configuration are kept per record: its amount and close month (`records.amount`,
-- `records.close_month`, written by the write path from the fields the report convention picks), and, per record
-- and stage it has entered, whether it later went on to a later stage that is not a lost one (`stage_reach`,
-- judged by the stage order in `stage_positions`). `report_figured` holds which configuration they were computed
-- for; when it differs from the published one they are computed again before a report reads them.
--
-- The sums over them (`report_deals`, `report_times`, `report_flow`) are kept by triggers, so whatever writes
-- records or stage history — one record, a publish remapping thousands, a deletion — keeps them exact.
ALTER TABLE records ADD COLUMN amount REAL;
ALTER TABLE records ADD COLUMN close_month TEXT;

CREATE TABLE stage_positions (
  tenant_id TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  position INTEGER NOT NULL,
  lost INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, pipeline, stage)
) WITHOUT ROWID;

CREATE TABLE stage_reach (
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  entity TEXT NOT NULL,
  -- The stage history row of the first entry.
  first_seq INTEGER NOT NULL,
  advanced INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, record_id, pipeline, stage)
) WITHOUT ROWID;
CREATE INDEX stage_reach_entity ON stage_reach (tenant_id, entity);

CREATE TABLE report_figured (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (tenant_id, entity)
) WITHOUT ROWID;

-- Records per stage and close month ('' for none), with their amounts' sum.
CREATE TABLE report_deals (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  month TEXT NOT NULL,
  n INTEGER NOT NULL,
  amount REAL NOT NULL,
  PRIMARY KEY (tenant_id, entity, pipeline, stage, month)
) WITHOUT ROWID;

-- Stage history rows that have left their stage, and their total duration.
CREATE TABLE report_times (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  n INTEGER NOT NULL,
  ms INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity, pipeline, stage)
) WITHOUT ROWID;

-- Records that entered a stage, and those of them that advanced from it.
CREATE TABLE report_flow (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  entered INTEGER NOT NULL,
  advanced INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity, pipeline, stage)
) WITHOUT ROWID;

-- What exists already. Amounts and close months are unknown until the configuration's fields are applied (no
-- fingerprint yet), so deals start under no month and no amount.
INSERT INTO report_deals (tenant_id, entity, pipeline, stage, month, n, amount)
  SELECT tenant_id, entity, pipeline, stage, '', count(*), 0 FROM records WHERE stage IS NOT NULL AND pipeline IS NOT NULL
  GROUP BY tenant_id, entity, pipeline, stage;
INSERT INTO report_times (tenant_id, entity, pipeline, stage, n, ms)
  SELECT tenant_id, entity, pipeline, stage, count(*), total(left_at - entered_at) FROM stage_history WHERE left_at IS NOT NULL AND entity IS NOT NULL
  GROUP BY tenant_id, entity, pipeline, stage;
INSERT INTO stage_reach (tenant_id, record_id, pipeline, stage, entity, first_seq, advanced)
  SELECT tenant_id, record_id, pipeline, stage, entity, min(seq), 0 FROM stage_history WHERE entity IS NOT NULL
  GROUP BY tenant_id, record_id, pipeline, stage;
INSERT INTO report_flow (tenant_id, entity, pipeline, stage, entered, advanced)
  SELECT tenant_id, entity, pipeline, stage, count(*), 0 FROM stage_reach GROUP BY tenant_id, entity, pipeline, stage;

-- Deals: a record counts under its stage and close month while it has a stage.
CREATE TRIGGER records_deal_added AFTER INSERT ON records WHEN NEW.stage IS NOT NULL AND NEW.pipeline IS NOT NULL BEGIN
  INSERT INTO report_deals (tenant_id, entity, pipeline, stage, month, n, amount)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, NEW.stage, coalesce(NEW.close_month, ''), 1, coalesce(NEW.amount, 0))
    ON CONFLICT (tenant_id, entity, pipeline, stage, month) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
END;
CREATE TRIGGER records_deal_removed AFTER DELETE ON records WHEN OLD.stage IS NOT NULL AND OLD.pipeline IS NOT NULL BEGIN
  UPDATE report_deals SET n = n - 1, amount = amount - coalesce(OLD.amount, 0)
    WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline AND stage = OLD.stage AND month = coalesce(OLD.close_month, '');
END;
CREATE TRIGGER records_deal_changed AFTER UPDATE OF pipeline, stage, amount, close_month ON records
  WHEN OLD.pipeline IS NOT NEW.pipeline OR OLD.stage IS NOT NEW.stage OR OLD.amount IS NOT NEW.amount OR OLD.close_month IS NOT NEW.close_month BEGIN
  UPDATE report_deals SET n = n - 1, amount = amount - coalesce(OLD.amount, 0)
    WHERE OLD.stage IS NOT NULL AND OLD.pipeline IS NOT NULL
      AND tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline AND stage = OLD.stage AND month = coalesce(OLD.close_month, '');
  INSERT INTO report_deals (tenant_id, entity, pipeline, stage, month, n, amount)
    SELECT NEW.tenant_id, NEW.entity, NEW.pipeline, NEW.stage, coalesce(NEW.close_month, ''), 1, coalesce(NEW.amount, 0)
    WHERE NEW.stage IS NOT NULL AND NEW.pipeline IS NOT NULL
    ON CONFLICT (tenant_id, entity, pipeline, stage, month) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
END;

-- Time in stage: a history row counts once it has left its stage.
CREATE TRIGGER stage_history_timed AFTER INSERT ON stage_history WHEN NEW.left_at IS NOT NULL AND NEW.entity IS NOT NULL BEGIN
  INSERT INTO report_times (tenant_id, entity, pipeline, stage, n, ms)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, NEW.stage, 1, NEW.left_at - NEW.entered_at)
    ON CONFLICT (tenant_id, entity, pipeline, stage) DO UPDATE SET n = n + 1, ms = ms + excluded.ms;
END;
CREATE TRIGGER stage_history_left AFTER UPDATE OF left_at ON stage_history
  WHEN OLD.left_at IS NULL AND NEW.left_at IS NOT NULL AND NEW.entity IS NOT NULL BEGIN
  INSERT INTO report_times (tenant_id, entity, pipeline, stage, n, ms)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, NEW.stage, 1, NEW.left_at - NEW.entered_at)
    ON CONFLICT (tenant_id, entity, pipeline, stage) DO UPDATE SET n = n + 1, ms = ms + excluded.ms;
END;
CREATE TRIGGER stage_history_removed AFTER DELETE ON stage_history WHEN OLD.entity IS NOT NULL BEGIN
  UPDATE report_times SET n = n - 1, ms = ms - (OLD.left_at - OLD.entered_at)
    WHERE OLD.left_at IS NOT NULL AND tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline AND stage = OLD.stage;
  DELETE FROM stage_reach WHERE tenant_id = OLD.tenant_id AND record_id = OLD.record_id;
END;

-- Reach: entering a stage that is not a lost one advances the record from every stage before it it has entered.
CREATE TRIGGER stage_history_reached AFTER INSERT ON stage_history WHEN NEW.entity IS NOT NULL BEGIN
  UPDATE stage_reach SET advanced = 1
    WHERE tenant_id = NEW.tenant_id AND record_id = NEW.record_id AND pipeline = NEW.pipeline AND advanced = 0
      AND EXISTS (
        SELECT 1 FROM stage_positions e JOIN stage_positions n ON n.tenant_id = e.tenant_id AND n.pipeline = e.pipeline
        WHERE e.tenant_id = NEW.tenant_id AND e.pipeline = NEW.pipeline AND e.stage = stage_reach.stage
          AND n.stage = NEW.stage AND n.lost = 0 AND n.position > e.position);
  INSERT INTO stage_reach (tenant_id, record_id, pipeline, stage, entity, first_seq, advanced)
    VALUES (NEW.tenant_id, NEW.record_id, NEW.pipeline, NEW.stage, NEW.entity, NEW.seq, 0)
    ON CONFLICT (tenant_id, record_id, pipeline, stage) DO NOTHING;
END;
CREATE TRIGGER stage_reach_added AFTER INSERT ON stage_reach BEGIN
  INSERT INTO report_flow (tenant_id, entity, pipeline, stage, entered, advanced)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, NEW.stage, 1, NEW.advanced)
    ON CONFLICT (tenant_id, entity, pipeline, stage) DO UPDATE SET entered = entered + 1, advanced = advanced + excluded.advanced;
END;
CREATE TRIGGER stage_reach_changed AFTER UPDATE OF advanced ON stage_reach WHEN OLD.advanced != NEW.advanced BEGIN
  UPDATE report_flow SET advanced = advanced + NEW.advanced - OLD.advanced
    WHERE tenant_id = NEW.tenant_id AND entity = NEW.entity AND pipeline = NEW.pipeline AND stage = NEW.stage;
END;
CREATE TRIGGER stage_reach_removed AFTER DELETE ON stage_reach BEGIN
  UPDATE report_flow SET entered = entered - 1, advanced = advanced - OLD.advanced
    WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline AND stage = OLD.stage;
END;
