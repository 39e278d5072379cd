-- The region scope (D10) of what a region-scoped user leaves behind to act later: a message they published waits
-- for a case of their region only, and their webhook receives only the events of cases in their region. '/' is
-- the city: every region, as before.
ALTER TABLE message_buffer ADD COLUMN region_path text NOT NULL DEFAULT '/';
ALTER TABLE sla_webhooks ADD COLUMN region_path text NOT NULL DEFAULT '/';
