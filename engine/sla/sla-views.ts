import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import type { Page } from '../store/queries/page.js';
import { clocksOfCase, clocksOfTask, openClocksPage, reopenOrigin } from '../store/sla/clock-views.js';
import { supervisionsOfCase } from '../store/sla/supervision-ledger.js';
import { computeDeadline, readClock, type BusinessCalendar, type TimeError } from '../time/index.js';
import type { CalendarCache } from './calendar-cache.js';
import { clockInputOf, type SlaClockRow } from './clock-row.js';
import { round } from '../store/sla/clocks.js';

/** A clock as the API shows it: the limit, the deadline, and the working time left right now. */
export interface ClockView {
  id: string;
  subject: SlaClockRow['subject'];
  kind: SlaClockRow['kind'];
  principal: boolean;
  label: string | null;
  source: string;
  /** The case the clock belongs to, so a list of clocks can be joined to cases without another request. */
  processInstanceId: string;
  taskId: string | null;
  elementId: string | null;
  state: SlaClockRow['state'];
  level: SlaClockRow['level'];
  start: string;
  duration: SlaClockRow['duration'];
  dueAt: string | null;
  lastDay: string | null;
  warnAt: number;
  warnDueAt: string | null;
  unit: string | null;
  budget: number | null;
  consumed: number | null;
  remaining: number | null;
  share: number | null;
  onTime: boolean | null;
  stoppedAt: string | null;
  pauses: SlaClockRow['pauses'];
  extensions: SlaClockRow['extensions'];
  extensionRule: SlaClockRow['extension_rule'];
  supervision: SlaClockRow['supervision'];
  escalationLevel: number;
  nextEscalationAt: string | null;
  /** Why the clock has no deadline (a year's holidays not yet published), English and Chinese as stored. */
  error: string | null;
  /** The same reason as a stable code and in Chinese alone, so a screen can say it in a clerk's words. */
  errorCode: string | null;
  errorZh: string | null;
}

export interface CaseSlaView {
  processInstanceId: string;
  department: string;
  calendarRevision: number;
  at: string;
  case: ClockView[];
  tasks: ClockView[];
  supervisions: Array<{ level: number; supervisingDepartment: string; state: string; supervisionInstanceId: string | null; requestedAt: string }>;
  reopen: { originalInstanceId: string; rootInstanceId: string; reopenCount: number } | null;
}

/** Read models of SLA clocks for the API and the designer's case monitor. */
export class SlaViews {
  constructor(
    private readonly engine: Engine,
    private readonly calendars: CalendarCache,
  ) {}

  async ofInstance(actor: Actor, instanceId: string): Promise<CaseSlaView> {
    const instance = await this.engine.getInstance(actor, instanceId);
    const clocks = await clocksOfCase(this.engine.db, instance.id);
    const supervisions = await supervisionsOfCase(this.engine.db, instance.id);
    const reopen = await reopenOrigin(this.engine.db, instance.id);
    const views = await this.views(clocks);
    return {
      processInstanceId: instance.id,
      department: instance.department,
      calendarRevision: views.revision,
      at: views.at.toISOString(),
      case: views.items.filter((view) => view.subject === 'case'),
      tasks: views.items.filter((view) => view.subject === 'task'),
      supervisions: supervisions.map((row) => ({
        level: row.level,
        supervisingDepartment: row.supervising_department,
        state: row.state,
        supervisionInstanceId: row.supervision_instance_id,
        requestedAt: new Date(row.requested_at).toISOString(),
      })),
      reopen: reopen ? { originalInstanceId: reopen.original_instance_id, rootInstanceId: reopen.root_instance_id, reopenCount: reopen.reopen_count } : null,
    };
  }

  async ofTask(actor: Actor, taskId: string): Promise<ClockView[]> {
    const task = await this.engine.getTask(actor, taskId);
    const clocks = await clocksOfTask(this.engine.db, task.id);
    return (await this.views(clocks)).items;
  }

  /**
   * Open clocks of the cases the actor may read, at a level: 临期 / 超期 lists for a department, and
   * city-wide for a supervisor (narrowed to one owner department when asked).
   */
  async list(actor: Actor, filter: { level?: string; subject?: string; department?: string; limit?: number; cursor?: string }): Promise<Page<ClockView>> {
    const page = await openClocksPage(this.engine.db, actor, filter);
    return { ...page, items: (await this.views(page.items)).items };
  }

  private async views(clocks: SlaClockRow[]): Promise<{ revision: number; at: Date; items: ClockView[] }> {
    const { calendar, revision } = await this.calendars.current(this.engine.db);
    const now = this.engine.clock.now();
    const items = clocks.map((clock): ClockView => {
      const at = clock.stopped_at ? new Date(clock.stopped_at) : now;
      const reading = clock.error ? undefined : readClock(calendar, clockInputOf(clock), at, { warnAt: clock.warn_at });
      const value = reading?.ok ? reading.value : undefined;
      const problem = clock.error ? deadlineProblem(calendar, clock) : reading && !reading.ok ? reading.error : null;
      return {
        id: clock.id,
        subject: clock.subject,
        kind: clock.kind,
        principal: clock.principal,
        label: clock.label,
        source: clock.source,
        processInstanceId: clock.instance_id,
        taskId: clock.task_id,
        elementId: clock.element_id,
        state: clock.state,
        level: clock.level,
        start: new Date(clock.start_at).toISOString(),
        duration: clock.duration,
        dueAt: clock.due_at ? new Date(clock.due_at).toISOString() : null,
        lastDay: value && clock.state !== 'paused' ? value.lastDay : null,
        warnAt: clock.warn_at,
        warnDueAt: clock.warn_due_at ? new Date(clock.warn_due_at).toISOString() : null,
        unit: value?.unit ?? null,
        budget: value ? round(value.total) : null,
        consumed: value ? round(value.consumed) : null,
        remaining: value ? round(value.remaining) : null,
        share: value ? round(value.share) : null,
        onTime: clock.state === 'stopped' && value ? value.level !== 'overdue' : null,
        stoppedAt: clock.stopped_at ? new Date(clock.stopped_at).toISOString() : null,
        pauses: clock.pauses,
        extensions: clock.extensions,
        extensionRule: clock.extension_rule,
        supervision: clock.supervision,
        escalationLevel: clock.escalation_level,
        nextEscalationAt: clock.next_escalation_at ? new Date(clock.next_escalation_at).toISOString() : null,
        error: clock.error ?? problem?.message ?? null,
        errorCode: problem?.code ?? null,
        errorZh: problem?.messageZh ?? null,
      };
    });
    return { revision, at: now, items };
  }
}

/** A stored error is text; asking the calendar again gives it back as a TimeError with its code (null once it can answer). */
function deadlineProblem(calendar: BusinessCalendar, clock: SlaClockRow): TimeError | null {
  const deadline = computeDeadline(calendar, clockInputOf(clock));
  return deadline.ok ? null : deadline.error;
}
