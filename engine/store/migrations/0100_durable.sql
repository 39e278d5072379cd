-- The durable side of issue 3: timers in the job queue, call-activity parents, suspension,
-- message and signal subscriptions, the message buffer and idempotent publishing, incident causes.

-- Call activities: a child instance names the parent element instance it completes.
ALTER TABLE process_instances ADD COLUMN parent_instance_id uuid REFERENCES process_instances (id);
ALTER TABLE process_instances ADD COLUMN parent_element_instance_id text;
CREATE INDEX process_instances_parent ON process_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

-- D5: one queue for everything with a due time. `kind` tells the executor what a row is:
--   service      a service-task job for a worker (type = the job type)
--   timer        a timer catch event, boundary timer or event-subprocess timer of an instance
--   timer-start  a timer start event of a deployed definition (no instance yet: instance_id NULL)
-- Workers only ever acquire `service` rows; the executor acquires the others. Finished rows are
-- deleted (history keeps the trail), so the queue and its indexes stay as small as the work.
ALTER TABLE jobs ADD COLUMN kind text NOT NULL DEFAULT 'service';
ALTER TABLE jobs ALTER COLUMN instance_id DROP NOT NULL;
ALTER TABLE jobs ALTER COLUMN element_instance_id DROP NOT NULL;
ALTER TABLE jobs ADD COLUMN definition_id uuid REFERENCES process_definitions (id);
-- The interpreter's timer id (unique within its instance), for timer rows.
ALTER TABLE jobs ADD COLUMN timer_id text;
-- timer-start: {repetitionsLeft}.
ALTER TABLE jobs ADD COLUMN payload jsonb;
-- Jobs and timers of a suspended instance are neither activated nor fired until it is resumed.
ALTER TABLE jobs ADD COLUMN suspended boolean NOT NULL DEFAULT false;
ALTER TABLE jobs DROP CONSTRAINT jobs_instance_id_element_instance_id_key;
CREATE INDEX jobs_instance ON jobs (instance_id, element_instance_id);
-- One service job per element instance: a job re-created after an incident replaces the old row.
CREATE UNIQUE INDEX jobs_service_element ON jobs (instance_id, element_instance_id) WHERE kind = 'service';
CREATE INDEX jobs_timer ON jobs (instance_id, timer_id) WHERE timer_id IS NOT NULL;
CREATE INDEX jobs_due ON jobs (due_at) WHERE kind <> 'service' AND state IN ('activatable', 'activated');
DROP INDEX jobs_acquirable;
CREATE INDEX jobs_acquirable ON jobs (type, due_at) WHERE kind = 'service' AND state IN ('activatable', 'activated');

-- Incidents name their cause (job type, worker message, expression) and who resolved them.
ALTER TABLE incidents ADD COLUMN job_id uuid;
ALTER TABLE incidents ADD COLUMN data jsonb;
ALTER TABLE incidents ADD COLUMN resolved_by text;
CREATE INDEX incidents_instance ON incidents (instance_id, state);

-- A message catch event, receive task or boundary/event-subprocess message event waiting.
-- `position` orders subscriptions: a message correlates to the first one opened.
CREATE TABLE message_subscriptions (
  id                   uuid PRIMARY KEY,
  position             bigserial NOT NULL,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  element_instance_id  text NOT NULL,
  element_id           text NOT NULL,
  message_name         text NOT NULL,
  correlation_key      text NOT NULL,
  interrupting         boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL
);
CREATE INDEX message_subscriptions_match ON message_subscriptions (department, message_name, correlation_key, position);
CREATE INDEX message_subscriptions_instance ON message_subscriptions (instance_id, element_instance_id);

CREATE TABLE signal_subscriptions (
  id                   uuid PRIMARY KEY,
  position             bigserial NOT NULL,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  element_instance_id  text NOT NULL,
  element_id           text NOT NULL,
  signal_name          text NOT NULL,
  interrupting         boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL
);
CREATE INDEX signal_subscriptions_match ON signal_subscriptions (department, signal_name, position);
CREATE INDEX signal_subscriptions_instance ON signal_subscriptions (instance_id, element_instance_id);

-- Message and signal start events of the latest version of each definition, replaced at deploy.
CREATE TABLE start_event_subscriptions (
  definition_id  uuid NOT NULL REFERENCES process_definitions (id),
  element_id     text NOT NULL,
  department     text NOT NULL,
  process_id     text NOT NULL,
  kind           text NOT NULL,
  name           text NOT NULL,
  PRIMARY KEY (definition_id, element_id)
);
CREATE INDEX start_event_subscriptions_match ON start_event_subscriptions (department, kind, name);

-- Messages nobody waited for yet, kept until they expire; a subscription opened later takes one.
CREATE TABLE message_buffer (
  id               uuid PRIMARY KEY,
  position         bigserial NOT NULL,
  department       text NOT NULL,
  name             text NOT NULL,
  correlation_key  text NOT NULL,
  variables        jsonb NOT NULL DEFAULT '{}',
  message_id       text,
  published_by     text NOT NULL,
  published_at     timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL
);
CREATE INDEX message_buffer_match ON message_buffer (department, name, correlation_key, position);
CREATE INDEX message_buffer_expiry ON message_buffer (expires_at);

-- Publishing with a message id is idempotent: the second publication gets the first's result.
CREATE TABLE message_publications (
  department    text NOT NULL,
  message_id    text NOT NULL,
  result        jsonb NOT NULL,
  published_at  timestamptz NOT NULL,
  PRIMARY KEY (department, message_id)
);
