-- A case's matter code becomes a column the database keeps from its variables (issue 12, writes per step).
-- The index of migration 0400 was on an expression of `state`, the column every step of a case rewrites. An index on
-- an expression makes PostgreSQL treat each column it reads as indexed, so no update of a case could be a HOT update
-- (heap-only: the new row version on the same page, no index touched): every step wrote a new entry into each of
-- the table's indexes. The generated column is recomputed on every write, but its index changes only when the matter
-- code does, so a step that keeps the case's status, department and matter leaves the indexes alone.
-- fillfactor 85 keeps room on each page for the next version of its rows, which HOT needs.
ALTER TABLE process_instances ADD COLUMN matter_code text GENERATED ALWAYS AS (state -> 'variables' ->> 'matterCode') STORED;
DROP INDEX process_instances_matter;
CREATE INDEX process_instances_matter ON process_instances (department, matter_code, started_at);
ALTER TABLE process_instances SET (fillfactor = 85);
