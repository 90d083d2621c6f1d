-- API tokens may end on a date and may do less than their creator: `access` is 'full' (everything the creator's role
-- allows), 'read' (reading only) or 'config' (configuration export and import, for the command line).
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN access TEXT NOT NULL DEFAULT 'full';
