-- Teams become things of their own: a name that can change, a parent team, managers. A person belongs to one team
-- (memberships.team, whose records carry it as records.team) and may manage several. The key never changes, so the
-- words teams were known by so far become the keys of their teams and no record needs rewriting.
CREATE TABLE teams (
  tenant_id TEXT NOT NULL,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  parent TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key)
) WITHOUT ROWID;
CREATE INDEX teams_parent ON teams (tenant_id, parent);

CREATE TABLE team_managers (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  team TEXT NOT NULL,
  PRIMARY KEY (tenant_id, user_id, team)
) WITHOUT ROWID;
CREATE INDEX team_managers_team ON team_managers (tenant_id, team);

INSERT INTO teams (tenant_id, key, name, parent, created_at)
  SELECT tenant_id, team, team, NULL, min(created_at) FROM (
    SELECT tenant_id, team, created_at FROM memberships WHERE team IS NOT NULL
    UNION ALL SELECT tenant_id, team, created_at FROM invitations WHERE team IS NOT NULL
  ) GROUP BY tenant_id, team;

-- A record shared with one person or one team, to read or to read and update, optionally until a moment.
CREATE TABLE record_shares (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_seq INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  user_id TEXT,
  team TEXT,
  access TEXT NOT NULL CHECK (access IN ('read', 'update')),
  until INTEGER,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK ((user_id IS NULL) <> (team IS NULL))
);
CREATE UNIQUE INDEX record_shares_person ON record_shares (record_seq, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX record_shares_team ON record_shares (record_seq, team) WHERE team IS NOT NULL;
-- Led by the grantee, so "shared with me or my teams" is one index lookup per grantee.
CREATE INDEX record_shares_to_person ON record_shares (user_id, tenant_id, entity);
CREATE INDEX record_shares_to_team ON record_shares (team, tenant_id, entity);
CREATE TRIGGER record_shares_gone AFTER DELETE ON records BEGIN
  DELETE FROM record_shares WHERE record_seq = old.seq;
END;
