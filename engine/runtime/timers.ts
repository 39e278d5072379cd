import { addIsoDuration, isNegativeDuration, parseIsoCycle, parseIsoDateTime, parseIsoDuration, timerValueProblem, type TimerDefinition } from '../model/index.js';
import type { Execution } from './execution.js';
import type { RuntimeServices } from './services.js';

export type TimerSchedule =
  | { ok: true; dueAt: Date; cycle?: { interval: string; repetitionsLeft: number | null } }
  | { ok: false; errorType: 'TIMER_FAILED' | 'CALENDAR_FAILED' | 'EXPRESSION_FAILED'; message: string; messageZh: string };

/** When a timer is first due, computed from `now` (FEEL values evaluated in the given scope). */
export function scheduleTimer(execution: Execution, timer: TimerDefinition, scopeId: string | undefined, elementId: string): TimerSchedule {
  const resolved = execution.resolve(timer.value, scopeId);
  if (!resolved.ok) return { ok: false, errorType: 'EXPRESSION_FAILED', message: resolved.message, messageZh: resolved.messageZh };
  return scheduleFromText(String(resolved.value ?? ''), timer, execution.now, execution.services, elementId);
}

export function scheduleFromText(text: string, timer: TimerDefinition, now: Date, services: RuntimeServices, elementId: string): TimerSchedule {
  const invalid = (expected: string, expectedZh: string): TimerSchedule => ({
    ok: false,
    errorType: 'TIMER_FAILED',
    message: `Timer '${elementId}': '${text}' is not ${expected}`,
    messageZh: `定时器“${elementId}”：“${text}”不是${expectedZh}`,
  });
  const absurd = timerValueProblem(timer.kind, text);
  if (absurd) return { ok: false, errorType: 'TIMER_FAILED', message: `Timer '${elementId}': ${absurd.message}`, messageZh: `定时器“${elementId}”：${absurd.messageZh}` };
  switch (timer.kind) {
    case 'date': {
      const date = parseIsoDateTime(text);
      return date ? { ok: true, dueAt: date } : invalid('an ISO 8601 date-time with an offset', '带时区的 ISO 8601 时间');
    }
    case 'duration': {
      if (!parseIsoDuration(text)) return invalid('an ISO 8601 duration', 'ISO 8601 时长');
      return after(now, text, timer, services, elementId);
    }
    case 'cycle': {
      const cycle = parseIsoCycle(text);
      if (!cycle) return invalid('an ISO 8601 repeating interval (R<n>/<duration>)', 'ISO 8601 重复间隔（R<n>/<时长>）');
      const repetitionsLeft = cycle.repetitions === null ? null : Math.max(cycle.repetitions - 1, 0);
      if (cycle.start) return { ok: true, dueAt: cycle.start, cycle: { interval: cycle.interval.text, repetitionsLeft } };
      const first = after(now, cycle.interval.text, timer, services, elementId);
      return first.ok ? { ...first, cycle: { interval: cycle.interval.text, repetitionsLeft } } : first;
    }
  }
}

/**
 * The next repetition of a cycle after the one due at `previousDueAt`, fired at `now`. When that
 * repetition is already overdue (the start lay in the past, or the engine was down or the instance
 * suspended), it is counted from `now` instead, as Zeebe does (RepeatingInterval.nextOccurrenceAfter):
 * the missed repetitions are one firing, not a burst of them.
 */
export function nextRepetition(previousDueAt: Date, interval: string, timer: TimerDefinition, services: RuntimeServices, elementId: string, now: Date): TimerSchedule {
  const natural = after(previousDueAt, interval, timer, services, elementId);
  if (!natural.ok || natural.dueAt.getTime() > now.getTime()) return natural;
  return after(now, interval, timer, services, elementId);
}

function after(start: Date, durationText: string, timer: TimerDefinition, services: RuntimeServices, elementId: string): TimerSchedule {
  // Zeebe: "If the duration is zero or negative, the timer fires immediately" (no calendar counts backwards).
  const duration = parseIsoDuration(durationText);
  if (duration && isNegativeDuration(duration)) return { ok: true, dueAt: start };
  if (timer.calendar) {
    if (!services.calendar) {
      return {
        ok: false,
        errorType: 'CALENDAR_FAILED',
        message: `Timer '${elementId}' counts on the ${timer.calendar} calendar, but the engine has no business calendar`,
        messageZh: `定时器“${elementId}”按${timer.calendar === 'working' ? '工作日' : '自然日'}计算，但引擎未配置工作日历`,
      };
    }
    const due = services.calendar.addDuration(start, duration?.text ?? durationText, { calendar: timer.calendar });
    if (!due.ok) return { ok: false, errorType: 'CALENDAR_FAILED', message: `Timer '${elementId}': ${due.error.message}`, messageZh: `定时器“${elementId}”：${due.error.messageZh}` };
    return { ok: true, dueAt: due.value };
  }
  if (!duration) return { ok: false, errorType: 'TIMER_FAILED', message: `Timer '${elementId}': '${durationText}' is not an ISO 8601 duration`, messageZh: `定时器“${elementId}”：“${durationText}”不是 ISO 8601 时长` };
  const dueAt = addIsoDuration(start, duration);
  if (Number.isNaN(dueAt.getTime())) return { ok: false, errorType: 'TIMER_FAILED', message: `Timer '${elementId}': '${durationText}' after ${start.toISOString()} is not a date`, messageZh: `定时器“${elementId}”：从 ${start.toISOString()} 起算“${durationText}”超出日期范围` };
  return { ok: true, dueAt };
}
