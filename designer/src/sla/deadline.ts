import { isWorkday } from 'chinese-days';
import { deadlineLastDay } from './deadline-format.js';

/** How a deadline stands today: 正常 / 临期 (due soon) / 超期 (overdue). */
export type DeadlineState = 'normal' | 'warning' | 'overdue';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Whole working days left (negative when overdue), counted with official holidays and 调休. */
  workingDays: number;
}

/** Days at or below which a deadline counts as 临期 when the server does not say. */
export const WARNING_WORKING_DAYS = 2;

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day an instant falls on in China, as YYYY-MM-DD, whatever the browser's zone. */
function shanghaiDay(date: Date): string {
  return SHANGHAI_DAY.format(date);
}

function workday(day: string): boolean {
  try {
    return isWorkday(day);
  } catch {
    // A year outside chinese-days' data: fall back to Monday–Friday for the badge only.
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}

/** Working days strictly after day `from` up to and including day `to` (YYYY-MM-DD; negative if `to` is earlier). */
function workingDaysBetweenDays(from: string, to: string): number {
  const direction = to >= from ? 1 : -1;
  const cursor = new Date(`${from}T00:00:00Z`);
  let count = 0;
  for (let steps = 0; cursor.toISOString().slice(0, 10) !== to && steps < 3660; steps++) {
    cursor.setUTCDate(cursor.getUTCDate() + direction);
    if (workday(cursor.toISOString().slice(0, 10))) count += direction;
  }
  return count;
}

/** Working days strictly after `from`'s China day up to and including `to`'s (negative if `to` is earlier). */
export function workingDaysBetween(from: Date, to: Date): number {
  return workingDaysBetweenDays(shanghaiDay(from), shanghaiDay(to));
}

/**
 * Working days are counted up to the deadline's last day: a limit ending at 24:00 of 12-09 (stored
 * as 12-10 00:00) has 0 days left on 12-09, not 1.
 */
export function deadlineStatus(dueDate: string | null | undefined, now: Date = new Date()): DeadlineStatus | null {
  if (!dueDate) return null;
  const due = new Date(dueDate);
  const lastDay = deadlineLastDay(dueDate);
  if (Number.isNaN(due.getTime()) || !lastDay) return null;
  const workingDays = workingDaysBetweenDays(shanghaiDay(now), lastDay);
  if (due.getTime() < now.getTime()) return { state: 'overdue', workingDays: Math.min(workingDays, 0) };
  return { state: workingDays <= WARNING_WORKING_DAYS ? 'warning' : 'normal', workingDays };
}
