-- 分拨 (dispatch) rules: category × region → handling units. The catalog's implementation entries
-- give the default; an override replaces it for one matter and region. Every change is a new version
-- with who and why; a version with no units withdraws the override (the catalog's rule applies again).
CREATE TABLE catalog_dispatch_rules (
  matter_code text NOT NULL,
  region_code text NOT NULL,
  version     int NOT NULL,
  units       text[] NOT NULL,
  changed_by  text NOT NULL,
  reason      text NOT NULL,
  changed_at  timestamptz NOT NULL,
  PRIMARY KEY (matter_code, region_code, version)
);

-- Each dispatch of a ticket, with the rule in force at that moment (一张工单跟到底).
CREATE TABLE catalog_dispatches (
  id            uuid PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  instance_id   uuid NOT NULL,
  task_id       uuid NOT NULL,
  matter_code   text NOT NULL,
  region_code   text NOT NULL,
  unit          text,
  source        text NOT NULL CHECK (source IN ('catalog', 'override', 'manual', 'none')),
  rule_region   text,
  rule_version  int,
  impl_code     text,
  rank          int,
  reason        text,
  decided_by    text NOT NULL,
  decided_at    timestamptz NOT NULL
);
CREATE INDEX catalog_dispatches_instance ON catalog_dispatches (instance_id, seq);
