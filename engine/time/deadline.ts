import { addIsoClock } from './iso-clock.js';
import type { BusinessCalendar } from './business-calendar.js';
import { addMonthsToDay, formatDayNumber, type IsoDate } from './civil-date.js';
import { advanceCounted, measureCounted, mergeIntervals, withoutIntervals, type Interval } from './counting-clock.js';
import { attempt, InvalidDurationError, InvalidPauseError, type TimeResult } from './errors.js';
import { budgetUnitOf, type BudgetUnit, type NormalizedDuration } from './duration.js';
import { endOfShanghaiDayMs, MS_PER_DAY, shanghaiDayOf } from './shanghai-time.js';
import { allTimeFrom, officeIntervalsFrom, workingDaysFrom } from './working-time.js';

/** A stretch of time the clock does not run (补正, 第45条 特别程序, 挂起). `to` absent: still paused. */
export interface PauseInterval {
  from: Date;
  to?: Date | null;
}

/** Everything a statutory clock depends on. Pure data: the same input always gives the same deadline. */
export interface ClockInput {
  /** When the clock starts (受理, 派单…). For day limits the start day itself is not counted (民法典 第201条). */
  start: Date;
  duration: NormalizedDuration;
  /** Paused intervals in order, not overlapping; only the last may be open. */
  pauses?: readonly PauseInterval[];
  /** Granted extensions (延期), in the same kind of unit as the duration. */
  extensions?: readonly NormalizedDuration[];
}

export interface Deadline {
  /** The instant the limit ends (24:00 Asia/Shanghai of the last day for day limits); null while the clock is paused. */
  dueAt: Date | null;
  /** The last day of a day-counted limit, Asia/Shanghai. */
  lastDay: IsoDate | null;
  /** The budget in `unit`, extensions included. */
  budget: number;
  unit: BudgetUnit;
  /** True while an open pause stops the clock. */
  paused: boolean;
  /** The last day before the 民法典 第203条 rollover moved it to a working day. */
  rolledOverFrom?: IsoDate;
}

export type SlaLevel = 'normal' | 'warning' | 'overdue';

/** The clock read at an instant. Amounts are in `unit` (working days, natural days or hours), fractions included. */
export interface ClockReading {
  at: Date;
  unit: BudgetUnit;
  consumed: number;
  /** Counted time from start to deadline (the budget, plus any rollover days). */
  total: number;
  /** total − consumed: negative once overdue (how far over, in the same unit). */
  remaining: number;
  /** consumed / total, for 临期 at e.g. 0.8. */
  share: number;
  paused: boolean;
  level: SlaLevel;
  /** The deadline; while paused, the deadline if the clock resumed at `at`. */
  dueAt: Date;
  lastDay: IsoDate | null;
}

/** How the clock counts: where it starts, which time counts, how much, and how the last day is settled. */
interface CountingPlan {
  origin: number;
  counted: () => Iterable<Interval>;
  budgetMs: number;
  unitMs: number;
  unit: BudgetUnit;
  dayBased: boolean;
  rollover: boolean;
  paused: boolean;
}

const MS_PER_HOUR = 3_600_000;

/** The deadline of a clock: start + duration + extensions, shifted by paused time, with the 第203条 rollover. */
export function computeDeadline(calendar: BusinessCalendar, input: ClockInput): TimeResult<Deadline> {
  return attempt(() => {
    const plan = buildPlan(calendar, input);
    const end = advanceCounted(plan.origin, plan.counted(), plan.budgetMs);
    const base = { budget: plan.budgetMs / plan.unitMs, unit: plan.unit };
    if (end === null) return { ...base, dueAt: null, lastDay: null, paused: true };
    return { ...base, ...settle(calendar, plan, end), paused: false };
  });
}

