-- The national 好差评 scale: five levels (非常满意 … 非常不满意); the three earlier values stay valid.
ALTER TABLE case_evaluations DROP CONSTRAINT case_evaluations_result_check;
ALTER TABLE case_evaluations ADD CONSTRAINT case_evaluations_result_check CHECK (result IN ('非常满意', '满意', '基本满意', '不满意', '非常不满意'));
-- citizen: from the citizen's own channel (an integrator: app, web, SMS); visit: a staff member's 回访.
ALTER TABLE case_evaluations ADD COLUMN channel text NOT NULL DEFAULT 'visit' CHECK (channel IN ('citizen', 'visit'));
-- What a bad evaluation led to: reopen (重办) or rectify (整改); null when satisfied or neither was asked.
ALTER TABLE case_evaluations ADD COLUMN remedy text CHECK (remedy IN ('reopen', 'rectify'));

-- 整改: a rectification opened on a bad evaluation, closed by the owner department with its outcome.
CREATE TABLE case_rectifications (
  id           uuid PRIMARY KEY,
  instance_id  uuid NOT NULL REFERENCES process_instances (id),
  department   text NOT NULL,
  reason       text NOT NULL,
  state        text NOT NULL CHECK (state IN ('open', 'closed')),
  opened_by    text NOT NULL,
  opened_at    timestamptz NOT NULL,
  closed_by    text,
  closed_at    timestamptz,
  outcome      text
);
CREATE INDEX case_rectifications_instance ON case_rectifications (instance_id);
CREATE INDEX case_rectifications_open ON case_rectifications (department, state);
