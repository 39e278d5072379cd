import { InvalidDurationError, fail, ok, type TimeResult } from './errors.js';

/** The units of a catalog time limit (catalog-model.md §3). */
export const DURATION_UNITS = ['minute', 'hour', 'naturalDay', 'workingDay', 'month', 'year'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Chinese unit names found in catalog spreadsheets and 办事指南 (承诺时限 “20 个工作日”). */
const UNIT_ALIASES: Readonly<Record<string, DurationUnit>> = {
  分钟: 'minute',
  小时: 'hour',
  工作日: 'workingDay',
  自然日: 'naturalDay',
  日: 'naturalDay',
  天: 'naturalDay',
  月: 'month',
  个月: 'month',
  年: 'year',
};

/** A time limit as the catalog stores it. Only value, unit and lastDayRollover affect the arithmetic. */
export interface CatalogDuration {
  value: number;
  unit: string;
  startEvent?: string;
  endEvent?: string;
  /** 民法典 第203条 rollover of a natural-day/month period whose last day is a rest day. Default true. */
  lastDayRollover?: boolean;
  excludes?: string[];
}

/** A catalog Duration or an ISO 8601 duration text (P20D, PT24H, P1Y2M). */
export type DurationInput = string | CatalogDuration;

export interface DurationOptions {
  /**
   * How to read an ISO 8601 text. 'clock' (default, BPMN timer semantics): plain calendar arithmetic in Asia/Shanghai.
   * 'working': days are working days, hours are working hours when office hours are configured.
   * 'natural': days are natural days with the 民法典 第203条 rollover, hours are clock hours.
   */
  calendar?: 'working' | 'natural' | 'clock';
  /** Overrides the rollover of natural-day and month periods. */
  lastDayRollover?: boolean;
}

/** A time limit reduced to what the arithmetic needs. */
export type NormalizedDuration =
  | { kind: 'workingDays'; days: number }
  | { kind: 'naturalDays'; days: number; lastDayRollover: boolean }
  | { kind: 'months'; months: number; lastDayRollover: boolean }
  /** Elapsed time; `officeHours`: count only office hours on working days when the calendar has office hours. */
  | { kind: 'elapsed'; ms: number; officeHours: boolean }
  /** Plain ISO 8601 calendar arithmetic (BPMN timers without a business calendar). */
  | { kind: 'isoClock'; years: number; months: number; days: number; ms: number };

const MS = { minute: 60_000, hour: 3_600_000, second: 1_000 } as const;
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

function invalid(value: unknown, message: string, messageZh: string): TimeResult<never> {
  return fail(new InvalidDurationError(value, message, messageZh));
}

/** Reads a catalog Duration or an ISO 8601 text into a NormalizedDuration, or says clearly why it cannot. */
export function normalizeDuration(input: DurationInput, options: DurationOptions = {}): TimeResult<NormalizedDuration> {
  if (typeof input === 'string') return parseIsoDuration(input, options);
  if (input === null || typeof input !== 'object') {
    return invalid(input, 'A duration is an ISO 8601 text or an object {value, unit}.', '时限应为 ISO 8601 文本或 {value, unit} 对象。');
  }
  return normalizeCatalogDuration(input, options);
}

export function normalizeCatalogDuration(duration: CatalogDuration, options: DurationOptions = {}): TimeResult<NormalizedDuration> {
  return withinLimit(duration, readCatalogDuration(duration, options));
}

function readCatalogDuration(duration: CatalogDuration, options: DurationOptions): TimeResult<NormalizedDuration> {
  const unit = (DURATION_UNITS as readonly string[]).includes(duration.unit) ? (duration.unit as DurationUnit) : UNIT_ALIASES[duration.unit];
  if (!unit) {
    return invalid(
      duration,
      `Unknown time-limit unit "${String(duration.unit)}"; use one of ${DURATION_UNITS.join(', ')}.`,
      `未知的时限单位“${String(duration.unit)}”，可用单位：${DURATION_UNITS.join('、')}（或 分钟/小时/工作日/自然日/月/年）。`,
    );
  }
  const { value } = duration;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return invalid(duration, `Time-limit value must be a non-negative number, got ${String(value)}.`, `时限数值必须为非负数，实际为 ${String(value)}。`);
  }
  const needsWhole = unit !== 'minute' && unit !== 'hour';
  if (needsWhole && !Number.isInteger(value)) {
    return invalid(duration, `A time limit in ${unit} must be a whole number, got ${value}.`, `以${unit}计的时限必须为整数，实际为 ${value}。`);
  }
  const lastDayRollover = options.lastDayRollover ?? duration.lastDayRollover ?? true;
  switch (unit) {
    case 'minute':
      return ok({ kind: 'elapsed', ms: value * MS.minute, officeHours: true });
    case 'hour':
      return ok({ kind: 'elapsed', ms: value * MS.hour, officeHours: true });
    case 'workingDay':
      return ok({ kind: 'workingDays', days: value });
    case 'naturalDay':
      return ok({ kind: 'naturalDays', days: value, lastDayRollover });
    case 'month':
      return ok({ kind: 'months', months: value, lastDayRollover });
    case 'year':
      return ok({ kind: 'months', months: value * 12, lastDayRollover });
  }
}

