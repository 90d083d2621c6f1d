-- The language a person picked for the interface; null until they pick one (the tenant's default applies).
ALTER TABLE users ADD COLUMN locale TEXT;
