import { readdirSync, readFileSync } from 'node:fs';
import type { OfficialDay, YearSchedule } from './calendar-data.js';

/** A year file of NateScarlet/holiday-cn (the format the admin endpoint accepts too). */
export interface HolidayCnFile {
  year: number;
  papers?: string[];
  days: OfficialDay[];
}

export const BUNDLED_HOLIDAY_CN_SOURCE = 'holiday-cn (bundled)';

/** Where the bundled year files live; the build must copy this folder next to the compiled module. */
export const BUNDLED_HOLIDAY_CN_DIR = new URL('./data/holidays-cn/', import.meta.url);

export function scheduleFromHolidayCn(file: HolidayCnFile, source: string): YearSchedule {
  return { year: file.year, papers: file.papers ?? [], days: file.days.map(({ date, name, isOffDay }) => ({ date, name, isOffDay })), source };
}

/** The State Council schedules bundled with Matterflow (holiday-cn 2007–2027; 2027 is still empty). */
export function bundledHolidayCnSchedules(): YearSchedule[] {
  return readdirSync(BUNDLED_HOLIDAY_CN_DIR)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort()
    .map((name) => scheduleFromHolidayCn(JSON.parse(readFileSync(new URL(name, BUNDLED_HOLIDAY_CN_DIR), 'utf8')) as HolidayCnFile, BUNDLED_HOLIDAY_CN_SOURCE));
}
