-- The 12345 dashboards read the principal case deadline of each of a month's tickets (2万 a month): an index-only
-- read by instance, where the table holds every clock of every step.
CREATE INDEX sla_clocks_case_principal ON sla_clocks (instance_id, created_at) INCLUDE (due_at) WHERE subject = 'case' AND principal;
