import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromProjectRoot } from '../paths.js';
import type { OfficialDay, YearSchedule } from './calendar-data.js';

/** A year file of NateScarlet/holiday-cn (the format the admin endpoint accepts too). */
export interface HolidayCnFile {
  year: number;
  papers?: string[];
  days: OfficialDay[];
}

export const BUNDLED_HOLIDAY_CN_SOURCE = 'holiday-cn (bundled)';

/** Where the bundled year files live: read from the source tree, whether the code runs from source or dist/. */
export const BUNDLED_HOLIDAY_CN_DIR = fromProjectRoot('engine', 'time', 'data', 'holidays-cn');

export function scheduleFromHolidayCn(file: HolidayCnFile, source: string): YearSchedule {
  return { year: file.year, papers: file.papers ?? [], days: file.days.map(({ date, name, isOffDay }) => ({ date, name, isOffDay })), source };
}

/** The State Council schedules bundled with Matterflow (holiday-cn 2007–2027; 2027 is still empty). */
export function bundledHolidayCnSchedules(): YearSchedule[] {
  return readdirSync(BUNDLED_HOLIDAY_CN_DIR)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort()
    .map((name) => scheduleFromHolidayCn(JSON.parse(readFileSync(path.join(BUNDLED_HOLIDAY_CN_DIR, name), 'utf8')) as HolidayCnFile, BUNDLED_HOLIDAY_CN_SOURCE));
}
