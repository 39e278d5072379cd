-- 快处快裁: the command centre's binding decision on a dispute between units (both sent the ticket back, or a
-- unit contests the assignment): who decided, which unit must handle, why and when. Once decided, that unit
-- can no longer send the ticket back (退单).
CREATE TABLE case_rulings (
  id                   uuid PRIMARY KEY,
  instance_id          uuid NOT NULL REFERENCES process_instances (id),
  department           text NOT NULL,
  -- The unit code as decided, and where it routes (department, unit) for the 退单 check.
  unit_code            text NOT NULL,
  handling_department  text NOT NULL,
  handling_unit        text,
  -- The units that disputed the ticket before the decision (sent it back or contested it).
  disputed_by          text[] NOT NULL DEFAULT '{}',
  reason               text NOT NULL,
  decided_by           text NOT NULL,
  decided_at           timestamptz NOT NULL
);
CREATE INDEX case_rulings_instance ON case_rulings (instance_id, decided_at);
