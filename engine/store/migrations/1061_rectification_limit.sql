-- 整改 has a time limit in working days (from the matter's rule, else the default): its deadline is kept so that
-- open and late rectifications are counted as overdue in the metrics.
ALTER TABLE case_rectifications ADD COLUMN limit_working_days integer;
ALTER TABLE case_rectifications ADD COLUMN due_at timestamptz;
CREATE INDEX case_rectifications_due ON case_rectifications (due_at) WHERE state = 'open';