/** Reads the clock at `at`: consumed, remaining, share of the budget, and the SLA level (临期 from `warnAt`). */
export function readClock(calendar: BusinessCalendar, input: ClockInput, at: Date, options: { warnAt?: number } = {}): TimeResult<ClockReading> {
  const warnAt = options.warnAt ?? 0.8;
  return attempt(() => {
    const plan = buildPlan(calendar, input, at.getTime());
    const counted = plan.counted;
    const end = advanceCounted(plan.origin, counted(), plan.budgetMs) as number;
    const { dueAt, lastDay } = settle(calendar, plan, end);
    const due = dueAt.getTime();
    const totalMs = measureCounted(plan.origin, counted(), due);
    const consumedMs = measureCounted(plan.origin, counted(), at.getTime());
    const share = totalMs > 0 ? consumedMs / totalMs : at.getTime() >= due ? 1 : 0;
    const level: SlaLevel = at.getTime() >= due ? 'overdue' : share >= warnAt ? 'warning' : 'normal';
    return {
      at,
      unit: plan.unit,
      consumed: consumedMs / plan.unitMs,
      total: totalMs / plan.unitMs,
      remaining: (totalMs - consumedMs) / plan.unitMs,
      share,
      paused: plan.paused,
      level,
      dueAt,
      lastDay,
    };
  });
}

/**
 * The instant at which `share` of the budget is consumed (0.8 → when the task turns 临期), for scheduling the
 * warning job. Null when an open pause stops the clock before that point.
 */
export function instantAtShare(calendar: BusinessCalendar, input: ClockInput, share: number): TimeResult<Date | null> {
  return attempt(() => {
    const running = buildPlan(calendar, input);
    const resumedAtPause = buildPlan(calendar, input, Number.NEGATIVE_INFINITY);
    const end = advanceCounted(resumedAtPause.origin, resumedAtPause.counted(), resumedAtPause.budgetMs) as number;
    const totalMs = measureCounted(resumedAtPause.origin, resumedAtPause.counted(), settle(calendar, resumedAtPause, end).dueAt.getTime());
    const instant = advanceCounted(running.origin, running.counted(), share * totalMs);
    return instant === null ? null : new Date(instant);
  });
}

/** The same clock with one more granted extension (延期). Whether it is allowed is the caller's rule. */
export function withExtension(input: ClockInput, extension: NormalizedDuration): ClockInput {
  return { ...input, extensions: [...(input.extensions ?? []), extension] };
}

/** Turns the end of counting into the deadline: day limits end at 24:00, natural-day limits roll over holidays. */
function settle(calendar: BusinessCalendar, plan: CountingPlan, end: number): { dueAt: Date; lastDay: IsoDate | null; rolledOverFrom?: IsoDate } {
  if (!plan.dayBased) return { dueAt: new Date(end), lastDay: null };
  const lastDay = shanghaiDayOf(end - 1);
  if (plan.rollover && !calendar.isWorkingDayNumber(lastDay)) {
    const rolled = calendar.rollToWorkingDayNumber(lastDay);
    return { dueAt: new Date(endOfShanghaiDayMs(rolled)), lastDay: formatDayNumber(rolled), rolledOverFrom: formatDayNumber(lastDay) };
  }
  return { dueAt: new Date(end), lastDay: formatDayNumber(lastDay) };
}

/**
 * @param closeOpenPauseAt when set, an open pause is treated as resumed at this instant (or at its own start if
 * earlier), giving the deadline "if the clock resumed now".
 */
