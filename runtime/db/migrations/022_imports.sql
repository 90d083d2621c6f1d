-- Record imports: an uploaded file's rows staged in the database, then written one by one through the one write path
-- by whichever runtime process holds the import's lease (so any process may take over a crashed one's import).
-- What each row did is kept for seven days, so the import can be undone.
CREATE TABLE imports (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  entity TEXT NOT NULL,
  file_name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  -- uploaded → queued → running → done; done → undoing → undone; stopped when the person who started it left;
  -- expired when uploaded but not started within a day (its rows are forgotten, as are a finished import's after 7 days)
  status TEXT NOT NULL,
  columns TEXT NOT NULL,
  rows INTEGER NOT NULL,
  plan TEXT,
  next_row INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  undone INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX imports_waiting ON imports (status) WHERE status IN ('queued', 'running', 'undoing');

CREATE TABLE import_rows (
  import_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  cells TEXT NOT NULL,
  PRIMARY KEY (import_id, n)
) WITHOUT ROWID;

-- What a row did: created or updated a record (with its data before), or failed and why.
CREATE TABLE import_outcomes (
  import_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'skipped', 'failed')),
  record_id TEXT,
  version INTEGER,
  before TEXT,
  problems TEXT,
  undone INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, n)
) WITHOUT ROWID;
