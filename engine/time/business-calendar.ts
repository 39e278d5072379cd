import type { BusinessCalendarData, DayInfo, DayReason, LocalOverride, YearSchedule } from './calendar-data.js';
import {
  addMonthsToDay,
  firstDayOfYear,
  formatDayNumber,
  isWeekend,
  lastDayOfYear,
  parseIsoDate,
  partsOfDay,
  yearOfDay,
  type DayNumber,
  type IsoDate,
} from './civil-date.js';
import { CalendarYearNotLoadedError, InvalidCalendarDataError, InvalidDurationError } from './errors.js';
import { compileOfficeHours, type OfficeWindows } from './office-hours.js';
import { advanceCounted } from './counting-clock.js';
import { allTimeFrom, officeIntervalsFrom } from './working-time.js';
import { computeDeadline } from './deadline.js';
import { normalizeDuration, type DurationInput, type DurationOptions } from './duration.js';
import type { TimeResult } from './errors.js';

const NOT_COVERED = -1;
const OFF = 0;
const WORKING = 1;
const MS_PER_HOUR = 3_600_000;

/** What decided a special day: an official notice entry or a local override. */
interface SpecialDay {
  working: boolean;
  reason: DayReason;
  name: string;
  source: string;
  overrideReason?: string;
}

export interface RolloverOptions {
  /** 民法典 第203条: a period whose last day is a rest day or statutory holiday ends on the next working day. Default true. */
  lastDayRollover?: boolean;
}

/**
 * Working days in the Asia/Shanghai calendar: the official State Council schedules (holidays and 调休 make-up
 * working days) plus local overrides, and optional office hours for limits counted in working hours.
 *
 * Immutable: a change of data (a year loaded, an override added) builds a new calendar. Any question about a
 * day in a year without an official schedule throws CalendarYearNotLoadedError; there is no Monday-to-Friday guess.
 * Day-number methods (`…Day`) are the fast path for loops; the IsoDate methods are the readable face.
 */
export class BusinessCalendar {
  /** Day number of the first entry of `status`. */
  private readonly tableStart: DayNumber;
  /** Per day from tableStart: NOT_COVERED, OFF or WORKING. */
  private readonly status: Int8Array;
  private readonly specials: ReadonlyMap<DayNumber, SpecialDay>;
  private readonly coveredYears: ReadonlySet<number>;
  private readonly schedules: ReadonlyMap<number, YearSchedule>;
  readonly officeWindows: OfficeWindows | undefined;
  readonly overrides: readonly LocalOverride[];

  private constructor(
    tableStart: DayNumber,
    status: Int8Array,
    specials: Map<DayNumber, SpecialDay>,
    schedules: Map<number, YearSchedule>,
    overrides: readonly LocalOverride[],
    officeWindows: OfficeWindows | undefined,
  ) {
    this.tableStart = tableStart;
    this.status = status;
    this.specials = specials;
    this.schedules = schedules;
    this.coveredYears = new Set(schedules.keys());
    this.overrides = overrides;
    this.officeWindows = officeWindows;
  }

