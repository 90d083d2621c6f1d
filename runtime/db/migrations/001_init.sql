-- Tenants, people and their memberships.
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  settings TEXT NOT NULL,
  config_version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  totp_secret TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  team TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_team ON memberships (tenant_id, team);

-- Sessions are looked up by the SHA-256 of the cookie value, never the value itself.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  created_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins, per account and per client address, for throttling.
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- Configuration: one draft per tenant, immutable published versions.
CREATE TABLE config_drafts (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  bundle TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);

CREATE TABLE config_versions (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  version INTEGER NOT NULL,
  bundle TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT,
  PRIMARY KEY (tenant_id, version)
) WITHOUT ROWID;

-- Records of every entity. `seq` is internal (FTS rowid); `id` is the public, random id.
CREATE TABLE records (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  entity TEXT NOT NULL,
  data TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_by TEXT NOT NULL,
  team TEXT,
  pipeline TEXT,
  stage TEXT,
  state TEXT,
  config_version INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX records_id ON records (tenant_id, id);
-- One index per scope shape, each ordered like the default sort (updatedAt desc, id desc).
CREATE INDEX records_all ON records (tenant_id, entity, updated_at, id);
CREATE INDEX records_owner ON records (tenant_id, entity, owner_id, updated_at, id);
CREATE INDEX records_creator ON records (tenant_id, entity, created_by, updated_at, id);
CREATE INDEX records_team ON records (tenant_id, entity, team, updated_at, id);

-- Full-text index of records' text; results are re-checked against the fields the viewer may read.
CREATE VIRTUAL TABLE records_fts USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE timeline (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_id TEXT,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX timeline_record ON timeline (tenant_id, record_id, seq);

-- Append-only: nothing updates or deletes these rows.
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT,
  at INTEGER NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  entity TEXT,
  record_owner TEXT,
  record_creator TEXT,
  address TEXT,
  changes TEXT
);
CREATE INDEX audit_tenant ON audit_events (tenant_id, seq);
CREATE INDEX audit_actor ON audit_events (tenant_id, actor_id, seq);
CREATE INDEX audit_target ON audit_events (tenant_id, target_id, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
