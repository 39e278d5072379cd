-- History keeps no primary key (issue 12, writes per case). The key (id, at) of migration 1090 was read by no query:
-- a case's trail is read by (instance_id, id), and nothing looks a row up by id (no ON CONFLICT, no foreign key, no
-- update; history only grows). It cost an index entry for every row written, eleven for a straight-through case,
-- about a seventh of what such a case wrote to the write-ahead log (bench/durable.ts: 6.8 → 5.9 KiB). id still comes
-- from one sequence, so it stays unique and ordered as before. Dropping it on the partitioned table drops it from
-- every month's table.
ALTER TABLE history DROP CONSTRAINT history_pkey;
