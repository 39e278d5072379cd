-- The matter catalog (事项目录): reference data, adjustment batches, versioned matters and
-- implementation entries, process bindings and the cases started from a matter.

CREATE TABLE catalog_organisations (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  kind        text NOT NULL,
  level       text NOT NULL,
  region_code text,
  parent_code text,
  -- The engine department whose users work this organisation's tasks (a branch → its bureau).
  department  text NOT NULL,
  document    jsonb NOT NULL
);

CREATE TABLE catalog_regions (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('city', 'county', 'town', 'village', 'grid')),
  parent_code text,
  kind        text NOT NULL,
  org_code    text,
  document    jsonb NOT NULL
);
CREATE INDEX catalog_regions_parent ON catalog_regions (parent_code);

CREATE TABLE catalog_classification_nodes (
  scheme      text NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  level       int NOT NULL CHECK (level BETWEEN 1 AND 4),
  parent_code text,
  sort_no     int NOT NULL DEFAULT 0,
  document    jsonb NOT NULL,
  PRIMARY KEY (scheme, code)
);

-- 调整批次: a draft collects items; publishing turns them into versions in one transaction.
CREATE TABLE catalog_batches (
  id             uuid PRIMARY KEY,
  name           text NOT NULL,
  reason         text NOT NULL,
  status         text NOT NULL CHECK (status IN ('draft', 'published')),
  department     text NOT NULL,
  effective_date date NOT NULL,
  approver       text,
  publish_seq    int UNIQUE,
  source         text,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  published_at   timestamptz
);

CREATE TABLE catalog_batch_items (
  batch_id   uuid NOT NULL REFERENCES catalog_batches (id) ON DELETE CASCADE,
  seq        int NOT NULL,
  entity     text NOT NULL CHECK (entity IN ('matter', 'implementation')),
  action     text NOT NULL CHECK (action IN ('add', 'modify', 'abolish')),
  code       text NOT NULL,
  department text NOT NULL,
  document   jsonb,
  PRIMARY KEY (batch_id, seq),
  UNIQUE (batch_id, entity, code)
);

-- A version is valid from its batch's effective date until the next version's (valid_to NULL = open).
CREATE TABLE catalog_matter_versions (
  code        text NOT NULL,
  version     int NOT NULL,
  batch_id    uuid NOT NULL REFERENCES catalog_batches (id),
  publish_seq int NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date,
  status      text NOT NULL,
  name        text NOT NULL,
  matter_type text NOT NULL,
  department  text NOT NULL,
  document    jsonb NOT NULL,
  PRIMARY KEY (code, version)
);
CREATE INDEX catalog_matter_versions_open ON catalog_matter_versions (valid_from, valid_to);
CREATE INDEX catalog_matter_versions_department ON catalog_matter_versions (department);

CREATE TABLE catalog_impl_versions (
  impl_code         text NOT NULL,
  version           int NOT NULL,
  batch_id          uuid NOT NULL REFERENCES catalog_batches (id),
  publish_seq       int NOT NULL,
  valid_from        date NOT NULL,
  valid_to          date,
  status            text NOT NULL,
  matter_code       text NOT NULL,
  region_code       text NOT NULL,
  implementing_unit text NOT NULL,
  document          jsonb NOT NULL,
  PRIMARY KEY (impl_code, version)
);
CREATE INDEX catalog_impl_versions_matter ON catalog_impl_versions (matter_code);
CREATE INDEX catalog_impl_versions_region ON catalog_impl_versions (region_code);

-- Which process handles a matter: for the whole city (region_code '') or one region.
CREATE TABLE catalog_process_bindings (
  matter_code text NOT NULL,
  region_code text NOT NULL DEFAULT '',
  process_id  text NOT NULL,
  department  text NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (matter_code, region_code)
);

-- A case started from a matter keeps the matter version it started with.
CREATE TABLE catalog_cases (
  instance_id    uuid PRIMARY KEY,
  department     text NOT NULL,
  matter_code    text NOT NULL,
  matter_version int NOT NULL,
  impl_code      text,
  region_code    text NOT NULL,
  started_by     text NOT NULL,
  started_at     timestamptz NOT NULL
);
CREATE INDEX catalog_cases_matter ON catalog_cases (matter_code);
