-- 一件事 bundles (一件事一次办 / 高效办成一件事): a life event handled once across departments,
-- versioned by adjustment batches like matters and implementation entries.
CREATE TABLE catalog_bundle_versions (
  code        text NOT NULL,
  version     int NOT NULL,
  batch_id    uuid NOT NULL REFERENCES catalog_batches (id),
  publish_seq int NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date,
  status      text NOT NULL,
  name        text NOT NULL,
  department  text NOT NULL,
  document    jsonb NOT NULL,
  PRIMARY KEY (code, version)
);
CREATE INDEX catalog_bundle_versions_open ON catalog_bundle_versions (valid_from, valid_to);

ALTER TABLE catalog_batch_items DROP CONSTRAINT catalog_batch_items_entity_check;
ALTER TABLE catalog_batch_items ADD CONSTRAINT catalog_batch_items_entity_check CHECK (entity IN ('matter', 'implementation', 'bundle'));

-- Which bundle (and version) a 一件事 case was started for, as catalog_cases does for matters.
CREATE TABLE catalog_bundle_cases (
  instance_id    uuid PRIMARY KEY,
  department     text NOT NULL,
  bundle_code    text NOT NULL,
  bundle_version int NOT NULL,
  region_code    text,
  started_by     text NOT NULL,
  started_at     timestamptz NOT NULL
);
CREATE INDEX catalog_bundle_cases_bundle ON catalog_bundle_cases (bundle_code, started_at);
