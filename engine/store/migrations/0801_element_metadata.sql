-- What a model says about its tasks and jobs beyond their type (issue 16, "nothing silently ignored"):
-- the user task's priority (zeebe:priorityDefinition, 0-100, default 50: the inbox is sorted by it),
-- its follow-up date (zeebe:taskSchedule), its task headers, and zeebe:properties of the element;
-- a job says whether it is an execution listener's ('start' or 'end') and carries the properties too.
ALTER TABLE user_tasks ADD COLUMN priority integer NOT NULL DEFAULT 50;
ALTER TABLE user_tasks ADD COLUMN follow_up_date timestamptz;
ALTER TABLE user_tasks ADD COLUMN headers jsonb;
ALTER TABLE user_tasks ADD COLUMN properties jsonb;
CREATE INDEX user_tasks_inbox ON user_tasks (department, state, priority DESC, due_date, created_at);
ALTER TABLE jobs ADD COLUMN listener_event_type text CHECK (listener_event_type IN ('start', 'end'));
ALTER TABLE jobs ADD COLUMN properties jsonb;
