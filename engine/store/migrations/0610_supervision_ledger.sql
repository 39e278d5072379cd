-- 督办 as a ledger (挂账): a 督办 is requested by the SLA monitor when a case runs overdue, or by a supervisor
-- by hand; its 督办单 goes to the unit responsible, which replies (办理情况); the supervisor closes it (销号) or
-- escalates it a level. The ledger lists what is open.
ALTER TABLE sla_supervisions ALTER COLUMN clock_id DROP NOT NULL;
ALTER TABLE sla_supervisions ADD COLUMN kind text NOT NULL DEFAULT 'automatic' CHECK (kind IN ('automatic', 'manual'));
ALTER TABLE sla_supervisions ADD COLUMN reason text;
ALTER TABLE sla_supervisions ADD COLUMN requested_by text;
-- The unit the 督办单 went first (a department or a unit code). Whether a 督办 is open, its current level and unit
-- and how it ended are the supervision instance's own state and variables (not copied here).
ALTER TABLE sla_supervisions ADD COLUMN responsible_unit text;
CREATE INDEX sla_supervisions_supervising ON sla_supervisions (supervising_department, requested_at);
CREATE INDEX sla_supervisions_instance ON sla_supervisions (supervision_instance_id);
