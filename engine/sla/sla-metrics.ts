import { UNSATISFIED_RESULTS } from './evaluations.js';
import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { metricsHistory } from '../store/sla/metrics-history.js';
import { formatDayNumber, readClock, shanghaiDayOf, type BusinessCalendar, type NormalizedDuration, type PauseInterval } from '../time/index.js';
import type { CalendarCache } from './calendar-cache.js';
import { round } from '../store/sla/clocks.js';

export const METRIC_GROUPS = ['none', 'department', 'matter', 'region', 'month'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export interface MetricsQuery {
  /** Cases whose clock started (受理) in [from, to). */
  from?: Date;
  to?: Date;
  department?: string;
  matterCode?: string;
  region?: string;
  groupBy?: MetricGroup;
}

export interface Distribution {
  count: number;
  avg: number | null;
  p50: number | null;
  p90: number | null;
}

export interface MetricsRow {
  key: string | null;
  cases: number;
  completed: number;
  completedOnTime: number;
  onTimeRate: number | null;
  /** Completed late plus still open past the deadline. */
  overdue: number;
  open: number;
  openOverdue: number;
  handlingWorkingDays: Distribution;
  firstResponseHours: Distribution;
  evaluations: number;
  satisfied: number;
  satisfactionRate: number | null;
  /** 差评: 不满意 and 非常不满意. */
  unsatisfied: number;
  /** Cases a 差评 opened a rectification (整改) on. */
  rectified: number;
  /** Of those, rectifications past their time limit: still open after it, or closed after it (整改超期). */
  rectificationOverdue: number;
  reopened: number;
  reopenRate: number | null;
  /** 秒批: completed cases a decision approved with no person (a decision evaluated, no user task completed). */
  instant: number;
  /** 秒批率: instant / completed. */
  instantRate: number | null;
}

export interface MetricsReport {
  at: string;
  calendarRevision: number;
  groupBy: MetricGroup;
  query: { from: string | null; to: string | null; department: string | null; matterCode: string | null; region: string | null };
  total: MetricsRow;
  groups: MetricsRow[];
}

/** One case as its history tells it. */
interface CaseFacts {
  instanceId: string;
  department: string;
  clockId: string;
  start: Date;
  duration: NormalizedDuration;
  matterCode: string | null;
  region: string | null;
  pauses: PauseInterval[];
  extensions: NormalizedDuration[];
  completedAt: Date | null;
  closed: boolean;
  /** When a person first completed a task of the case (none: 秒批, or nobody yet). */
  firstCompletedAt: Date | null;
  /** The case's response clock (首次响应), if it has one: when it started and when the first contact stopped it. */
  response: { clockId: string; start: Date; respondedAt: Date | null } | null;
  evaluation: string | null;
  reopened: boolean;
  /** A DMN decision was evaluated for the case (a business rule task): with no task done by a person, 秒批. */
  decided: boolean;
  rectified: boolean;
  rectificationDueAt: Date | null;
  rectificationClosedAt: Date | null;
}

interface CaseOutcome extends CaseFacts {
  onTime: boolean | null;
  overdue: boolean;
  handlingWorkingDays: number | null;
  firstResponseHours: number | null;
}

/** The events a case's figures come from; beside them only the response clock's stop is read, not every clock's. */
const EVENT_TYPES = [
  'sla.clock.started',
  'sla.clock.paused',
  'sla.clock.resumed',
  'sla.clock.extended',
  'instance.completed',
  'instance.canceled',
  'instance.terminated',
  'userTask.completed',
  'case.evaluated',
  'case.reopened',
  'decision.evaluated',
  'case.rectification.opened',
  'case.rectification.closed',
];

/**
 * On-time completion rate, overdue count, 秒批 (decided by a DMN decision with no person), handling time in working days, first-response time, satisfaction and
 * reopen rates, computed from the history table alone (clock starts, pauses, extensions, instance ends,
 * evaluations) and the business calendar: anyone can recompute and audit them. A case is an instance with a
 * principal clock (the committed limit, else the statutory one); it is on time when it completed before that
 * clock's deadline. Percentiles are nearest-rank.
 */
export class SlaMetrics {
  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarCache,
    private readonly clock: { now(): Date },
  ) {}

  async report(actor: Actor, query: MetricsQuery = {}): Promise<MetricsReport> {
    // The cases the actor may read (their department's, those it takes part in; every department's for a
    // supervisor), narrowed to one owner department when asked.
    const department = query.department ?? null;
    const facts = await this.caseFacts(actor, department, query);
    const { calendar, revision } = await this.calendars.current(this.db);
    const now = this.clock.now();
    const outcomes = facts
      .filter((fact) => (!query.matterCode || fact.matterCode === query.matterCode) && (!query.region || fact.region === query.region))
      .map((fact) => outcomeOf(calendar, fact, now));
    const groupBy = query.groupBy ?? 'none';
    const groups = new Map<string | null, CaseOutcome[]>();
    for (const outcome of outcomes) {
      const key = groupKey(outcome, groupBy);
      const list = groups.get(key) ?? [];
      list.push(outcome);
      groups.set(key, list);
    }
    return {
      at: now.toISOString(),
      calendarRevision: revision,
      groupBy,
      query: {
        from: query.from?.toISOString() ?? null,
        to: query.to?.toISOString() ?? null,
        department,
        matterCode: query.matterCode ?? null,
        region: query.region ?? null,
      },
      total: summarise(null, outcomes, now),
      groups: groupBy === 'none' ? [] : [...groups.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([key, list]) => summarise(key, list, now)),
    };
  }

  private async caseFacts(actor: Actor, department: string | null, query: MetricsQuery): Promise<CaseFacts[]> {
    const rows = await metricsHistory(this.db, actor, EVENT_TYPES, { department, from: query.from ?? null, to: query.to ?? null });
    const cases = new Map<string, CaseFacts>();
    for (const row of rows) {
      const data = row.data ?? {};
      let fact = cases.get(row.instance_id);
      if (row.type === 'sla.clock.started') {
        if (data.kind === 'response' && fact && !fact.response) {
          fact.response = { clockId: String(data.clockId), start: new Date(String(data.start)), respondedAt: null };
          continue;
        }
        if (data.principal !== true || fact) continue;
        fact = {
          instanceId: row.instance_id,
          department: row.department,
          clockId: String(data.clockId),
          start: new Date(String(data.start)),
          duration: data.duration as NormalizedDuration,
          matterCode: typeof data.matterCode === 'string' ? data.matterCode : null,
          region: typeof data.region === 'string' ? data.region : null,
          pauses: [],
          extensions: [],
          completedAt: null,
          closed: false,
          firstCompletedAt: null,
          response: null,
          evaluation: null,
          reopened: false,
          decided: false,
          rectified: false,
          rectificationDueAt: null,
          rectificationClosedAt: null,
        };
        cases.set(row.instance_id, fact);
        continue;
      }
      if (!fact) continue;
      const touchesClock = Array.isArray(data.clockIds) && data.clockIds.includes(fact.clockId);
      const at = new Date(row.at);
      switch (row.type) {
        case 'sla.clock.paused':
          if (touchesClock) fact.pauses.push({ from: new Date(String(data.from ?? at.toISOString())), to: null });
          break;
        case 'sla.clock.resumed': {
          const open = fact.pauses[fact.pauses.length - 1];
          if (touchesClock && open && !open.to) open.to = new Date(String(data.pausedTo ?? at.toISOString()));
          break;
        }
        case 'sla.clock.extended':
          if (touchesClock) fact.extensions.push(data.duration as NormalizedDuration);
          break;
        case 'instance.completed':
          fact.completedAt = at;
          fact.closed = true;
          break;
        case 'instance.canceled':
        case 'instance.terminated':
          fact.closed = true;
          break;
        case 'userTask.completed':
          fact.firstCompletedAt ??= at;
          break;
        case 'sla.clock.stopped':
          if (fact.response && data.clockId === fact.response.clockId) fact.response.respondedAt ??= at;
          break;
        case 'case.evaluated':
          fact.evaluation = typeof data.result === 'string' ? data.result : null;
          break;
        case 'case.reopened':
          fact.reopened = true;
          break;
        case 'decision.evaluated':
          if (!data.failure) fact.decided = true;
          break;
        case 'case.rectification.opened':
          fact.rectified = true;
          fact.rectificationDueAt = typeof data.dueAt === 'string' ? new Date(data.dueAt) : null;
          break;
        case 'case.rectification.closed':
          fact.rectificationClosedAt = at;
          break;
      }
    }
    return [...cases.values()];
  }
}

