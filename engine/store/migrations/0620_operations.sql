-- 办理操作 (D11): what the task operations keep. Every operation is also a history row (actor, reason, time).

-- 委托: the task's owner while a delegate works it (Camunda 7's owner / delegationState), and whether it comes
-- back to the owner for a last look (resolve).
ALTER TABLE user_tasks ADD COLUMN owner text;
ALTER TABLE user_tasks ADD COLUMN delegation_state text CHECK (delegation_state IN ('pending', 'resolved'));
ALTER TABLE user_tasks ADD COLUMN return_to_owner boolean NOT NULL DEFAULT false;
-- 加签 before/after: who signs after the current assignee, in order; what earlier signers submitted.
ALTER TABLE user_tasks ADD COLUMN signers text[] NOT NULL DEFAULT '{}';
ALTER TABLE user_tasks ADD COLUMN pending_variables jsonb;
-- 补正: the task waits for the applicant's resubmission (the statutory clock is paused meanwhile).
ALTER TABLE user_tasks ADD COLUMN awaiting text CHECK (awaiting IN ('applicant'));
-- 改派: where the task was before it was handed to another department (退单 sends it back there).
ALTER TABLE user_tasks ADD COLUMN reassigned_from jsonb;

-- 委托 for a period (leave, 出差): the delegate may work the tasks assigned to the user.
CREATE TABLE delegations (
  id          uuid PRIMARY KEY,
  user_id     text NOT NULL,
  department  text NOT NULL,
  delegate    text NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  process_id  text,
  reason      text NOT NULL,
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CHECK (ends_at > starts_at)
);
CREATE INDEX delegations_delegate ON delegations (delegate, ends_at) WHERE revoked_at IS NULL;
CREATE INDEX delegations_user ON delegations (user_id, ends_at) WHERE revoked_at IS NULL;

-- 审批意见 common phrases: the system's, a department's, a user's own.
CREATE TABLE opinion_phrases (
  id          uuid PRIMARY KEY,
  department  text,
  user_id     text,
  text        text NOT NULL,
  sort        integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL
);
CREATE INDEX opinion_phrases_owner ON opinion_phrases (department, user_id);

-- 附件: kept in the database with the case (instance-scoped, D9); every download is recorded.
CREATE TABLE attachments (
  id            uuid PRIMARY KEY,
  instance_id   uuid NOT NULL REFERENCES process_instances (id),
  department    text NOT NULL,
  task_id       uuid,
  name          text NOT NULL,
  kind          text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   text NOT NULL,
  uploaded_at   timestamptz NOT NULL
);
CREATE INDEX attachments_instance ON attachments (instance_id, uploaded_at);
CREATE TABLE attachment_downloads (
  id             bigserial PRIMARY KEY,
  attachment_id  uuid NOT NULL REFERENCES attachments (id),
  instance_id    uuid NOT NULL,
  department     text NOT NULL,
  user_id        text NOT NULL,
  at             timestamptz NOT NULL
);
CREATE INDEX attachment_downloads_attachment ON attachment_downloads (attachment_id, id);

-- Notifications for one person: 催办, 抄送, a task handed to them.
CREATE TABLE user_notifications (
  seq          bigserial PRIMARY KEY,
  user_id      text NOT NULL,
  instance_id  uuid NOT NULL,
  department   text NOT NULL,
  type         text NOT NULL,
  at           timestamptz NOT NULL,
  data         jsonb NOT NULL,
  read_at      timestamptz
);
CREATE INDEX user_notifications_user ON user_notifications (user_id, seq);

-- 延期申请: a request, granted (the clock moves) or refused by the post that may grant it.
CREATE TABLE extension_requests (
  id              uuid PRIMARY KEY,
  instance_id     uuid NOT NULL REFERENCES process_instances (id),
  department      text NOT NULL,
  task_id         uuid,
  duration        jsonb NOT NULL,
  reason          text NOT NULL,
  legal_basis     text,
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL,
  state           text NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  decided_by      text,
  decided_at      timestamptz,
  decision_reason text
);
CREATE INDEX extension_requests_instance ON extension_requests (instance_id, requested_at);
CREATE INDEX extension_requests_pending ON extension_requests (department, requested_at) WHERE state = 'pending';
