-- SLA on cases and tasks (issue 5): statutory clocks with pauses and extensions, 临期/超期 levels,
-- 督办 requests, notifications with webhook deliveries, citizen evaluations and 不满意重办 links.
-- Every row is instance-scoped and carries instance_id and department (D9).

-- One row per clock: a case's statutory/committed/response limit, or a user task's step limit.
-- `duration`, `extensions` and `pauses` are the exact input of engine/time computeDeadline, so the
-- deadline can always be recomputed (after a calendar change, for an audit).
CREATE TABLE sla_clocks (
  id                   uuid PRIMARY KEY,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  subject              text NOT NULL CHECK (subject IN ('case', 'task')),
  kind                 text NOT NULL CHECK (kind IN ('statutory', 'committed', 'response', 'step')),
  task_id              uuid,
  element_instance_id  text,
  element_id           text,
  label                text,
  -- The case clock that decides 按时办结 and 督办: the committed limit when there is one, else the statutory.
  principal            boolean NOT NULL DEFAULT false,
  source               text NOT NULL,
  start_at             timestamptz NOT NULL,
  duration             jsonb NOT NULL,
  extensions           jsonb NOT NULL DEFAULT '[]',
  -- [{from, to, kind, reason, legalBasis}] in order; only the last may be open (to null).
  pauses               jsonb NOT NULL DEFAULT '[]',
  -- {maxCount, max (NormalizedDuration), basis}: what an extension (延期) may add; null = none allowed.
  extension_rule       jsonb,
  warn_at              double precision NOT NULL DEFAULT 0.8,
  due_at               timestamptz,
  warn_due_at          timestamptz,
  level                text NOT NULL DEFAULT 'normal' CHECK (level IN ('normal', 'warning', 'overdue')),
  state                text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'paused', 'stopped')),
  stopped_at           timestamptz,
  -- When the monitor must look at the clock next (临期, 超期 or the next escalation); null = never.
  next_check_at        timestamptz,
  calendar_revision    bigint NOT NULL,
  -- {unit, intervals (NormalizedDuration[])}: who supervises an overdue case and when it escalates.
  supervision          jsonb,
  escalation_level     integer NOT NULL DEFAULT 0,
  next_escalation_at   timestamptz,
  -- Why no deadline could be computed (e.g. a calendar year not loaded yet); retried on calendar change.
  error                text,
  created_at           timestamptz NOT NULL
);
CREATE INDEX sla_clocks_instance ON sla_clocks (instance_id, subject, state);
CREATE INDEX sla_clocks_task ON sla_clocks (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX sla_clocks_next_check ON sla_clocks (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX sla_clocks_open_revision ON sla_clocks (calendar_revision) WHERE state <> 'stopped';

-- The pollable feed of SLA events (临期, 超期, 督办, clock changes, evaluations). seq orders it.
CREATE TABLE sla_notifications (
  seq          bigserial PRIMARY KEY,
  instance_id  uuid NOT NULL,
  department   text NOT NULL,
  type         text NOT NULL,
  at           timestamptz NOT NULL,
  data         jsonb NOT NULL
);
CREATE INDEX sla_notifications_department ON sla_notifications (department, seq);

CREATE TABLE sla_webhooks (
  id               uuid PRIMARY KEY,
  department       text NOT NULL,
  -- An administrator's hook receives every department's events.
  all_departments  boolean NOT NULL DEFAULT false,
  url              text NOT NULL,
  events           text[] NOT NULL DEFAULT '{}',
  secret           text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  disabled_at      timestamptz
);

-- One delivery per notification and hook, written in the notification's transaction (an outbox).
CREATE TABLE sla_webhook_deliveries (
  id                uuid PRIMARY KEY,
  webhook_id        uuid NOT NULL REFERENCES sla_webhooks (id),
  notification_seq  bigint NOT NULL REFERENCES sla_notifications (seq),
  instance_id       uuid NOT NULL,
  department        text NOT NULL,
  state             text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL,
  lock_owner        text,
  lock_expires_at   timestamptz,
  last_status       integer,
  last_error        text,
  delivered_at      timestamptz,
  created_at        timestamptz NOT NULL,
  UNIQUE (webhook_id, notification_seq)
);
CREATE INDEX sla_webhook_deliveries_due ON sla_webhook_deliveries (next_attempt_at) WHERE state = 'pending';

-- 督办: one request per supervised case and level; the supervision process instance it started.
CREATE TABLE sla_supervisions (
  id                         uuid PRIMARY KEY,
  instance_id                uuid NOT NULL REFERENCES process_instances (id),
  department                 text NOT NULL,
  clock_id                   uuid NOT NULL REFERENCES sla_clocks (id),
  supervising_department     text NOT NULL,
  level                      integer NOT NULL,
  state                      text NOT NULL CHECK (state IN ('requested', 'started', 'failed')),
  supervision_instance_id    uuid,
  requested_at               timestamptz NOT NULL,
  started_at                 timestamptz,
  error                      text,
  UNIQUE (instance_id, level)
);
CREATE INDEX sla_supervisions_requested ON sla_supervisions (requested_at) WHERE state = 'requested';

-- The citizen's evaluation (回访评价) of a finished case: one per case.
CREATE TABLE case_evaluations (
  id                    uuid PRIMARY KEY,
  instance_id           uuid NOT NULL UNIQUE REFERENCES process_instances (id),
  department            text NOT NULL,
  result                text NOT NULL CHECK (result IN ('满意', '基本满意', '不满意')),
  comment               text,
  evaluated_by          text NOT NULL,
  evaluated_at          timestamptz NOT NULL,
  reopen_requested      boolean NOT NULL DEFAULT false,
  reopened_instance_id  uuid
);

-- 不满意重办: a new instance linked to the one it reopens, with the chain's root and a counter.
CREATE TABLE case_reopens (
  instance_id           uuid PRIMARY KEY REFERENCES process_instances (id),
  department            text NOT NULL,
  original_instance_id  uuid NOT NULL REFERENCES process_instances (id),
  root_instance_id      uuid NOT NULL,
  reopen_count          integer NOT NULL,
  created_at            timestamptz NOT NULL
);
CREATE INDEX case_reopens_original ON case_reopens (original_instance_id);
