-- The notification feed's cursor in commit order (issue 16, concurrency). `seq` is taken from a
-- sequence when a row is inserted, inside its transaction, so a row can become visible after
-- one with a higher seq: a reader that had moved its cursor past it would never see it. A row
-- gets its `position` only once it is committed, from a publisher that holds the feed head's
-- row lock, so positions become visible in order and a cursor never skips one.
ALTER TABLE sla_notifications ADD COLUMN position bigint;
UPDATE sla_notifications SET position = seq;
CREATE UNIQUE INDEX sla_notifications_position ON sla_notifications (position);
CREATE INDEX sla_notifications_department_position ON sla_notifications (department, position);
CREATE INDEX sla_notifications_unpublished ON sla_notifications (seq) WHERE position IS NULL;

CREATE TABLE sla_feed_head (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  last  bigint NOT NULL
);
INSERT INTO sla_feed_head (last) SELECT COALESCE(max(seq), 0) FROM sla_notifications;
