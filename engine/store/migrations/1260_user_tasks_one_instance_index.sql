-- user_tasks_instance (instance_id) repeated the leading column of the unique key (instance_id, element_instance_id),
-- which finds a case's tasks as well; it cost an index entry on every task written and on every change of a task's
-- state (issue 12, writes per step).
DROP INDEX user_tasks_instance;
