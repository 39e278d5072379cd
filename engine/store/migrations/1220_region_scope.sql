-- The region scope (D10) of what a region-scoped user leaves behind to act later: a message they published waits
-- for a case of their region only, and their webhook receives only the events of cases in their region. '/' is
-- the city: every region, as before.
ALTER TABLE message_buffer ADD COLUMN region_path text NOT NULL DEFAULT '/';
ALTER TABLE sla_webhooks ADD COLUMN region_path text NOT NULL DEFAULT '/';
-- What a region-scoped user registered or published before this migration takes their region now: the narrower
-- side, so a town integrator's existing webhook stops receiving the other towns' events at once.
UPDATE sla_webhooks w SET region_path = COALESCE(r.path, '/' || u.region_code || '/')
  FROM users u LEFT JOIN regions r ON r.code = u.region_code
  WHERE u.id = w.created_by AND u.region_code IS NOT NULL;
UPDATE message_buffer b SET region_path = COALESCE(r.path, '/' || u.region_code || '/')
  FROM users u LEFT JOIN regions r ON r.code = u.region_code
  WHERE u.id = b.published_by AND u.region_code IS NOT NULL;
