/**
 * Errors of the time module. Each carries a stable code and a Chinese message beside the English one,
 * because a clerk reads them on the screen and an integrator reads them in logs.
 */
export abstract class TimeError extends Error {
  abstract readonly code: string;
  readonly messageZh: string;

  protected constructor(message: string, messageZh: string) {
    super(message);
    this.messageZh = messageZh;
    this.name = new.target.name;
  }
}

/** Where an administrator loads a year's official schedule when the State Council publishes it. */
export const LOAD_YEAR_ENDPOINT = 'POST /api/v1/calendar/years/{year}';

/** The words every CalendarYearNotLoadedError says in English: how a stored clock error is known as one (engine/store/sla/calendar-readiness.ts). */
export const YEAR_NOT_COVERED = 'which the business calendar does not cover';

/**
 * The calendar has no official schedule for this year, so it cannot tell working days from holidays.
 * Guessing Monday to Friday would silently move statutory deadlines, so we stop instead.
 */
export class CalendarYearNotLoadedError extends TimeError {
  readonly code = 'CALENDAR_YEAR_NOT_LOADED';
  readonly year: number;
  readonly loadWith: string;

  constructor(year: number, date?: string) {
    const loadWith = LOAD_YEAR_ENDPOINT.replace('{year}', String(year));
    const what = date ? `${date} falls in ${year}` : `Year ${year}`;
    const whatZh = date ? `${date} 所在的 ${year} 年` : `${year} 年`;
    super(
      `${what}, ${YEAR_NOT_COVERED}: the official holiday schedule (国务院办公厅节假日安排) for ${year} is not loaded. ` +
        `An administrator loads it with ${loadWith} (holiday-cn JSON format), or upgrade the chinese-days package.`,
      `${whatZh}不在工作日历范围内：尚未加载 ${year} 年国务院办公厅节假日安排。请管理员通过 ${loadWith} 上传该年安排（holiday-cn JSON 格式），或升级 chinese-days。`,
    );
    this.year = year;
    this.loadWith = loadWith;
  }
}

/** A date string that is not a real calendar date (2025-02-30) or not in YYYY-MM-DD form. */
export class InvalidDateError extends TimeError {
  readonly code = 'INVALID_DATE';
  readonly value: string;
  readonly field?: string;

  constructor(value: string, field?: string) {
    const where = field ? ` (${field})` : '';
    super(`"${value}"${where} is not a valid calendar date in the form YYYY-MM-DD.`, `“${value}”${where}不是有效日期，应为 YYYY-MM-DD 格式的真实日期。`);
    this.value = value;
    this.field = field;
  }
}

/** A time limit that cannot be understood: an unknown unit, a negative value, an ISO text we do not read. */
export class InvalidDurationError extends TimeError {
  readonly code = 'INVALID_DURATION';
  readonly value: unknown;

  constructor(value: unknown, message: string, messageZh: string) {
    super(message, messageZh);
    this.value = value;
  }
}

/** Pause intervals that contradict each other (overlap, end before start, an open pause that is not the last). */
export class InvalidPauseError extends TimeError {
  readonly code = 'INVALID_PAUSE';

  constructor(message: string, messageZh: string) {
    super(message, messageZh);
  }
}

/** Calendar data (year schedule, override, office hours) that is malformed. */
export class InvalidCalendarDataError extends TimeError {
  readonly code = 'INVALID_CALENDAR_DATA';

  constructor(message: string, messageZh: string) {
    super(message, messageZh);
  }
}

/** Outcome of a time computation: the value, or the reason it cannot be computed. */
export type TimeResult<T> = { ok: true; value: T } | { ok: false; error: TimeError };

export const ok = <T>(value: T): TimeResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: TimeError): TimeResult<T> => ({ ok: false, error });

/** Runs a computation that may throw a TimeError and turns that error into a value; other errors are bugs and propagate. */
export function attempt<T>(compute: () => T): TimeResult<T> {
  try {
    return ok(compute());
  } catch (error) {
    if (error instanceof TimeError) return fail(error);
    throw error;
  }
}
