import type { Db } from '../../db/index.js';
import type { OfficialDay } from '../../time/calendar-data.js';
import { jsonb } from '../jsonb.js';

/** A year's official schedule as an administrator loaded it. */
export interface CalendarYearRow {
  year: number;
  papers: string[];
  days: OfficialDay[];
  loaded_by: string;
  loaded_at: Date;
  reason: string | null;
}

/** Every loaded year, oldest first. */
export function calendarYears(db: Db): Promise<CalendarYearRow[]> {
  return db.query<CalendarYearRow>('SELECT year, papers, days, loaded_by, loaded_at, reason FROM calendar_years ORDER BY year');
}

/** Loads a year's schedule, replacing the one loaded before (a corrected notice). */
export async function upsertCalendarYear(
  tx: Db,
  year: { year: number; papers: string[]; days: OfficialDay[]; actor: string; at: Date; reason: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO calendar_years (year, papers, days, loaded_by, loaded_at, reason) VALUES ($1, $2::jsonb, $3::jsonb, $4, $5, $6)
     ON CONFLICT (year) DO UPDATE SET papers = EXCLUDED.papers, days = EXCLUDED.days, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at, reason = EXCLUDED.reason`,
    [year.year, jsonb(year.papers), jsonb(year.days), year.actor, year.at, year.reason],
  );
}