/** Reads ISO 8601 durations (PnYnMnWnDTnHnMnS, no negative values); see DurationOptions for what a day means. */
export function parseIsoDuration(text: string, options: DurationOptions = {}): TimeResult<NormalizedDuration> {
  return withinLimit(text, readIsoDuration(text, options));
}

function readIsoDuration(text: string, options: DurationOptions): TimeResult<NormalizedDuration> {
  const match = ISO_DURATION.exec(text.trim());
  const parts = match?.slice(1) ?? [];
  if (!match || parts.every((part) => part === undefined) || text.trim().endsWith('T')) {
    return invalid(text, `"${text}" is not an ISO 8601 duration such as P20D, PT24H or P1M.`, `“${text}”不是 ISO 8601 时长（例如 P20D、PT24H、P1M）。`);
  }
  const [years, months, weeks, days] = parts.slice(0, 4).map((part) => Number(part ?? 0));
  const [hours, minutes, seconds] = parts.slice(4).map((part) => Number((part ?? '0').replace(',', '.')));
  const ms = hours * MS.hour + minutes * MS.minute + seconds * MS.second;
  const hasDate = years + months + weeks + days > 0 || parts.slice(0, 4).some((part) => part !== undefined);
  const hasTime = parts.slice(4).some((part) => part !== undefined);
  const calendar = options.calendar ?? 'clock';

  if (calendar === 'clock') return ok({ kind: 'isoClock', years, months, days: days + weeks * 7, ms });

  if (hasDate && hasTime) {
    return invalid(
      text,
      `"${text}" mixes days and hours; with the ${calendar} calendar write one unit (P20D or PT24H).`,
      `“${text}”同时含有日和小时；按${calendar === 'working' ? '工作日' : '自然日'}计算时只能使用一种单位（如 P20D 或 PT24H）。`,
    );
  }
  if (hasTime) return ok({ kind: 'elapsed', ms, officeHours: calendar === 'working' });

  const lastDayRollover = options.lastDayRollover ?? true;
  const monthCount = years * 12 + months;
  const dayCount = days + weeks * 7;
  if (monthCount > 0 && dayCount > 0) {
    return invalid(text, `"${text}" mixes months and days; write one unit.`, `“${text}”同时含有月和日，请只使用一种单位。`);
  }
  if (monthCount > 0) return ok({ kind: 'months', months: monthCount, lastDayRollover });
  if (calendar === 'working') {
    if (weeks > 0) {
      return invalid(text, `"${text}": weeks are ambiguous in working days; write working days (P10D).`, `“${text}”：按工作日计算时“周”含义不明确，请写成工作日数（如 P10D）。`);
    }
    return ok({ kind: 'workingDays', days: dayCount });
  }
  return ok({ kind: 'naturalDays', days: dayCount, lastDayRollover });
}

/** The unit in which remaining and consumed time of a duration are reported. */
export type BudgetUnit = 'workingDay' | 'naturalDay' | 'hour';

export function budgetUnitOf(duration: NormalizedDuration): BudgetUnit {
  switch (duration.kind) {
    case 'workingDays':
      return 'workingDay';
    case 'naturalDays':
    case 'months':
      return 'naturalDay';
    default:
      return 'hour';
  }
}

/** The longest time limit read: 100 years, as for BPMN timers (no statutory limit comes near it). */
export const MAX_DURATION_YEARS = 100;
const DAYS_PER_YEAR = 365.25;

/**
 * Refuses a limit past MAX_DURATION_YEARS: its end would lie past what a date can hold (PT99999999999H) or in a year
 * no calendar will ever cover, and the arithmetic would fail later, far from the value that caused it.
 */
function withinLimit(input: unknown, result: TimeResult<NormalizedDuration>): TimeResult<NormalizedDuration> {
  if (!result.ok) return result;
  const duration = result.value;
  const days =
    duration.kind === 'workingDays' ? duration.days * (7 / 5)
    : duration.kind === 'naturalDays' ? duration.days
    : duration.kind === 'months' ? (duration.months * DAYS_PER_YEAR) / 12
    : duration.kind === 'elapsed' ? duration.ms / 86_400_000
    : duration.years * DAYS_PER_YEAR + (duration.months * DAYS_PER_YEAR) / 12 + duration.days + duration.ms / 86_400_000;
  if (days <= MAX_DURATION_YEARS * DAYS_PER_YEAR) return result;
  const shown = typeof input === 'string' ? input : JSON.stringify(input);
  return invalid(input, `${shown} is longer than ${MAX_DURATION_YEARS} years, the longest time limit accepted.`, `${shown} 超过 ${MAX_DURATION_YEARS} 年，超出可接受的最长时限。`);
}
