-- The kind of record each stage-history row belongs to (a record's entity never changes), so a report over every
-- record of an entity a reader may see filters history rows directly instead of looking up each record.
ALTER TABLE stage_history ADD COLUMN entity TEXT;
UPDATE stage_history SET entity = (SELECT r.entity FROM records r WHERE r.tenant_id = stage_history.tenant_id AND r.id = stage_history.record_id);
CREATE INDEX stage_history_entity ON stage_history (tenant_id, entity, pipeline);
