-- Files attached to records, and the files of file fields. The bytes are kept in the database, not in a directory beside
-- it: every runtime process shares the database (one file, or a libSQL server), so a second process — on this machine or
-- another — reaches a file without any shared directory, and one database backup holds the records and their files.
-- Metadata and bytes are apart, so listing and checking files never loads a blob.
CREATE TABLE attachments (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  -- the record it belongs to; NULL while pending (uploaded for a record not created yet)
  record_entity TEXT,
  record_id TEXT,
  -- the file field it fills; NULL for a general attachment of the record
  field TEXT,
  -- sanitised: no path, no control characters, at most 200 characters, the extension of its kind
  name TEXT NOT NULL,
  -- sniffed from the bytes, never taken from the upload
  content_type TEXT NOT NULL,
  kind TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  -- while no record write has claimed it (a file field's upload): it is deleted after this moment, hourly
  pending_until INTEGER,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX attachments_record ON attachments (tenant_id, record_id, created_at);
CREATE INDEX attachments_pending ON attachments (tenant_id, pending_until) WHERE pending_until IS NOT NULL;

-- The bytes, in parts of 256 KiB, so a download streams one part at a time; deleted together with their attachment.
CREATE TABLE attachment_contents (
  tenant_id TEXT NOT NULL,
  attachment_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (tenant_id, attachment_id, part)
);
