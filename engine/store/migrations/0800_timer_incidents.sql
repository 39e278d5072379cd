-- A timer that keeps failing to fire becomes an incident (engine/jobs/timer-failures.ts). A timer start
-- event belongs to a definition, not an instance: such an incident names the definition instead.
ALTER TABLE incidents ALTER COLUMN instance_id DROP NOT NULL;
ALTER TABLE incidents ALTER COLUMN element_instance_id DROP NOT NULL;
ALTER TABLE incidents ADD COLUMN definition_id uuid REFERENCES process_definitions (id);
CREATE INDEX incidents_job ON incidents (job_id) WHERE job_id IS NOT NULL;