function buildPlan(calendar: BusinessCalendar, input: ClockInput, closeOpenPauseAt?: number): CountingPlan {
  const start = input.start.getTime();
  if (!Number.isFinite(start)) throw new InvalidPauseError('The clock start is not a valid instant.', '计时起点不是有效时间。');
  const { duration } = input;
  const extensions = input.extensions ?? [];
  for (const extension of extensions) assertCompatible(duration, extension);
  const pauses = checkedPauses(input.pauses ?? [], start);
  const open = pauses.length > 0 && pauses[pauses.length - 1][1] === Number.POSITIVE_INFINITY;
  const paused = open && closeOpenPauseAt !== undefined && closeOpenPauseAt >= pauses[pauses.length - 1][0];
  if (open && closeOpenPauseAt !== undefined) {
    const last = pauses[pauses.length - 1];
    pauses[pauses.length - 1] = [last[0], Math.max(last[0], closeOpenPauseAt)];
  }

  const dayBased = duration.kind === 'workingDays' || duration.kind === 'naturalDays' || duration.kind === 'months';
  // Day limits count whole days: the start day is not counted, and a pause removes the days from the day after
  // it began up to and including the day it ended (the 挂起天数 = resume date − pause date).
  const origin = dayBased ? endOfShanghaiDayMs(shanghaiDayOf(start)) : start;
  const excluded = mergeIntervals(
    pauses.map(([from, to]): Interval => (dayBased ? [endOfShanghaiDayMs(shanghaiDayOf(from)), to === Number.POSITIVE_INFINITY ? to : endOfShanghaiDayMs(shanghaiDayOf(to))] : [from, to])),
  );
  const unit = budgetUnitOf(duration);
  const plan = (base: () => Iterable<Interval>, budgetMs: number, unitMs: number, rollover: boolean): CountingPlan => ({
    origin,
    counted: () => withoutIntervals(base(), excluded),
    budgetMs,
    unitMs,
    unit,
    dayBased,
    rollover,
    paused,
  });

  switch (duration.kind) {
    case 'workingDays': {
      const days = duration.days + sumOf(extensions, (extension) => (extension.kind === 'workingDays' ? extension.days : 0));
      return plan(() => workingDaysFrom(calendar, origin), days * MS_PER_DAY, MS_PER_DAY, false);
    }
    case 'naturalDays': {
      const days = duration.days + sumOf(extensions, (extension) => (extension.kind === 'naturalDays' ? extension.days : 0));
      return plan(() => allTimeFrom(origin), days * MS_PER_DAY, MS_PER_DAY, duration.lastDayRollover);
    }
    case 'months': {
      const months = duration.months + sumOf(extensions, (extension) => (extension.kind === 'months' ? extension.months : 0));
      const startDay = shanghaiDayOf(start);
      const days = addMonthsToDay(startDay, months) - startDay;
      return plan(() => allTimeFrom(origin), days * MS_PER_DAY, MS_PER_DAY, duration.lastDayRollover);
    }
    case 'elapsed': {
      const ms = duration.ms + sumOf(extensions, (extension) => (extension.kind === 'elapsed' ? extension.ms : 0));
      const useOffice = duration.officeHours && calendar.hasOfficeHours;
      return plan(() => (useOffice ? officeIntervalsFrom(calendar, origin) : allTimeFrom(origin)), ms, MS_PER_HOUR, false);
    }
    case 'isoClock':
      return plan(() => allTimeFrom(origin), isoClockEnd(start, duration) - start, MS_PER_HOUR, false);
  }
}

/** Plain ISO 8601 arithmetic on the Asia/Shanghai wall clock (iso-clock.ts). */
function isoClockEnd(start: number, duration: Extract<NormalizedDuration, { kind: 'isoClock' }>): number {
  return addIsoClock(start, duration);
}

function assertCompatible(duration: NormalizedDuration, extension: NormalizedDuration): void {
  const sameKind = duration.kind === extension.kind && duration.kind !== 'isoClock';
  const sameHours = duration.kind !== 'elapsed' || extension.kind !== 'elapsed' || duration.officeHours === extension.officeHours;
  if (!sameKind || !sameHours) {
    throw new InvalidDurationError(
      extension,
      `An extension in ${extension.kind} cannot extend a limit counted in ${duration.kind}.`,
      `延期单位（${extension.kind}）与时限单位（${duration.kind}）不一致，无法延期。`,
    );
  }
}

/** Pauses as [from, to) ms (to = +Infinity while open), clipped to the start and checked for contradictions. */
function checkedPauses(pauses: readonly PauseInterval[], start: number): [number, number][] {
  const result: [number, number][] = [];
  pauses.forEach((pause, index) => {
    const from = pause.from.getTime();
    const to = pause.to ? pause.to.getTime() : Number.POSITIVE_INFINITY;
    if (!Number.isFinite(from) || Number.isNaN(to)) throw new InvalidPauseError(`Pause ${index + 1} has an invalid instant.`, `第 ${index + 1} 次暂停的时间无效。`);
    if (to < from) throw new InvalidPauseError(`Pause ${index + 1} ends before it starts.`, `第 ${index + 1} 次暂停的结束时间早于开始时间。`);
    const previous = result[result.length - 1];
    if (previous && from < previous[1]) {
      throw new InvalidPauseError(
        `Pause ${index + 1} starts before pause ${index} has ended: pauses must be in order and must not overlap.`,
        `第 ${index + 1} 次暂停开始时第 ${index} 次暂停尚未结束：暂停必须按时间顺序且不得重叠。`,
      );
    }
    result.push([from, to]);
  });
  return result.map(([from, to]): [number, number] => [Math.max(from, start), Math.max(to, start)]);
}

function sumOf<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
