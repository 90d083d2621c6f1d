-- The team a record belonged to when the event happened: team readers of the audit trail see
-- events of records that were in their team then, not the history of people who joined later.
ALTER TABLE audit_events ADD COLUMN record_team TEXT;
