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

/** Plain calendar arithmetic (UTC fields; Asia/Shanghai has no daylight saving, so days are days). */
export function addIsoDuration(start: Date, duration: IsoDuration): Date {
  const date = new Date(start.getTime());
  if (duration.years || duration.months) date.setUTCMonth(date.getUTCMonth() + duration.years * 12 + duration.months);
  if (duration.days) date.setUTCDate(date.getUTCDate() + duration.days);
  return new Date(date.getTime() + duration.ms);
}

export function isZeroDuration(duration: IsoDuration): boolean {
  return duration.years === 0 && duration.months === 0 && duration.days === 0 && duration.ms === 0;
}
