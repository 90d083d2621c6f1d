-- A deleted record remembers the references to it that its deletion cleared (reference fields with x-onDelete
-- "clear"), [{"id": "<record>", "field": "<field>"}], so restoring it puts them back.
ALTER TABLE deleted_records ADD COLUMN cleared TEXT NOT NULL DEFAULT '[]';
