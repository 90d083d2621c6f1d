-- A person may hold several roles in a company: `role` stays the first (the one an owner holds alone), `extra_roles`
-- holds the others as a JSON array of role keys. Privileges are the union of all of them.
ALTER TABLE memberships ADD COLUMN extra_roles TEXT NOT NULL DEFAULT '[]';
