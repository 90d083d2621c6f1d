-- Saved list views: conditions, search words, sort and columns of one record type's list, kept per person, shared
-- with a team or with the whole company. They are data of the company, not configuration: people make them while
-- working, and a view names people's teams, which a bundle never does. Defaults per role point at company views.
CREATE TABLE saved_views (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  entity TEXT NOT NULL,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('personal', 'team', 'company')),
  team TEXT,
  view TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK ((visibility = 'team') = (team IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX saved_views_entity ON saved_views (tenant_id, entity, name);

CREATE TABLE view_defaults (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  role TEXT NOT NULL,
  view_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, entity, role)
) WITHOUT ROWID;
