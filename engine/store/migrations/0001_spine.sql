-- The spine: deployments, definitions, instances, user tasks, jobs, incidents, history, users.
-- Every instance-scoped table carries instance_id and department (D9: distributable on that key).

CREATE TABLE deployments (
  id          uuid PRIMARY KEY,
  department  text NOT NULL,
  name        text,
  xml         text NOT NULL,
  xml_hash    text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE process_definitions (
  id             uuid PRIMARY KEY,
  deployment_id  uuid NOT NULL REFERENCES deployments (id),
  process_id     text NOT NULL,
  department     text NOT NULL,
  version        integer NOT NULL,
  version_tag    text,
  name           text,
  xml_hash       text NOT NULL,
  gov            jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL,
  UNIQUE (process_id, department, version)
);

CREATE TABLE process_instances (
  id             uuid PRIMARY KEY,
  department     text NOT NULL,
  definition_id  uuid NOT NULL REFERENCES process_definitions (id),
  process_id     text NOT NULL,
  version        integer NOT NULL,
  business_key   text,
  status         text NOT NULL,
  state          jsonb NOT NULL,
  revision       integer NOT NULL,
  started_by     text NOT NULL,
  started_at     timestamptz NOT NULL,
  ended_at       timestamptz
);
CREATE UNIQUE INDEX process_instances_business_key ON process_instances (process_id, department, business_key) WHERE business_key IS NOT NULL;
CREATE INDEX process_instances_department_status ON process_instances (department, status, started_at);

CREATE TABLE user_tasks (
  id                   uuid PRIMARY KEY,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  element_instance_id  text NOT NULL,
  element_id           text NOT NULL,
  name                 text,
  assignee             text,
  candidate_groups     text[] NOT NULL DEFAULT '{}',
  candidate_users      text[] NOT NULL DEFAULT '{}',
  state                text NOT NULL,
  due_date             timestamptz,
  form_key             text,
  created_at           timestamptz NOT NULL,
  ended_at             timestamptz,
  completed_by         text,
  UNIQUE (instance_id, element_instance_id)
);
CREATE INDEX user_tasks_department_state ON user_tasks (department, state, created_at);
CREATE INDEX user_tasks_assignee ON user_tasks (assignee, state);

CREATE TABLE jobs (
  id                   uuid PRIMARY KEY,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  element_instance_id  text NOT NULL,
  element_id           text NOT NULL,
  type                 text NOT NULL,
  state                text NOT NULL,
  retries              integer NOT NULL,
  due_at               timestamptz NOT NULL,
  lock_owner           text,
  lock_expires_at      timestamptz,
  headers              jsonb NOT NULL DEFAULT '{}',
  error_message        text,
  created_at           timestamptz NOT NULL,
  UNIQUE (instance_id, element_instance_id)
);
CREATE INDEX jobs_acquirable ON jobs (type, state, due_at);

CREATE TABLE incidents (
  id                   uuid PRIMARY KEY,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  element_instance_id  text NOT NULL,
  element_id           text NOT NULL,
  error_type           text NOT NULL,
  message              text NOT NULL,
  message_zh           text NOT NULL,
  state                text NOT NULL,
  created_at           timestamptz NOT NULL,
  resolved_at          timestamptz
);
CREATE INDEX incidents_department_state ON incidents (department, state);

-- Append-only: the whole trail of a case (一张工单跟到底).
CREATE TABLE history (
  id                   bigserial PRIMARY KEY,
  instance_id          uuid NOT NULL,
  department           text NOT NULL,
  at                   timestamptz NOT NULL,
  type                 text NOT NULL,
  element_id           text,
  element_type         text,
  element_name         text,
  element_instance_id  text,
  actor                text,
  data                 jsonb
);
CREATE INDEX history_instance ON history (instance_id, id);

CREATE TABLE users (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  department  text NOT NULL,
  roles       text[] NOT NULL,
  groups      text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each token is kept: a leaked table grants nothing.
CREATE TABLE api_tokens (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users (id),
  label       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
