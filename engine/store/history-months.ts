import type { Db } from '../db/index.js';

/** How many months after the current one have their history table ready. */
export const HISTORY_MONTHS_AHEAD = 2;

/** The UTC month of an instant, as `YYYY-MM` (history's tables are UTC calendar months). */
export function historyMonthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/**
 * Makes sure history has a table for the month of `now` and the next HISTORY_MONTHS_AHEAD
 * (migration 1090: history is partitioned by month, a default table catches the rest). The server
 * calls it at start and the job executor when the month changes, so a month's table exists two
 * months before its first row. Returns the months added, as `YYYY-MM`.
 */
export async function addHistoryMonths(db: Db, now: Date): Promise<string[]> {
  const rows = await db.transaction((tx) =>
    tx.query<{ month: string; added: boolean }>(
      `SELECT to_char(month, 'YYYY-MM') AS month, history_add_month(month) AS added
       FROM (SELECT (date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC') + step * interval '1 month')::date AS month
             FROM generate_series(0, $2::int) AS step) months
       ORDER BY month`,
      [now, HISTORY_MONTHS_AHEAD],
    ),
  );
  return rows.filter((row) => row.added).map((row) => row.month);
}
