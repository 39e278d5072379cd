import { addIsoClock } from '../time/iso-clock.js';

/**
 * ISO 8601 timer values as BPMN uses them: a date-time (timeDate), a duration (timeDuration)
 * and a repeating interval (timeCycle, `R5/PT10M`, `R/P1D`, `R3/2025-10-01T09:00:00+08:00/P1D`).
 * Shared by the compiler (static values) and the interpreter (FEEL results).
 */
export interface IsoDuration {
  years: number;
  months: number;
  days: number;
  ms: number;
  /** The text, for a business calendar that counts it differently. */
  text: string;
}

export interface IsoCycle {
  /** null: unbounded (`R/…`). */
  repetitions: number | null;
  start?: Date;
  interval: IsoDuration;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const number = (index: number) => (match[index] ? Number(match[index].replace(',', '.')) : 0);
  const ms = number(5) * 3_600_000 + number(6) * 60_000 + Math.round(number(7) * 1000);
  return { years: number(1), months: number(2), days: number(3) * 7 + number(4), ms, text: text.trim() };
}

/** A date-time with an explicit offset (a timer without a zone would depend on the server's). */
export function parseIsoDateTime(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!DATE_TIME.test(trimmed)) return undefined;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseIsoCycle(text: string): IsoCycle | undefined {
  const parts = text.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat) {
    // A bare duration repeats forever, as Zeebe reads it.
    const interval = parts.length === 1 ? parseIsoDuration(parts[0]) : undefined;
    return interval ? { repetitions: null, interval } : undefined;
  }
  const repetitions = repeat[1] === '' ? null : Number(repeat[1]);
  if (parts.length === 2) {
    const interval = parseIsoDuration(parts[1]);
    return interval ? { repetitions, interval } : undefined;
  }
  if (parts.length === 3) {
    const start = parseIsoDateTime(parts[1]);
    const interval = parseIsoDuration(parts[2]);
    return start && interval ? { repetitions, start, interval } : undefined;
  }
  return undefined;
}

/**
 * Calendar arithmetic on the Asia/Shanghai wall clock (engine/time/iso-clock.ts): 31 January +
 * P1M is the end of February. An invalid Date (NaN) when the result is out of any date's range.
 */
export function addIsoDuration(start: Date, duration: IsoDuration): Date {
  return new Date(addIsoClock(start.getTime(), duration));
}

/** No timer of a case waits longer than this: a longer one is a mistake (`P9999Y`), refused rather than stored. */
export const TIMER_HORIZON_YEARS = 100;
/** A cycle repeats at most once a second: a shorter one (`R/PT0S`) would fire without end. */
export const MIN_CYCLE_INTERVAL_MS = 1000;

const YEAR_MS = 365.25 * 86_400_000;

/** Roughly how long a duration is (months of 30.44 days): enough to tell a sane timer from an absurd one. */
function approximateMs(duration: IsoDuration): number {
  return duration.years * YEAR_MS + (duration.months * YEAR_MS) / 12 + duration.days * 86_400_000 + duration.ms;
}

/**
 * What is wrong with a timer value that parses: a duration or cycle interval beyond the horizon,
 * a cycle that repeats faster than once a second. The compiler refuses such a static value at
 * deployment; the interpreter raises an incident for such a FEEL result.
 */
export function timerValueProblem(kind: 'date' | 'duration' | 'cycle', text: string): { message: string; messageZh: string } | undefined {
  const duration = kind === 'duration' ? parseIsoDuration(text) : kind === 'cycle' ? parseIsoCycle(text)?.interval : undefined;
  if (!duration) return undefined;
  if (approximateMs(duration) > TIMER_HORIZON_YEARS * YEAR_MS) {
    return {
      message: `'${text}' is longer than ${TIMER_HORIZON_YEARS} years`,
      messageZh: `“${text}”超过 ${TIMER_HORIZON_YEARS} 年`,
    };
  }
  if (kind === 'cycle' && approximateMs(duration) < MIN_CYCLE_INTERVAL_MS) {
    return {
      message: `'${text}' repeats more often than once a second (a zero interval fires without end)`,
      messageZh: `“${text}”的重复间隔不足 1 秒（间隔为 0 会无休止地触发）`,
    };
  }
  return undefined;
}

export function isZeroDuration(duration: IsoDuration): boolean {
  return duration.years === 0 && duration.months === 0 && duration.days === 0 && duration.ms === 0;
}
