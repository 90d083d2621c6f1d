-- A report over a narrower scope than every record (a manager's team, a representative's own deals) reads the stage
-- history of each of its records: this index holds all such a read needs, so it never visits the table's rows
-- (at 1M records, a team's time-in-stage figures took about twice as long without it).
CREATE INDEX stage_history_report ON stage_history (tenant_id, record_id, pipeline, left_at, stage, entered_at);
