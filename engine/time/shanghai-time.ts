import type { DayNumber } from './civil-date.js';

/**
 * Instants are stored in UTC; days are counted in the Asia/Shanghai calendar, because that is the calendar
 * the law and the State Council notices use. China has kept UTC+08:00 without daylight saving since 1991,
 * and the calendar covers no year before 2004, so a fixed offset is exact for every date it accepts.
 */
export const CALENDAR_TIME_ZONE = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** The Asia/Shanghai calendar day an instant falls on. */
export function shanghaiDayOf(instant: Date | number): DayNumber {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** 00:00 Asia/Shanghai of a day, as epoch milliseconds. */
export function startOfShanghaiDayMs(day: DayNumber): number {
  return day * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** 24:00 Asia/Shanghai of a day (= 00:00 of the next day), as epoch milliseconds: when a day-counted period ends (民法典 第203条). */
export function endOfShanghaiDayMs(day: DayNumber): number {
  return startOfShanghaiDayMs(day + 1);
}

/** Minutes after 00:00 Asia/Shanghai of the instant's own day. */
export function shanghaiMinuteOfDay(ms: number): number {
  return (ms - startOfShanghaiDayMs(shanghaiDayOf(ms))) / 60_000;
}