function outcomeOf(calendar: BusinessCalendar, fact: CaseFacts, now: Date): CaseOutcome {
  const end = fact.completedAt;
  // A pause still open when the case ended ends with it.
  const pauses = fact.pauses.map((pause) => (pause.to || !end ? pause : { ...pause, to: end }));
  const input = { start: fact.start, duration: fact.duration, pauses, extensions: fact.extensions };
  // First response: the response clock's own span (派单 to 签收 where the model marks its first-response step),
  // else (a case without a response limit) from the start to the first completed task.
  const [from, to] = fact.response ? [fact.response.start, fact.response.respondedAt] : [fact.start, fact.firstCompletedAt];
  const firstResponseHours = to ? round((to.getTime() - from.getTime()) / 3_600_000) : null;
  if (end) {
    const reading = readClock(calendar, input, end);
    const working = readClock(calendar, { start: fact.start, duration: { kind: 'workingDays', days: 1 }, pauses }, end);
    const onTime = reading.ok ? reading.value.level !== 'overdue' : null;
    return { ...fact, onTime, overdue: onTime === false, handlingWorkingDays: working.ok ? round(working.value.consumed) : null, firstResponseHours };
  }
  if (fact.closed) return { ...fact, onTime: null, overdue: false, handlingWorkingDays: null, firstResponseHours };
  const reading = readClock(calendar, input, now);
  return { ...fact, onTime: null, overdue: reading.ok && reading.value.level === 'overdue', handlingWorkingDays: null, firstResponseHours };
}

