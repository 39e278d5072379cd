-- Case lists filter by the catalog matter a case was started for (variables.matterCode).
CREATE INDEX process_instances_matter ON process_instances (department, ((state -> 'variables' ->> 'matterCode')), started_at);
