-- Email: mailboxes connected over IMAP, their messages stored once per company, and the records each message is filed on.
-- A message is visible to whoever may read one of its records (and to the owner of the personal mailbox it came from).
CREATE TABLE mailboxes (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  -- a person's own mailbox; NULL for a shared one (sales@, support@)
  personal_user_id TEXT,
  -- {host, port, security, user} for IMAP and SMTP; the passwords are sealed with SECRET_KEY in `secret`
  imap TEXT NOT NULL,
  smtp TEXT,
  secret TEXT NOT NULL,
  folders TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  -- sync: claimed by one runtime process at a time through the lease
  next_sync_at INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER,
  last_sync_at INTEGER,
  last_attempt_at INTEGER,
  last_error TEXT,
  messages INTEGER NOT NULL DEFAULT 0,
  progress_done INTEGER,
  progress_total INTEGER,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX mailboxes_due ON mailboxes (next_sync_at);

-- How far each folder is synced: UIDs are only meaningful under their UIDVALIDITY.
CREATE TABLE mailbox_folders (
  mailbox_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  last_uid INTEGER NOT NULL,
  PRIMARY KEY (mailbox_id, folder)
) WITHOUT ROWID;

CREATE TABLE emails (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  -- the Message-ID, or a digest of the headers of a message without one: the same message is stored once
  message_key TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  subject TEXT NOT NULL,
  from_address TEXT NOT NULL,
  from_name TEXT NOT NULL,
  -- JSON [{address, name}]
  recipients TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  -- sanitised on the way in; NULL for plain-text mail
  html TEXT,
  in_reply_to TEXT,
  refs TEXT NOT NULL,
  -- JSON names of attachments over the size limits, not kept
  left_out TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX emails_id ON emails (tenant_id, id);
CREATE UNIQUE INDEX emails_message ON emails (tenant_id, message_key);
CREATE INDEX emails_sent ON emails (tenant_id, sent_at);

-- Which mailboxes a message was found in (a personal mailbox's owner sees its messages).
CREATE TABLE email_sources (
  email_seq INTEGER NOT NULL,
  mailbox_id TEXT NOT NULL,
  PRIMARY KEY (email_seq, mailbox_id)
) WITHOUT ROWID;
CREATE INDEX email_sources_mailbox ON email_sources (mailbox_id, email_seq);

-- The records a message is filed on: by an address, by the thread it answers, or by hand.
CREATE TABLE email_links (
  tenant_id TEXT NOT NULL,
  email_seq INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  how TEXT NOT NULL CHECK (how IN ('address', 'thread', 'hand', 'sent')),
  PRIMARY KEY (email_seq, record_id)
) WITHOUT ROWID;
CREATE INDEX email_links_record ON email_links (tenant_id, record_id);

CREATE TABLE email_attachments (
  email_seq INTEGER NOT NULL,
  n INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (email_seq, n)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE emails_fts USING fts5 (subject, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

-- Mail to send: written with the record change that asks for it, sent after the commit, retried with back-off.
CREATE TABLE email_outbox (
  email_seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  mailbox_id TEXT NOT NULL,
  raw TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  sent_at INTEGER
);
CREATE INDEX email_outbox_due ON email_outbox (next_at) WHERE sent_at IS NULL;
