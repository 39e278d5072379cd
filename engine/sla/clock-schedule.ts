import { computeDeadline, instantAtShare, type BusinessCalendar } from '../time/index.js';
import { clockInputOf, type SlaClockRow } from './clock-row.js';

/** When a clock ends, turns 临期, and when the monitor must look at it next. */
export interface ClockSchedule {
  dueAt: Date | null;
  warnDueAt: Date | null;
  nextCheckAt: Date | null;
  error: string | null;
}

type ScheduledFields = Pick<SlaClockRow, 'start_at' | 'duration' | 'pauses' | 'extensions' | 'warn_at' | 'level' | 'state' | 'next_escalation_at'>;

/**
 * Recomputes a clock's instants from its stored input. A paused clock has no deadline and is not watched;
 * a stopped one keeps the deadline it was judged by;
 * a calendar that cannot answer (a year not loaded yet) is kept as the clock's error, not thrown, so that a
 * case is never blocked by it and the next calendar change retries.
 */
export function scheduleClock(calendar: BusinessCalendar, clock: ScheduledFields): ClockSchedule {
  const input = clockInputOf(clock);
  const deadline = computeDeadline(calendar, input);
  if (!deadline.ok) return { dueAt: null, warnDueAt: null, nextCheckAt: null, error: `${deadline.error.message} / ${deadline.error.messageZh}` };
  const warn = instantAtShare(calendar, input, clock.warn_at);
  const warnDueAt = warn.ok ? warn.value : null;
  const dueAt = deadline.value.dueAt;
  // A stopped clock keeps its deadline (was it kept?) but is no longer watched; a paused one has no deadline.
  if (clock.state !== 'running' || dueAt === null) return { dueAt, warnDueAt, nextCheckAt: null, error: null };
  const nextCheckAt = clock.level === 'normal' ? warnDueAt : clock.level === 'warning' ? dueAt : clock.next_escalation_at;
  return { dueAt, warnDueAt, nextCheckAt: nextCheckAt ? new Date(nextCheckAt) : null, error: null };
}
