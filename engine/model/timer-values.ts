import { addIsoClock, parseInstant } from '../time/iso-clock.js';

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
  /** The text (without a `+`), for a business calendar that counts it differently. */
  text: string;
}

export interface IsoCycle {
  /** null: unbounded (`R/…`). */
  repetitions: number | null;
  start?: Date;
  interval: IsoDuration;
}

// A leading sign, as Zeebe's Interval.parse and FEEL (`deadline - now()` gives `-PT1H`) write it.
const DURATION = /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
// Zone information is required: `Z` or an offset, optionally with a zone id (`+02:00[Europe/Berlin]`,
// as Zeebe documents), or FEEL's zoned form (`…@Europe/Berlin`, what now() gives).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:(?:Z|[+-]\d{2}:?\d{2})(?:\[[^\]]+\])?|@[^@]+)$/;

/** A duration; with `-`, every part is negative (a timer due that long ago fires at once). */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!match || /^[+-]?P$/.test(trimmed) || trimmed.endsWith('T')) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const number = (index: number) => (match[index] ? sign * Number(match[index].replace(',', '.')) : 0);
  const ms = number(6) * 3_600_000 + number(7) * 60_000 + Math.round(number(8) * 1000);
  return { years: number(2), months: number(3), days: number(4) * 7 + number(5), ms, text: trimmed.replace(/^\+/, '') };
}

export function isNegativeDuration(duration: IsoDuration): boolean {
  return duration.years < 0 || duration.months < 0 || duration.days < 0 || duration.ms < 0;
}

/**
 * A date-time with its zone given (a timer without one would depend on the server's): the
 * instant is read by parseInstant, which user tasks' due dates use too.
 */
export function parseIsoDateTime(text: string): Date | undefined {
  const trimmed = text.trim();
  return DATE_TIME.test(trimmed) ? parseInstant(trimmed) : undefined;
}

export function parseIsoCycle(text: string): IsoCycle | undefined {
  const trimmed = text.trim();
  // The start sits between the first and the last slash: its zone id may hold one (`…[Europe/Berlin]`).
  const match = /^R(\d*)\/(?:(.+)\/)?([^/]+)$/.exec(trimmed);
  if (!match) {
    // A bare duration repeats forever, as Zeebe reads it.
    const interval = cycleInterval(trimmed);
    return interval ? { repetitions: null, interval } : undefined;
  }
  const repetitions = match[1] === '' ? null : Number(match[1]);
  const interval = cycleInterval(match[3]);
  if (match[2] === undefined) return interval ? { repetitions, interval } : undefined;
  const start = parseIsoDateTime(match[2]);
  return start && interval ? { repetitions, start, interval } : undefined;
}

/** A cycle moves forward: a negative interval is no cycle. */
function cycleInterval(text: string): IsoDuration | undefined {
  const interval = parseIsoDuration(text);
  return interval && !isNegativeDuration(interval) ? interval : undefined;
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
  if (Math.abs(approximateMs(duration)) > TIMER_HORIZON_YEARS * YEAR_MS) {
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
