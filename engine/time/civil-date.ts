import { InvalidDateError } from './errors.js';

/**
 * A civil (wall-calendar) date without a time zone, as the day number since 1970-01-01.
 * Integer day numbers make "next day" an increment and a comparison an integer compare,
 * which keeps the working-day loops fast and free of Date objects.
 */
export type DayNumber = number;

/** A civil date as text: YYYY-MM-DD. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumberFromParts(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Parses YYYY-MM-DD strictly: 2025-02-30 and 2025-2-3 are errors, not rolled over. */
export function parseIsoDate(text: string, field?: string): DayNumber {
  const match = ISO_DATE.exec(text);
  if (!match) throw new InvalidDateError(text, field);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(text, field);
  return dayNumberFromParts(year, month, day);
}

export function isValidIsoDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

export function formatDayNumber(day: DayNumber): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfDay(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function partsOfDay(day: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const weekday = weekdayOfDay(day);
  return weekday === 0 || weekday === 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Adds calendar months the way 民法典 第202条 counts them: the corresponding day of the final month,
 * or that month's last day when it has no corresponding day (01-31 + 1 month = 02-28/29).
 */
export function addMonthsToDay(day: DayNumber, months: number): DayNumber {
  const { year, month, day: dayOfMonth } = partsOfDay(day);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return dayNumberFromParts(targetYear, targetMonth, Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth)));
}

export function firstDayOfYear(year: number): DayNumber {
  return dayNumberFromParts(year, 1, 1);
}

export function lastDayOfYear(year: number): DayNumber {
  return dayNumberFromParts(year, 12, 31);
}
