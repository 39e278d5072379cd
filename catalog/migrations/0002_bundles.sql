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
