import type { BusinessCalendarData, LocalOverride, OfficeHours, YearSchedule } from './calendar-data.js';
import { BusinessCalendar } from './business-calendar.js';
import { chineseDaysSchedules } from './chinese-days-source.js';
import { bundledHolidayCnSchedules } from './holiday-cn-source.js';

/**
 * One schedule per year from layers in rising precedence: a later layer's non-empty schedule replaces an earlier
 * one; an empty schedule ("not published yet") never hides a published one.
 */
export function mergeYearSchedules(...layers: ReadonlyArray<readonly YearSchedule[]>): YearSchedule[] {
  const byYear = new Map<number, YearSchedule>();
  for (const layer of layers) for (const schedule of layer) if (schedule.days.length > 0) byYear.set(schedule.year, schedule);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

let cachedOfficial: YearSchedule[] | undefined;

/**
 * The official schedules shipped with the code: chinese-days (2004–2026), replaced year by year by the bundled
 * holiday-cn files (2007–2026, which keep the notice URLs). Loaded once.
 */
export function officialSchedules(): YearSchedule[] {
  cachedOfficial ??= mergeYearSchedules(chineseDaysSchedules(), bundledHolidayCnSchedules());
  return cachedOfficial;
}

export interface CalendarLayers {
  /** Years an administrator loaded (take precedence over the shipped data). */
  loadedYears?: readonly YearSchedule[];
  overrides?: readonly LocalOverride[];
  officeHours?: OfficeHours;
}

/** The calendar from the shipped official data plus what an administrator added. */
export function calendarFromLayers(layers: CalendarLayers = {}): BusinessCalendar {
  const data: BusinessCalendarData = {
    years: mergeYearSchedules(officialSchedules(), layers.loadedYears ?? []),
    overrides: [...(layers.overrides ?? [])],
  };
  if (layers.officeHours) data.officeHours = layers.officeHours;
  return BusinessCalendar.fromData(data);
}
