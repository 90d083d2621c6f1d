-- API tokens for scripts (the command line against a running runtime). A token acts as the person who made it,
-- in that tenant, with that person's current membership; only the SHA-256 of the token is stored.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, created_at);
