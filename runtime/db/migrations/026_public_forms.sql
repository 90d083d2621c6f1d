-- Public forms. Their configuration is in the bundle; what is kept here is what several runtime processes must share.

-- Accepted submissions of the last day, per form and client address: the rate limit counts them, and a page sent twice
-- (a reload after sending) is known by its token's hash, so it creates no second record. Rows older than a day go.
CREATE TABLE public_form_hits (
  tenant_id TEXT NOT NULL,
  form_key TEXT NOT NULL,
  address TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  record_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX public_form_hits_address ON public_form_hits (tenant_id, form_key, address, at);
CREATE UNIQUE INDEX public_form_hits_token ON public_form_hits (tenant_id, token_hash);
CREATE INDEX public_form_hits_at ON public_form_hits (tenant_id, at);

-- Submissions per form and day (the company's day): accepted, or refused with the reason. Refused ones are never stored.
CREATE TABLE public_form_counts (
  tenant_id TEXT NOT NULL,
  form_key TEXT NOT NULL,
  day TEXT NOT NULL,
  outcome TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, form_key, day, outcome)
) WITHOUT ROWID;

-- The name a form goes by where a person would be named (a record's creator, the actor of its first entries and audit
-- events): records made through a form are created by `form:<key>`, which is no person.
CREATE TABLE public_form_actors (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
