/** The time module's public face: business calendar, durations and statutory deadlines. */
export { BusinessCalendar, type RolloverOptions } from './business-calendar.js';
export type { BusinessCalendarData, DayInfo, DayReason, LocalOverride, OfficeHours, OfficePeriod, OfficialDay, OverrideKind, YearSchedule } from './calendar-data.js';
export { formatDayNumber, isValidIsoDate, parseIsoDate, type DayNumber, type IsoDate } from './civil-date.js';
export { CALENDAR_TIME_ZONE, endOfShanghaiDayMs, shanghaiDayOf, startOfShanghaiDayMs } from './shanghai-time.js';
export {
  attempt,
  CalendarYearNotLoadedError,
  InvalidCalendarDataError,
  InvalidDateError,
  InvalidDurationError,
  InvalidPauseError,
  LOAD_YEAR_ENDPOINT,
  YEAR_NOT_COVERED,
  TimeError,
  type TimeResult,
} from './errors.js';
export { CHINESE_DAYS_SOURCE, chineseDaysSchedules } from './chinese-days-source.js';
export { BUNDLED_HOLIDAY_CN_DIR, BUNDLED_HOLIDAY_CN_SOURCE, bundledHolidayCnSchedules, scheduleFromHolidayCn, type HolidayCnFile } from './holiday-cn-source.js';
export { calendarFromLayers, mergeYearSchedules, officialSchedules, type CalendarLayers } from './official-schedules.js';
export {
  budgetUnitOf,
  DURATION_UNITS,
  normalizeCatalogDuration,
  normalizeDuration,
  parseIsoDuration,
  type BudgetUnit,
  type CatalogDuration,
  type DurationInput,
  type DurationOptions,
  type DurationUnit,
  type NormalizedDuration,
} from './duration.js';
export { computeDeadline, instantAtShare, readClock, withExtension, type ClockInput, type ClockReading, type Deadline, type PauseInterval, type SlaLevel } from './deadline.js';
export { CalendarRepository, DATABASE_SOURCE, type CalendarChange, type StoredOverride, type StoredYear } from './calendar-repository.js';
export { LiveCalendar } from './live-calendar.js';
export { officeHoursFromEnv } from './office-hours-config.js';
