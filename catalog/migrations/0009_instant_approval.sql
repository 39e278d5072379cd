-- 秒批 (issue 13): a matter marked for instant approval, bound to a DMN decision deployed in the
-- department that runs it. Its cases run the 秒批 template (数据核验 → decision → 自动准予 / 人工审查)
-- unless a process binding of the matter says otherwise.
CREATE TABLE catalog_instant_approvals (
  matter_code  text PRIMARY KEY,
  department   text NOT NULL,
  decision_id  text NOT NULL,
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL
);
