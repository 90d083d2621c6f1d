-- The pipeline report's kept sums (migration 013) per team as well ('' for records of no team), so that a report
-- over a manager's teams reads a few rows per team and stage instead of every record of the teams and their stage
-- history (at 200,000 deals, a team of ten: about 150 ms). A report over every record adds the teams' rows up.
--
-- A record's stage history and reach count under the record's team as it is now: the triggers look it up, and move a
-- record's sums when its team changes. A record's history is deleted with it, before it goes, so that the lookup still
-- finds it.
DROP TRIGGER records_deal_added;
DROP TRIGGER records_deal_removed;
DROP TRIGGER records_deal_changed;
DROP TRIGGER stage_history_timed;
DROP TRIGGER stage_history_left;
DROP TRIGGER stage_history_removed;
DROP TRIGGER stage_reach_added;
DROP TRIGGER stage_reach_changed;
DROP TRIGGER stage_reach_removed;
DROP TABLE report_deals;
DROP TABLE report_times;
DROP TABLE report_flow;

CREATE TABLE report_deals (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  team TEXT NOT NULL,
  stage TEXT NOT NULL,
  month TEXT NOT NULL,
  n INTEGER NOT NULL,
  amount REAL NOT NULL,
  PRIMARY KEY (tenant_id, entity, pipeline, team, stage, month)
) WITHOUT ROWID;

CREATE TABLE report_times (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  team TEXT NOT NULL,
  stage TEXT NOT NULL,
  n INTEGER NOT NULL,
  ms INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity, pipeline, team, stage)
) WITHOUT ROWID;

CREATE TABLE report_flow (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  team TEXT NOT NULL,
  stage TEXT NOT NULL,
  entered INTEGER NOT NULL,
  advanced INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity, pipeline, team, stage)
) WITHOUT ROWID;

INSERT INTO report_deals (tenant_id, entity, pipeline, team, stage, month, n, amount)
  SELECT tenant_id, entity, pipeline, coalesce(team, ''), stage, coalesce(close_month, ''), count(*), total(amount)
  FROM records WHERE stage IS NOT NULL AND pipeline IS NOT NULL
  GROUP BY tenant_id, entity, pipeline, coalesce(team, ''), stage, coalesce(close_month, '');
INSERT INTO report_times (tenant_id, entity, pipeline, team, stage, n, ms)
  SELECT h.tenant_id, h.entity, h.pipeline, coalesce(r.team, ''), h.stage, count(*), total(h.left_at - h.entered_at)
  FROM stage_history h LEFT JOIN records r ON r.tenant_id = h.tenant_id AND r.id = h.record_id
  WHERE h.left_at IS NOT NULL AND h.entity IS NOT NULL
  GROUP BY h.tenant_id, h.entity, h.pipeline, coalesce(r.team, ''), h.stage;
INSERT INTO report_flow (tenant_id, entity, pipeline, team, stage, entered, advanced)
  SELECT x.tenant_id, x.entity, x.pipeline, coalesce(r.team, ''), x.stage, count(*), total(x.advanced)
  FROM stage_reach x LEFT JOIN records r ON r.tenant_id = x.tenant_id AND r.id = x.record_id
  GROUP BY x.tenant_id, x.entity, x.pipeline, coalesce(r.team, ''), x.stage;

-- Deals: a record counts under its team, stage and close month while it has a stage.
CREATE TRIGGER records_deal_added AFTER INSERT ON records WHEN NEW.stage IS NOT NULL AND NEW.pipeline IS NOT NULL BEGIN
  INSERT INTO report_deals (tenant_id, entity, pipeline, team, stage, month, n, amount)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, coalesce(NEW.team, ''), NEW.stage, coalesce(NEW.close_month, ''), 1, coalesce(NEW.amount, 0))
    ON CONFLICT (tenant_id, entity, pipeline, team, stage, month) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
