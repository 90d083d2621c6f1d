-- Workflows: each record on a workflow keeps XState's persisted snapshot and the configuration version it was taken under.
ALTER TABLE records ADD COLUMN snapshot TEXT;
ALTER TABLE records ADD COLUMN workflow_version INTEGER;

-- Delayed transitions waiting to fire. A process claims due rows with a lease; firing deletes the row in the
-- same transaction as the transition, so each fires exactly once however many processes run.
CREATE TABLE workflow_timers (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  timer TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX workflow_timers_due ON workflow_timers (due_at);
CREATE INDEX workflow_timers_record ON workflow_timers (tenant_id, record_id);

-- Follow-up tasks on records.
CREATE TABLE tasks (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  title TEXT NOT NULL,
  assignee_id TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  snoozed_until INTEGER,
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  completed_by TEXT
);
CREATE UNIQUE INDEX tasks_id ON tasks (tenant_id, id);
CREATE INDEX tasks_assignee ON tasks (tenant_id, assignee_id, status, due_at);
CREATE INDEX tasks_record ON tasks (tenant_id, record_id);

-- In-app notifications; a recipient sees one only while they may read its record.
CREATE TABLE notifications (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  record_id TEXT,
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE UNIQUE INDEX notifications_id ON notifications (tenant_id, id);
CREATE INDEX notifications_user ON notifications (tenant_id, user_id, seq);

-- Round-robin assignment: who of a role got the last record.
CREATE TABLE assign_turns (
  tenant_id TEXT NOT NULL,
  role TEXT NOT NULL,
  last_user_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, role)
) WITHOUT ROWID;
