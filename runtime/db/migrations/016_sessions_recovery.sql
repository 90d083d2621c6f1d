-- Sessions a person can see and end one by one: a public id (the cookie's hash never leaves the server), the device
-- (user agent) and the address it was started from.
ALTER TABLE sessions ADD COLUMN public_id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN address TEXT;
UPDATE sessions SET public_id = lower(hex(randomblob(12)));
CREATE UNIQUE INDEX sessions_public ON sessions (public_id);

-- One-time recovery codes for a second factor, stored as their SHA-256; a used one keeps its row with the moment.
CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
