-- The 12345 dashboards read a month of tickets by when they came in (2万 a month).
CREATE INDEX catalog_intakes_received ON catalog_intakes (received_at);