  /**
   * Builds a calendar from plain data. A year with an empty `days` list is "not published" and stays uncovered.
   * When several schedules name the same year, the last non-empty one wins (callers order them by precedence).
   * Throws InvalidDateError / InvalidCalendarDataError on malformed data.
   */
  static fromData(data: BusinessCalendarData): BusinessCalendar {
    const schedules = new Map<number, YearSchedule>();
    for (const schedule of data.years) {
      if (!Number.isInteger(schedule.year) || schedule.year < 1992 || schedule.year > 9999) {
        throw new InvalidCalendarDataError(`Schedule year ${schedule.year} is out of range (1992–9999).`, `节假日安排年份 ${schedule.year} 超出范围（1992–9999）。`);
      }
      if (schedule.days.length > 0) schedules.set(schedule.year, schedule);
    }
    const years = [...schedules.keys()].sort((a, b) => a - b);
    const overrides = [...(data.overrides ?? [])];
    const officeWindows = data.officeHours ? compileOfficeHours(data.officeHours) : undefined;
    if (years.length === 0) return new BusinessCalendar(0, new Int8Array(0), new Map(), schedules, overrides, officeWindows);

    const tableStart = firstDayOfYear(years[0]);
    const status = new Int8Array(lastDayOfYear(years[years.length - 1]) - tableStart + 1).fill(NOT_COVERED);
    for (const year of years) {
      for (let day = firstDayOfYear(year); day <= lastDayOfYear(year); day++) status[day - tableStart] = isWeekend(day) ? OFF : WORKING;
    }

    const specials = new Map<DayNumber, SpecialDay>();
    const decide = (day: DayNumber, special: SpecialDay): void => {
      specials.set(day, special);
      if (schedules.has(yearOfDay(day))) status[day - tableStart] = special.working ? WORKING : OFF;
    };
    // Ascending notice years, so the next year's notice decides a late-December day it names.
    for (const year of years) {
      const schedule = schedules.get(year) as YearSchedule;
      for (const official of schedule.days) {
        const day = parseIsoDate(official.date, `years[${year}].days.date`);
        decide(day, {
          working: !official.isOffDay,
          reason: official.isOffDay ? 'statutoryHoliday' : 'makeupWorkday',
          name: official.name,
          source: schedule.source,
        });
      }
    }
    for (const override of overrides) {
      const day = parseIsoDate(override.date, 'overrides.date');
      decide(day, {
        working: override.kind === 'workday',
        reason: override.kind === 'workday' ? 'localWorkday' : 'localHoliday',
        name: override.name,
        source: 'local override',
        overrideReason: override.reason,
      });
    }
    return new BusinessCalendar(tableStart, status, specials, schedules, overrides, officeWindows);
  }

  /** Years with an official schedule, ascending. */
  years(): number[] {
    return [...this.coveredYears].sort((a, b) => a - b);
  }

  coversYear(year: number): boolean {
    return this.coveredYears.has(year);
  }

  /** The schedule that governs a year, if loaded (with its source and notice URLs). */
  scheduleOf(year: number): YearSchedule | undefined {
    return this.schedules.get(year);
  }

  get hasOfficeHours(): boolean {
    return this.officeWindows !== undefined;
  }

  // ── day-number fast path ────────────────────────────────────────────────

  isWorkingDayNumber(day: DayNumber): boolean {
    const index = day - this.tableStart;
    const state = index >= 0 && index < this.status.length ? this.status[index] : NOT_COVERED;
    if (state === NOT_COVERED) throw new CalendarYearNotLoadedError(yearOfDay(day), formatDayNumber(day));
    return state === WORKING;
  }

  /** The |count|-th working day after (count > 0) or before (count < 0) a day; the day itself when count is 0. */
  addWorkingDayNumbers(day: DayNumber, count: number): DayNumber {
    assertWholeNumber(count, 'count');
    const step = count >= 0 ? 1 : -1;
    let remaining = Math.abs(count);
    let current = day;
    while (remaining > 0) {
      current += step;
      if (this.isWorkingDayNumber(current)) remaining--;
    }
    return current;
  }

  /** The day itself when it is a working day, otherwise the next working day. */
  rollToWorkingDayNumber(day: DayNumber): DayNumber {
    let current = day;
    while (!this.isWorkingDayNumber(current)) current++;
    return current;
  }

