-- When a record entered each workflow state it is in ({"working": ms, "working.waiting": ms}): when a new version
-- changes or adds a delayed transition, the record's timer counts from there. Records already resting in a state
-- get the time of their last transition into it, or of their creation.
ALTER TABLE records ADD COLUMN entered TEXT;
UPDATE records SET entered = json_object(state, coalesce(
  (SELECT max(t.at) FROM timeline t WHERE t.tenant_id = records.tenant_id AND t.record_id = records.id
     AND (t.kind = 'transition' OR (t.kind = 'remapped' AND json_extract(t.data, '$.part') = 'state'))),
  created_at))
WHERE state IS NOT NULL;
-- Publishing finds the records resting in each state to derive their timers again.
CREATE INDEX records_state ON records (tenant_id, entity, state);

-- The scheduler walks only timers still to be tried: stuck ones (5 failed attempts, or a state that does not take
-- them) stay out of its way however many there are.
DROP INDEX workflow_timers_due;
CREATE INDEX workflow_timers_waiting ON workflow_timers (due_at) WHERE attempts < 5;
