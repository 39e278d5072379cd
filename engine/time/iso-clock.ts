import { DateTime } from 'luxon';
import { CALENDAR_TIME_ZONE } from './shanghai-time.js';

/** An ISO 8601 duration as calendar parts: years, months and days, and the rest as milliseconds. */
export interface IsoClockDuration {
  years: number;
  months: number;
  days: number;
  ms: number;
}

/**
 * ISO 8601 duration arithmetic on the Asia/Shanghai wall clock (luxon): years and months move
 * the calendar date and keep the time of day, ending on the last day of a shorter month (31
 * January + P1M = 28 or 29 February, not 3 March); days are calendar days; the rest is elapsed
 * time. Counted in Shanghai, not UTC: 1 February 05:00 in Shanghai is still 31 January in UTC.
 * NaN when the result is outside what a date can hold.
 */
export function addIsoClock(start: number, duration: IsoClockDuration): number {
  const end = DateTime.fromMillis(start, { zone: CALENDAR_TIME_ZONE }).plus({ years: duration.years, months: duration.months, days: duration.days }).plus({ milliseconds: duration.ms });
  return end.isValid ? end.toMillis() : Number.NaN;
}

/**
 * An instant from what a model or FEEL gives for a date: ISO 8601 with an offset
 * (`2025-10-01T09:00:00+08:00`), with a zone id too (`2025-10-01T03:00:00+02:00[Europe/Berlin]`),
 * FEEL's zoned form (`2025-10-01T09:00:00@Asia/Shanghai`), or a local date-time or date, read on
 * the Asia/Shanghai clock. Undefined when it is none of these, names no real zone, or lies
 * outside the years 1–9999.
 */
export function parseInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  const at = trimmed.indexOf('@');
  const bracketed = /^([^[]+)\[([^\]]+)\]$/.exec(trimmed);
  // `…[Zone]` as Java's ZonedDateTime.parse reads it (Zeebe): a given offset fixes the instant, the
  // zone id only has to exist. (luxon's own reading would take the local time in the zone instead.)
  const parsed =
    at > 0
      ? DateTime.fromISO(trimmed.slice(0, at), { zone: trimmed.slice(at + 1) })
      : bracketed
        ? DateTime.fromISO(bracketed[1], { zone: bracketed[2] })
        : DateTime.fromISO(trimmed, { zone: CALENDAR_TIME_ZONE, setZone: true });
  if (!parsed.isValid || parsed.year < 1 || parsed.year > 9999) return undefined;
  return parsed.toJSDate();
}
