-- 集中受理: how a ticket came in (phone, web, app, window), what the citizen said and where, and the
-- address as recognised against the region tree; a duplicate merged into its master keeps the link.
CREATE TABLE catalog_intakes (
  instance_id   uuid PRIMARY KEY,
  department    text NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('phone', 'web', 'app', 'window')),
  matter_code   text NOT NULL,
  region_code   text NOT NULL,
  text          text NOT NULL,
  address       text,
  recognised    jsonb NOT NULL DEFAULT '[]',
  longitude     double precision,
  latitude      double precision,
  received_by   text NOT NULL,
  received_at   timestamptz NOT NULL,
  merged_into   uuid,
  merge_reason  text,
  merged_by     text,
  merged_at     timestamptz
);
-- Duplicates: same matter and place within a window.
CREATE INDEX catalog_intakes_place ON catalog_intakes (matter_code, region_code, received_at);
CREATE INDEX catalog_intakes_master ON catalog_intakes (merged_into);
