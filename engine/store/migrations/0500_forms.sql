-- Linked forms (Camunda 8.3+): a user task's zeebe:formDefinition formId names a form-js
-- schema deployed on its own, versioned per department like process definitions. A task
-- shows the version that was the latest when the task was created.
CREATE TABLE forms (
  id           uuid PRIMARY KEY,
  department   text NOT NULL,
  form_id      text NOT NULL,
  version      integer NOT NULL,
  schema       jsonb NOT NULL,
  schema_hash  text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  UNIQUE (department, form_id, version)
);

ALTER TABLE user_tasks ADD COLUMN form_id text;
