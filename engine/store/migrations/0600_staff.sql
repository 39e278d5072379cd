-- D10, the staff model: who sees and does what.
-- Departments, the units that work for them (a bureau's town branch) and the region tree come from the
-- catalog's reference data (or an administrator); users hold a department, an optional region scope and
-- posts (岗位 = candidate groups). Tasks and cases carry the region they belong to as a path, so that
-- "this region and everything below it" is one indexable prefix test.

CREATE TABLE departments (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- '/441900/441900003/' for 东城街道: a region and everything below it share the prefix.
CREATE TABLE regions (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  parent_code  text,
  level        text,
  path         text NOT NULL
);

-- A unit that handles tasks for a department in a region (东莞市公安局东城分局 → GAJ, 东城街道).
CREATE TABLE org_units (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  department   text NOT NULL,
  region_code  text
);

-- The posts (岗位) of a department; a user's groups are posts of their department.
CREATE TABLE posts (
  department   text NOT NULL,
  code         text NOT NULL,
  name         text NOT NULL,
  description  text,
  PRIMARY KEY (department, code)
);

ALTER TABLE users ADD COLUMN region_code text;
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN updated_at timestamptz;
ALTER TABLE users ADD COLUMN updated_by text;
CREATE INDEX users_department ON users (department, id);

-- Where a case and each of its tasks belong. '/' = no region (city level): visible to city-level users only.
ALTER TABLE process_instances ADD COLUMN region_code text;
ALTER TABLE process_instances ADD COLUMN region_path text NOT NULL DEFAULT '/';
ALTER TABLE user_tasks ADD COLUMN unit text;
ALTER TABLE user_tasks ADD COLUMN region_code text;
ALTER TABLE user_tasks ADD COLUMN region_path text NOT NULL DEFAULT '/';
-- Participating departments read a case through its tasks: (department, instance) finds them.
CREATE INDEX user_tasks_department_instance ON user_tasks (department, instance_id);
CREATE INDEX user_tasks_instance ON user_tasks (instance_id);

-- 抄送 and other read grants to named users: read-only access to one case.
CREATE TABLE case_readers (
  instance_id  uuid NOT NULL REFERENCES process_instances (id),
  user_id      text NOT NULL,
  department   text NOT NULL,
  granted_by   text NOT NULL,
  granted_at   timestamptz NOT NULL,
  reason       text,
  PRIMARY KEY (instance_id, user_id)
);
CREATE INDEX case_readers_user ON case_readers (user_id);

-- Bumped by every change to departments, units, regions and posts, so that each server process
-- reloads its in-memory directory (used by the interpreter to route tasks) only when it changed.
CREATE TABLE staff_directory_revision (
  id        integer PRIMARY KEY CHECK (id = 1),
  revision  bigint NOT NULL
);
INSERT INTO staff_directory_revision (id, revision) VALUES (1, 0);