END;
CREATE TRIGGER records_deal_removed AFTER DELETE ON records WHEN OLD.stage IS NOT NULL AND OLD.pipeline IS NOT NULL BEGIN
  UPDATE report_deals SET n = n - 1, amount = amount - coalesce(OLD.amount, 0)
    WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline AND team = coalesce(OLD.team, '')
      AND stage = OLD.stage AND month = coalesce(OLD.close_month, '');
END;
CREATE TRIGGER records_deal_changed AFTER UPDATE OF pipeline, stage, amount, close_month, team ON records
  WHEN OLD.pipeline IS NOT NEW.pipeline OR OLD.stage IS NOT NEW.stage OR OLD.amount IS NOT NEW.amount OR OLD.close_month IS NOT NEW.close_month
    OR OLD.team IS NOT NEW.team BEGIN
  UPDATE report_deals SET n = n - 1, amount = amount - coalesce(OLD.amount, 0)
    WHERE OLD.stage IS NOT NULL AND OLD.pipeline IS NOT NULL
      AND tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline AND team = coalesce(OLD.team, '')
      AND stage = OLD.stage AND month = coalesce(OLD.close_month, '');
  INSERT INTO report_deals (tenant_id, entity, pipeline, team, stage, month, n, amount)
    SELECT NEW.tenant_id, NEW.entity, NEW.pipeline, coalesce(NEW.team, ''), NEW.stage, coalesce(NEW.close_month, ''), 1, coalesce(NEW.amount, 0)
    WHERE NEW.stage IS NOT NULL AND NEW.pipeline IS NOT NULL
    ON CONFLICT (tenant_id, entity, pipeline, team, stage, month) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
END;

-- Time in stage: a history row counts, under its record's team, once it has left its stage.
CREATE TRIGGER stage_history_timed AFTER INSERT ON stage_history WHEN NEW.left_at IS NOT NULL AND NEW.entity IS NOT NULL BEGIN
  INSERT INTO report_times (tenant_id, entity, pipeline, team, stage, n, ms)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, coalesce((SELECT team FROM records WHERE tenant_id = NEW.tenant_id AND id = NEW.record_id), ''),
      NEW.stage, 1, NEW.left_at - NEW.entered_at)
    ON CONFLICT (tenant_id, entity, pipeline, team, stage) DO UPDATE SET n = n + 1, ms = ms + excluded.ms;
END;
CREATE TRIGGER stage_history_left AFTER UPDATE OF left_at ON stage_history
  WHEN OLD.left_at IS NULL AND NEW.left_at IS NOT NULL AND NEW.entity IS NOT NULL BEGIN
  INSERT INTO report_times (tenant_id, entity, pipeline, team, stage, n, ms)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, coalesce((SELECT team FROM records WHERE tenant_id = NEW.tenant_id AND id = NEW.record_id), ''),
      NEW.stage, 1, NEW.left_at - NEW.entered_at)
    ON CONFLICT (tenant_id, entity, pipeline, team, stage) DO UPDATE SET n = n + 1, ms = ms + excluded.ms;
END;
CREATE TRIGGER stage_history_removed AFTER DELETE ON stage_history WHEN OLD.entity IS NOT NULL BEGIN
  UPDATE report_times SET n = n - 1, ms = ms - (OLD.left_at - OLD.entered_at)
    WHERE OLD.left_at IS NOT NULL AND tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline
      AND team = coalesce((SELECT team FROM records WHERE tenant_id = OLD.tenant_id AND id = OLD.record_id), '') AND stage = OLD.stage;
  DELETE FROM stage_reach WHERE tenant_id = OLD.tenant_id AND record_id = OLD.record_id;
END;