function groupKey(outcome: CaseOutcome, groupBy: MetricGroup): string | null {
  switch (groupBy) {
    case 'department':
      return outcome.department;
    case 'matter':
      return outcome.matterCode;
    case 'region':
      return outcome.region;
    case 'month':
      return formatDayNumber(shanghaiDayOf(outcome.start)).slice(0, 7);
    default:
      return null;
  }
}

function summarise(key: string | null, outcomes: CaseOutcome[], now: Date): MetricsRow {
  const completed = outcomes.filter((outcome) => outcome.completedAt);
  const onTime = completed.filter((outcome) => outcome.onTime === true).length;
  const open = outcomes.filter((outcome) => !outcome.closed);
  const openOverdue = open.filter((outcome) => outcome.overdue).length;
  const evaluated = outcomes.filter((outcome) => outcome.evaluation);
  const unsatisfied = evaluated.filter((outcome) => UNSATISFIED_RESULTS.includes(outcome.evaluation!)).length;
  const satisfied = evaluated.length - unsatisfied;
  const reopened = outcomes.filter((outcome) => outcome.reopened).length;
  // 秒批 counts apart: decided by rules, completed, and no person completed a task of the case.
  const instant = completed.filter((outcome) => outcome.decided && outcome.firstCompletedAt === null).length;
  return {
    key,
    cases: outcomes.length,
    completed: completed.length,
    completedOnTime: onTime,
    onTimeRate: ratio(onTime, completed.length),
    overdue: outcomes.filter((outcome) => outcome.overdue).length,
    open: open.length,
    openOverdue,
    handlingWorkingDays: distribution(completed.map((outcome) => outcome.handlingWorkingDays)),
    firstResponseHours: distribution(outcomes.map((outcome) => outcome.firstResponseHours)),
    evaluations: evaluated.length,
    satisfied,
    satisfactionRate: ratio(satisfied, evaluated.length),
    unsatisfied,
    rectified: outcomes.filter((outcome) => outcome.rectified).length,
    rectificationOverdue: outcomes.filter((outcome) => outcome.rectificationDueAt && (outcome.rectificationClosedAt ?? now).getTime() > outcome.rectificationDueAt.getTime()).length,
    reopened,
    reopenRate: ratio(reopened, completed.length),
    instant,
    instantRate: ratio(instant, completed.length),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}

/** Average and nearest-rank percentiles (the ⌈q·n⌉-th smallest value). */
export function distribution(values: ReadonlyArray<number | null>): Distribution {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, avg: null, p50: null, p90: null };
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return { count: sorted.length, avg: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length), p50: rank(0.5), p90: rank(0.9) };
}
