-- A person joins a tenant only with their consent: an invitation waits until its holder accepts or declines it,
-- it is revoked, or it is replaced by a new one for the same email. Expired rows stay until then, so the users
-- page can show them as expired. Only the SHA-256 of the link's token is stored.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  invited_by TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  UNIQUE (tenant_id, email)
);
CREATE INDEX invitations_email ON invitations (email);

-- One-time links to choose a new password, issued by an owner for a person who belongs to several tenants.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  issued_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX password_resets_user ON password_resets (user_id);
