-- The correlation key of the message that started a case through a message start event. While such a case is
-- active, a message with the same key starts no other case of its process; with a time to live it waits and starts
-- the next one when this one ends (Camunda 8's message start event semantics).
ALTER TABLE process_instances ADD COLUMN start_correlation_key text;
CREATE INDEX process_instances_message_start ON process_instances (department, process_id, start_correlation_key)
  WHERE start_correlation_key IS NOT NULL AND ended_at IS NULL;
