-- Second factor: users.totp_secret holds the sealed secret; it counts only once confirmed with a code.
ALTER TABLE users ADD COLUMN totp_confirmed INTEGER NOT NULL DEFAULT 0;
-- The last time step accepted, so a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
