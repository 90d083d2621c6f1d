-- Audit events stay append-only, except for what a company's retention setting lets go: `audit_retention` holds,
-- per tenant, the moment before which its events may be deleted, and only the purge writes it.
CREATE TABLE audit_retention (
  tenant_id TEXT PRIMARY KEY,
  before INTEGER NOT NULL
) WITHOUT ROWID;
DROP TRIGGER audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
  WHEN NOT EXISTS (SELECT 1 FROM audit_retention r WHERE r.tenant_id = OLD.tenant_id AND OLD.at < r.before)
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE INDEX audit_time ON audit_events (tenant_id, at);
