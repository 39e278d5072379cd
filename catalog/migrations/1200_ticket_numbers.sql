-- 案件编号 of 12345 tickets taken in without one: 12345-YYYYMMDD-NNNN, a counter per China day.
-- The upsert that bumps a day's row locks it, so concurrent intakes never draw the same number.
CREATE TABLE catalog_ticket_numbers (
  day   date PRIMARY KEY,
  last  integer NOT NULL
);