-- Reach: records that entered a stage, and those of them that advanced from it, under the record's team.
CREATE TRIGGER stage_reach_added AFTER INSERT ON stage_reach BEGIN
  INSERT INTO report_flow (tenant_id, entity, pipeline, team, stage, entered, advanced)
    VALUES (NEW.tenant_id, NEW.entity, NEW.pipeline, coalesce((SELECT team FROM records WHERE tenant_id = NEW.tenant_id AND id = NEW.record_id), ''),
      NEW.stage, 1, NEW.advanced)
    ON CONFLICT (tenant_id, entity, pipeline, team, stage) DO UPDATE SET entered = entered + 1, advanced = advanced + excluded.advanced;
END;
CREATE TRIGGER stage_reach_changed AFTER UPDATE OF advanced ON stage_reach WHEN OLD.advanced != NEW.advanced BEGIN
  UPDATE report_flow SET advanced = advanced + NEW.advanced - OLD.advanced
    WHERE tenant_id = NEW.tenant_id AND entity = NEW.entity AND pipeline = NEW.pipeline
      AND team = coalesce((SELECT team FROM records WHERE tenant_id = NEW.tenant_id AND id = NEW.record_id), '') AND stage = NEW.stage;
END;
CREATE TRIGGER stage_reach_removed AFTER DELETE ON stage_reach BEGIN
  UPDATE report_flow SET entered = entered - 1, advanced = advanced - OLD.advanced
    WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = OLD.pipeline
      AND team = coalesce((SELECT team FROM records WHERE tenant_id = OLD.tenant_id AND id = OLD.record_id), '') AND stage = OLD.stage;
END;

-- A record that changes team takes its history's sums along.
CREATE TRIGGER records_team_changed AFTER UPDATE OF team ON records WHEN OLD.team IS NOT NEW.team BEGIN
  UPDATE report_times SET n = n - g.done, ms = ms - g.spent
    FROM (SELECT pipeline AS p, stage AS s, count(*) AS done, total(left_at - entered_at) AS spent FROM stage_history
          WHERE tenant_id = OLD.tenant_id AND record_id = OLD.id AND left_at IS NOT NULL AND entity IS NOT NULL GROUP BY pipeline, stage) AS g
    WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = g.p AND team = coalesce(OLD.team, '') AND stage = g.s;
  INSERT INTO report_times (tenant_id, entity, pipeline, team, stage, n, ms)
    SELECT NEW.tenant_id, NEW.entity, pipeline, coalesce(NEW.team, ''), stage, count(*), total(left_at - entered_at) FROM stage_history
    WHERE tenant_id = NEW.tenant_id AND record_id = NEW.id AND left_at IS NOT NULL AND entity IS NOT NULL GROUP BY pipeline, stage
    ON CONFLICT (tenant_id, entity, pipeline, team, stage) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
  UPDATE report_flow SET entered = entered - g.reached, advanced = advanced - g.onwards
    FROM (SELECT pipeline AS p, stage AS s, count(*) AS reached, total(advanced) AS onwards FROM stage_reach
          WHERE tenant_id = OLD.tenant_id AND record_id = OLD.id GROUP BY pipeline, stage) AS g
    WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity AND pipeline = g.p AND team = coalesce(OLD.team, '') AND stage = g.s;
  INSERT INTO report_flow (tenant_id, entity, pipeline, team, stage, entered, advanced)
    SELECT NEW.tenant_id, NEW.entity, pipeline, coalesce(NEW.team, ''), stage, count(*), total(advanced) FROM stage_reach
    WHERE tenant_id = NEW.tenant_id AND record_id = NEW.id GROUP BY pipeline, stage
    ON CONFLICT (tenant_id, entity, pipeline, team, stage) DO UPDATE SET entered = entered + excluded.entered, advanced = advanced + excluded.advanced;
END;

-- Whatever deletes a record deletes its history first (and with it its reach), while the record is there to be found.
CREATE TRIGGER records_history_removed BEFORE DELETE ON records BEGIN
  DELETE FROM stage_history WHERE tenant_id = OLD.tenant_id AND record_id = OLD.id;
END;