  // ── readable face: ISO dates (YYYY-MM-DD, Asia/Shanghai calendar) ───────

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(parseIsoDate(date, 'date'));
  }

  /** Working or not, and why. */
  describeDay(date: IsoDate): DayInfo {
    return this.describeDayNumber(parseIsoDate(date, 'date'));
  }

  describeDayNumber(day: DayNumber): DayInfo {
    const working = this.isWorkingDayNumber(day);
    const date = formatDayNumber(day);
    const special = this.specials.get(day);
    if (special) {
      const info: DayInfo = { date, working, reason: special.reason, name: special.name, source: special.source };
      if (special.overrideReason !== undefined) info.overrideReason = special.overrideReason;
      return info;
    }
    const info: DayInfo = { date, working, reason: isWeekend(day) ? 'weekend' : 'weekday' };
    const parts = partsOfDay(day);
    if (parts.month === 12 && parts.day >= 25 && !this.coveredYears.has(parts.year + 1)) info.provisional = true;
    return info;
  }

  /** Each day from `from` to `to` inclusive. */
  describeRange(from: IsoDate, to: IsoDate): DayInfo[] {
    const first = parseIsoDate(from, 'from');
    const last = parseIsoDate(to, 'to');
    const days: DayInfo[] = [];
    for (let day = first; day <= last; day++) days.push(this.describeDayNumber(day));
    return days;
  }

  /**
   * The count-th working day after `date` (the start day itself is not counted, 民法典 第201条), or before it
   * for a negative count. 20 working days from an acceptance on Friday 2025-09-26 end on 2025-10-30.
   */
  addWorkingDays(date: IsoDate, count: number): IsoDate {
    return formatDayNumber(this.addWorkingDayNumbers(parseIsoDate(date, 'date'), count));
  }

  subtractWorkingDays(date: IsoDate, count: number): IsoDate {
    return this.addWorkingDays(date, -count);
  }

  /**
   * The inverse of addWorkingDays: the working days in (from, to] when `to` is later, minus those in [to, from)
   * when it is earlier, so that countWorkingDays(d, addWorkingDays(d, n)) === n in both directions.
   */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    const first = parseIsoDate(from, 'from');
    const last = parseIsoDate(to, 'to');
    let count = 0;
    if (last >= first) {
      for (let day = first + 1; day <= last; day++) if (this.isWorkingDayNumber(day)) count++;
      return count;
    }
    for (let day = last; day < first; day++) if (this.isWorkingDayNumber(day)) count++;
    return count === 0 ? 0 : -count;
  }

  /** `date` itself when it is a working day, otherwise the next working day. */
  rollToWorkingDay(date: IsoDate): IsoDate {
    return formatDayNumber(this.rollToWorkingDayNumber(parseIsoDate(date, 'date')));
  }

  /**
   * The last day of a period of `count` natural days starting the day after `date` (民法典 第201条); when that
   * day is a rest day or statutory holiday it rolls to the next working day (第203条) unless disabled.
   */
  addNaturalDays(date: IsoDate, count: number, options: RolloverOptions = {}): IsoDate {
    assertWholeNumber(count, 'count');
    const end = parseIsoDate(date, 'date') + count;
    return formatDayNumber(options.lastDayRollover === false ? end : this.rollToWorkingDayNumber(end));
  }

  /** Months as 民法典 第202条 counts them (corresponding day, else month end), then the 第203条 rollover. */
  addMonths(date: IsoDate, count: number, options: RolloverOptions = {}): IsoDate {
    assertWholeNumber(count, 'count');
    const end = addMonthsToDay(parseIsoDate(date, 'date'), count);
    return formatDayNumber(options.lastDayRollover === false ? end : this.rollToWorkingDayNumber(end));
  }

  /**
   * Adds hours to an instant: working hours (office periods on working days) when office hours are configured,
   * clock hours otherwise. Starting outside office hours counts from the next office period.
   */
  addHours(start: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new InvalidDurationError(hours, `Hours must be a non-negative number, got ${hours}.`, `小时数必须为非负数，实际为 ${hours}。`);
    const origin = start.getTime();
    const intervals = this.officeWindows ? officeIntervalsFrom(this, origin) : allTimeFrom(origin);
    return new Date(advanceCounted(origin, intervals, hours * MS_PER_HOUR) as number);
  }

  /**
   * The instant a duration after `start` ends: a catalog Duration ({value, unit}) or an ISO 8601 text
   * (`P20D` + {calendar: 'working'} = 20 working days, ending 24:00 Asia/Shanghai of the last day).
   * An error value, never a throw: unknown units, uncovered years.
   */
  addDuration(start: Date, duration: DurationInput, options: DurationOptions = {}): TimeResult<Date> {
    const parsed = normalizeDuration(duration, options);
    if (!parsed.ok) return parsed;
    const deadline = computeDeadline(this, { start, duration: parsed.value });
    if (!deadline.ok) return deadline;
    return { ok: true, value: deadline.value.dueAt as Date };
  }
}

function assertWholeNumber(value: number, field: string): void {
  if (!Number.isSafeInteger(value)) throw new InvalidDurationError(value, `${field} must be a whole number, got ${value}.`, `${field} 必须为整数，实际为 ${value}。`);
}
