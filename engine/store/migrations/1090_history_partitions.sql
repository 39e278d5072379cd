-- History partitioned by month on its event time (issue 12, scale-out). History only grows: a
-- table per month keeps each index the size of a month, lets an old month be detached or moved
-- to cheaper storage whole, and leaves the month being written small and hot.
--   * Months are calendar months in UTC: history_2026_12 holds at ∈ [2026-12-01Z, 2027-01-01Z).
--   * history_default catches any row whose month has no table yet (a clock far off, a server down
--     for months), so no insert ever fails; history_add_month later moves such rows into their month.
--   * A partitioned table's unique keys must include the partition key: the key is (id, at). Nothing
--     relies on id alone being unique (no ON CONFLICT, no foreign key); id still comes from one
--     sequence, so it stays unique and ordered in practice, and the trail of a case is still read
--     by (instance_id, id).
-- The existing rows are copied into their months in this migration (one transaction).

ALTER TABLE history RENAME TO history_unpartitioned;
ALTER INDEX history_instance RENAME TO history_unpartitioned_instance;
ALTER TABLE history_unpartitioned RENAME CONSTRAINT history_pkey TO history_unpartitioned_pkey;

-- The old table's indexes go with it: any index added to history before this migration must be made again below.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = 'history_unpartitioned' AND indexname NOT IN ('history_unpartitioned_pkey', 'history_unpartitioned_instance')) THEN
    RAISE EXCEPTION 'history has an index that migration 1090 does not recreate on the partitioned table: add it to 1090';
  END IF;
END $$;

CREATE TABLE history (
  id                   bigint NOT NULL DEFAULT nextval('history_id_seq'),
  instance_id          uuid NOT NULL,
  department           text NOT NULL,
  at                   timestamptz NOT NULL,
  type                 text NOT NULL,
  element_id           text,
  element_type         text,
  element_name         text,
  element_instance_id  text,
  actor                text,
  data                 jsonb,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX history_instance ON history (instance_id, id);
CREATE TABLE history_default PARTITION OF history DEFAULT;
ALTER SEQUENCE history_id_seq OWNED BY history.id;

-- Adds the table of the month that starts at month_start (a date, taken as UTC), unless it exists;
-- rows of that month already in history_default move into it. Returns whether it was added.
-- The table is created apart and then attached: ATTACH needs a weaker lock on history than
-- CREATE ... PARTITION OF, so writers of other months are not held up. Several processes may call
-- it at once: the advisory lock makes the second one see the first one's table.
CREATE FUNCTION history_add_month(month_start date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  first_day date := date_trunc('month', month_start)::date;
  name text := 'history_' || to_char(first_day, 'YYYY_MM');
  low timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
  high timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
BEGIN
  PERFORM pg_advisory_xact_lock(72616090);
  IF to_regclass(name) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE history INCLUDING DEFAULTS)', name);
  EXECUTE format('WITH moved AS (DELETE FROM history_default WHERE at >= %L AND at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', low, high, name);
  EXECUTE format('ALTER TABLE history ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, low, high);
  RETURN true;
END $$;

-- A table for every month the old rows fall in, and the months around now (the server adds the following ones as they near).
SELECT history_add_month(month::date)
FROM (
  SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC') AS month FROM history_unpartitioned
  UNION SELECT date_trunc('month', (now() AT TIME ZONE 'UTC') + step * interval '1 month') FROM generate_series(-1, 2) AS step
) months
ORDER BY month;

INSERT INTO history (id, instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
SELECT id, instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data FROM history_unpartitioned;

DROP TABLE history_unpartitioned;
