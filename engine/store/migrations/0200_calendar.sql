-- Business calendar (issue 5): official year schedules loaded by an administrator, local overrides, and the
-- trail of who changed the calendar, when and why. One calendar per installation, shared by every department,
-- so these tables are not instance-scoped.

-- A State Council arrangement loaded through the API (holiday-cn format), e.g. 2027 once it is published.
-- It takes precedence over the schedules shipped with the code for the same year.
CREATE TABLE calendar_years (
  year        integer PRIMARY KEY CHECK (year BETWEEN 1992 AND 9999),
  papers      jsonb NOT NULL DEFAULT '[]',
  days        jsonb NOT NULL,
  loaded_by   text NOT NULL,
  loaded_at   timestamptz NOT NULL,
  reason      text
);

-- A local exception: a typhoon closure, a local festival, a local make-up working day. One per date.
CREATE TABLE calendar_overrides (
  id          uuid PRIMARY KEY,
  day         date NOT NULL UNIQUE,
  kind        text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name        text NOT NULL,
  reason      text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- Append-only: every change to the calendar. Its highest seq is the calendar's revision, which lets every
-- process see that its cached calendar is stale.
CREATE TABLE calendar_changes (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action      text NOT NULL CHECK (action IN ('year-loaded', 'override-added', 'override-deleted')),
  year        integer,
  day         date,
  details     jsonb NOT NULL,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL,
  reason      text
);
CREATE INDEX calendar_changes_changed_at ON calendar_changes (changed_at);
