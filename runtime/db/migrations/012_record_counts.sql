-- How many records each tenant has of each entity, kept by triggers on every insert and delete whoever makes it:
-- an owner's unfiltered count is one row read instead of a walk over every record.
CREATE TABLE record_counts (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity)
) WITHOUT ROWID;
INSERT INTO record_counts (tenant_id, entity, n) SELECT tenant_id, entity, count(*) FROM records GROUP BY tenant_id, entity;
CREATE TRIGGER records_counted AFTER INSERT ON records BEGIN
  INSERT INTO record_counts (tenant_id, entity, n) VALUES (NEW.tenant_id, NEW.entity, 1)
    ON CONFLICT (tenant_id, entity) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER records_uncounted AFTER DELETE ON records BEGIN
  UPDATE record_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND entity = OLD.entity;
END;
