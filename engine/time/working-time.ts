import type { BusinessCalendar } from './business-calendar.js';
import type { Interval } from './counting-clock.js';
import { endOfShanghaiDayMs, shanghaiDayOf, startOfShanghaiDayMs } from './shanghai-time.js';

const MS_PER_MINUTE = 60_000;

/** All time from an instant on: clock hours and natural days. */
export function* allTimeFrom(origin: number): Generator<Interval> {
  yield [origin, Number.POSITIVE_INFINITY];
}

/**
 * Each working day (00:00–24:00 Asia/Shanghai) from the day of `origin` on; a day off yields an empty marker
 * so that a consumer with a bound stops there. Lazy: a day in an uncovered year is only looked at (and
 * throws CalendarYearNotLoadedError) when the count actually reaches it.
 */
export function* workingDaysFrom(calendar: BusinessCalendar, origin: number): Generator<Interval> {
  for (let day = shanghaiDayOf(origin); ; day++) {
    const start = startOfShanghaiDayMs(day);
    yield calendar.isWorkingDayNumber(day) ? [start, endOfShanghaiDayMs(day)] : [start, start];
  }
}

/** Office periods on working days from the day of `origin` on; a day off yields an empty marker. */
export function* officeIntervalsFrom(calendar: BusinessCalendar, origin: number): Generator<Interval> {
  const windows = calendar.officeWindows ?? [];
  for (let day = shanghaiDayOf(origin); ; day++) {
    const dayStart = startOfShanghaiDayMs(day);
    if (!calendar.isWorkingDayNumber(day)) {
      yield [dayStart, dayStart];
      continue;
    }
    for (const [startMinute, endMinute] of windows) {
      yield [dayStart + startMinute * MS_PER_MINUTE, dayStart + endMinute * MS_PER_MINUTE];
    }
  }
}
