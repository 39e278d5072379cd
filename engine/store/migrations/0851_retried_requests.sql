-- Retries after an unknown outcome (issue 16): a client that did not hear the answer sends again.

-- A start with a business key keeps a fingerprint of its request (process, version asked for,
-- business key, variables): the same request again is answered with the instance it created.
ALTER TABLE process_instances ADD COLUMN start_request text;

-- A finished job leaves a tombstone, so that a worker retrying a completion that did commit is
-- told so (by whom and when) instead of "no such job". Pruned after a retention period.
CREATE TABLE job_tombstones (
  id           uuid PRIMARY KEY,
  instance_id  uuid NOT NULL,
  department   text NOT NULL,
  type         text NOT NULL,
  worker       text,
  outcome      text NOT NULL CHECK (outcome IN ('completed', 'error-thrown')),
  finished_by  text NOT NULL,
  finished_at  timestamptz NOT NULL
);
CREATE INDEX job_tombstones_finished ON job_tombstones (finished_at);

-- Executors holding timer locks renew a lease; a lock whose owner's lease ran out is free at
-- once, so a killed server's due timers are taken over within seconds, not at the lock's expiry.
CREATE TABLE executor_leases (
  owner       text PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);
