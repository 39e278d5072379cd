import type { OfficeHours } from './calendar-data.js';
import { InvalidCalendarDataError } from './errors.js';

/** Office periods as [start, end) minutes after midnight, sorted and non-overlapping. */
export type OfficeWindows = ReadonlyArray<readonly [number, number]>;

const WALL_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutesOf(text: string): number {
  const match = WALL_TIME.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || minutes > 24 * 60) {
    throw new InvalidCalendarDataError(`Office time "${text}" is not HH:MM (00:00–24:00).`, `办公时间“${text}”不是 HH:MM 格式（00:00–24:00）。`);
  }
  return minutes;
}

/** Validates office hours (e.g. 09:00–12:00, 13:30–17:30) and turns them into minute windows. */
export function compileOfficeHours(officeHours: OfficeHours): OfficeWindows {
  if (officeHours.periods.length === 0) {
    throw new InvalidCalendarDataError('Office hours need at least one period.', '办公时间至少需要一个时段。');
  }
  const windows = officeHours.periods
    .map((period) => [minutesOf(period.start), minutesOf(period.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  windows.forEach(([start, end], index) => {
    if (end <= start) {
      throw new InvalidCalendarDataError('An office period ends before it starts.', '办公时段的结束时间早于开始时间。');
    }
    if (index > 0 && start < windows[index - 1][1]) {
      throw new InvalidCalendarDataError('Office periods overlap.', '办公时段相互重叠。');
    }
  });
  return windows;
}
