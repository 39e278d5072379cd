import { isWorkday } from 'chinese-days';

/** How a deadline stands today: 正常 / 临期 (due soon) / 超期 (overdue). */
export type DeadlineState = 'normal' | 'warning' | 'overdue';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Whole working days left (negative when overdue), counted with official holidays and 调休. */
  workingDays: number;
}

/** Days at or below which a deadline counts as 临期 when the server does not say. */
export const WARNING_WORKING_DAYS = 2;

function dayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function workday(date: Date): boolean {
  try {
    return isWorkday(dayKey(date));
  } catch {
    // A year outside chinese-days' data: fall back to Monday–Friday for the badge only.
    const weekday = date.getDay();
    return weekday !== 0 && weekday !== 6;
  }
}

/** Working days strictly after `from` up to and including `to` (negative if `to` is earlier). */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate());
  const direction = end >= start ? 1 : -1;
  let count = 0;
  for (let cursor = new Date(start); dayKey(cursor) !== dayKey(end); ) {
    cursor.setDate(cursor.getDate() + direction);
    if (workday(cursor)) count += direction;
    if (Math.abs(count) > 3660) break;
  }
  return count;
}

export function deadlineStatus(dueDate: string | null | undefined, now: Date = new Date()): DeadlineStatus | null {
  if (!dueDate) return null;
  const due = new Date(dueDate);
  if (Number.isNaN(due.getTime())) return null;
  const workingDays = workingDaysBetween(now, due);
  if (due.getTime() < now.getTime()) return { state: 'overdue', workingDays: Math.min(workingDays, 0) };
  return { state: workingDays <= WARNING_WORKING_DAYS ? 'warning' : 'normal', workingDays };
}
