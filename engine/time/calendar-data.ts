import type { IsoDate } from './civil-date.js';

/** One day named in a State Council holiday notice (holiday-cn format): a day off, or a 调休 make-up working day. */
export interface OfficialDay {
  date: IsoDate;
  name: string;
  /** true: a day off (holiday); false: a 调休 working day, usually a Saturday or Sunday. */
  isOffDay: boolean;
}

/**
 * A year's official arrangement (国务院办公厅关于某年部分节假日安排的通知), in the holiday-cn file format.
 * `year` is the year in the notice's title; its days may reach into late December of the year before.
 * An empty `days` list means "not published yet", never "no holidays".
 */
export interface YearSchedule {
  year: number;
  days: OfficialDay[];
  /** URLs of the notices (gov.cn). */
  papers?: string[];
  /** Where this schedule came from: 'chinese-days', 'holiday-cn (bundled)', 'database', … */
  source: string;
}

export type OverrideKind = 'holiday' | 'workday';

/** A local exception on top of the official schedule: a typhoon closure, a local festival, a local make-up day. */
export interface LocalOverride {
  date: IsoDate;
  kind: OverrideKind;
  name: string;
  reason: string;
}

/** A daily office period in Asia/Shanghai wall time, e.g. { start: '09:00', end: '12:00' }. */
export interface OfficePeriod {
  start: string;
  end: string;
}

/** Office hours on working days, for hour-based limits counted in working hours. */
export interface OfficeHours {
  periods: OfficePeriod[];
}

export interface BusinessCalendarData {
  years: YearSchedule[];
  overrides?: LocalOverride[];
  officeHours?: OfficeHours;
}

/** Why a day is or is not a working day. */
export type DayReason = 'weekday' | 'weekend' | 'statutoryHoliday' | 'makeupWorkday' | 'localHoliday' | 'localWorkday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  /** The festival or override name (国庆节, 台风停工…). */
  name?: string;
  /** The override's reason, when a local override decided the day. */
  overrideReason?: string;
  /** The schedule source that decided the day ('chinese-days', 'local override', …); absent for ordinary days. */
  source?: string;
  /**
   * Late-December days can be turned into make-up working days by the NEXT year's notice (2006-12-30/31,
   * 2011-12-31, 2018-12-29 were). While that notice is not loaded, the answer for these days may still change.
   */
  provisional?: boolean;
}
