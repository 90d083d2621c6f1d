-- Tasks people give each other on records (beside workflow follow-ups): who created one, and when its reminder went
-- out, so each open task is reminded of once when it comes due, by whichever process sees it first.
ALTER TABLE tasks ADD COLUMN created_by TEXT;
ALTER TABLE tasks ADD COLUMN reminded_at INTEGER;
CREATE INDEX tasks_to_remind ON tasks (due_at) WHERE status = 'open' AND reminded_at IS NULL;
-- A notification's kind: a message a workflow wrote (null), or a reminder of a task (its title is the message).
ALTER TABLE notifications ADD COLUMN kind TEXT;
