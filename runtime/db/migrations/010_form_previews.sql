-- Forms being designed, for the studio's preview: any runtime process answers the module a preview asks for,
-- whichever process received the form. Short-lived; each new preview clears the expired ones.
CREATE TABLE form_previews (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  form TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX form_previews_expiry ON form_previews (expires_at);
