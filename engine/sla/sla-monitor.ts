import type { Db } from '../db/index.js';
import type { Engine } from '../engine.js';
import { computeDeadline, readClock, type BusinessCalendar } from '../time/index.js';
import type { CalendarCache } from './calendar-cache.js';
import { clockInputOf, LEVEL_RANK, type SlaClockRow } from './clock-row.js';
import { round, saveClock } from '../store/sla/clocks.js';
import { lockDueClocks, lockStaleClocks, markClockRevision, markClockUnreadable } from '../store/sla/watched-clocks.js';
import { requestSupervisionLevel } from '../store/sla/supervision-escalations.js';
import { recordSlaEvent } from './sla-events.js';
import type { SupervisionStarter } from './supervision.js';
import type { Webhooks } from './webhooks.js';
import { PollingLoop } from '../jobs/polling-loop.js';

export interface MonitorRound {
  recomputed: number;
  warnings: number;
  overdue: number;
  escalations: number;
  supervisionsStarted: number;
  delivered: number;
  deliveryFailures: number;
}

export interface MonitorOptions {
  pollIntervalMs?: number;
  batchSize?: number;
  /** Batches of due clocks transitioned side by side (each its own transaction) when more than one batch is due. */
  batchesAtOnce?: number;
  log?: { error(object: unknown, message?: string): void };
}

const SYSTEM_ACTOR = 'system:sla';

/**
 * Watches the clocks: 临期 at the warning share, 超期 at the deadline, 督办 and its escalation levels after it,
 * deadlines recomputed when the calendar changes, and webhook deliveries. Rows are taken with FOR UPDATE SKIP
 * LOCKED, so several monitors (one per server process) share the work. Runs on the engine's clock, so a fake
 * clock drives it in tests.
 */
export class SlaMonitor {
  private pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly batchesAtOnce: number;
  private readonly loop: PollingLoop;
  private readonly deliveries: PollingLoop;

  constructor(
    private readonly engine: Engine,
    private readonly calendars: CalendarCache,
    private readonly supervision: SupervisionStarter,
    private readonly webhooks: Webhooks,
    private readonly options: MonitorOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.batchSize = options.batchSize ?? 100;
    this.batchesAtOnce = Math.max(1, options.batchesAtOnce ?? 4);
    this.loop = new PollingLoop('SLA monitor', async () => (await this.watchClocks(), { moreWork: false }), options.log);
    this.deliveries = new PollingLoop('webhook deliveries', async () => (await this.webhooks.deliverDue(), { moreWork: false }), options.log);
  }

  /** One round of everything: the clocks (临期, 超期, 督办, recompute), then the webhook deliveries. */
  async runOnce(): Promise<MonitorRound> {
    const round = await this.watchClocks();
    const deliveries = await this.webhooks.deliverDue();
    round.delivered = deliveries.delivered;
    round.deliveryFailures = deliveries.failed;
    return round;
  }

  /** The clocks' part of a round: what is due now changes level, escalates or is recomputed, and 督办 starts. */
  private async watchClocks(): Promise<MonitorRound> {
    const round: MonitorRound = { recomputed: 0, warnings: 0, overdue: 0, escalations: 0, supervisionsStarted: 0, delivered: 0, deliveryFailures: 0 };
    round.recomputed = await this.recomputeAfterCalendarChange();
    await this.inBatches(() => this.engine.db.transaction((tx) => this.transitionDue(tx, round)));
    round.supervisionsStarted = await this.supervision.startRequested();
    return round;
  }

  /**
   * Runs the clocks' rounds and the deliveries' rounds every pollIntervalMs (default 5 s) until stopped, in two
   * loops: a receiver that answers slowly or not at all (up to the delivery timeout, 10 s) never holds up a
   * warning, an overdue case or its 督办.
   */
  start(pollIntervalMs?: number): this {
    if (pollIntervalMs && pollIntervalMs > 0) this.pollIntervalMs = pollIntervalMs;
    this.loop.start(this.pollIntervalMs);
    this.deliveries.start(this.pollIntervalMs);
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([this.loop.stop(), this.deliveries.stop()]);
  }

  /**
   * Deadlines still ahead are recomputed on the current calendar (a typhoon closure day moves them); a
   * deadline already passed stays where it was: the case was overdue under the calendar of its time.
   */
  async recomputeAfterCalendarChange(): Promise<number> {
    let total = 0;
    await this.inBatches(async () => {
      const changed = await this.engine.db.transaction(async (tx) => {
        const { calendar, revision } = await this.calendars.current(tx);
        const now = this.engine.clock.now();
        const stale = await lockStaleClocks(tx, revision, this.batchSize);
        for (const clock of stale) {
          const before = clock.due_at ? new Date(clock.due_at) : null;
          if (before && before.getTime() <= now.getTime() && !clock.error) {
            await markClockRevision(tx, clock.id, revision);
            continue;
          }
          const saved = await saveClock(tx, calendar, revision, clock);
          const after = saved.due_at ? new Date(saved.due_at) : null;
          if (before?.getTime() !== after?.getTime() || clock.error !== saved.error) {
            await recordSlaEvent(tx, {
              instanceId: clock.instance_id,
              department: clock.department,
              at: now,
              type: 'sla.deadline.recomputed',
              actor: SYSTEM_ACTOR,
              elementId: clock.element_id,
              elementInstanceId: clock.element_instance_id,
              data: { clockId: clock.id, subject: clock.subject, kind: clock.kind, calendarRevision: revision, from: before?.toISOString() ?? null, to: after?.toISOString() ?? null, error: saved.error },
              notify: true,
            });
          }
        }
        return stale.length;
      });
      total += changed;
      return changed;
    });
    return total;
  }

  /**
   * Runs `batch` (one transaction over at most batchSize rows it takes FOR UPDATE SKIP LOCKED) until a batch comes
   * back short. Deadlines end with a working day and a calendar change reaches every running clock, so work comes
   * in crowds: when the first batch is full, batchesAtOnce batches run side by side, kept apart by SKIP LOCKED as
   * between servers.
   */
  private async inBatches(batch: () => Promise<number>): Promise<void> {
    if ((await batch()) < this.batchSize) return;
    await Promise.all(
      Array.from({ length: this.batchesAtOnce }, async () => {
        for (;;) if ((await batch()) < this.batchSize) return;
      }),
    );
  }

  private async transitionDue(tx: Db, round: MonitorRound): Promise<number> {
    const now = this.engine.clock.now();
    const due = await lockDueClocks(tx, now, this.batchSize);
    if (due.length === 0) return 0;
    const { calendar, revision } = await this.calendars.current(tx);
    for (const clock of due) await this.transition(tx, calendar, revision, clock, now, round);
    return due.length;
  }

  private async transition(tx: Db, calendar: BusinessCalendar, revision: number, clock: SlaClockRow, now: Date, round: MonitorRound): Promise<void> {
    const reading = readClock(calendar, clockInputOf(clock), now, { warnAt: clock.warn_at });
    if (!reading.ok) {
      await markClockUnreadable(tx, clock.id, reading.error.message);
      return;
    }
    // instantAtShare and readClock agree up to floating point: past the stored warning instant it is 临期.
    const pastWarning = clock.warn_due_at !== null && new Date(clock.warn_due_at).getTime() <= now.getTime();
    const level = reading.value.level === 'normal' && pastWarning ? 'warning' : reading.value.level;
    const updated: SlaClockRow = { ...clock };
    const event = (type: 'sla.warning' | 'sla.overdue' | 'sla.escalated', data: Record<string, unknown>) =>
      recordSlaEvent(tx, {
        instanceId: clock.instance_id,
        department: clock.department,
        at: now,
        type,
        actor: SYSTEM_ACTOR,
        elementId: clock.element_id,
        elementType: clock.subject === 'task' ? 'userTask' : 'process',
        elementInstanceId: clock.element_instance_id,
        data: {
          clockId: clock.id,
          subject: clock.subject,
          kind: clock.kind,
          label: clock.label,
          taskId: clock.task_id,
          dueAt: reading.value.dueAt.toISOString(),
          lastDay: reading.value.lastDay,
          share: round3(reading.value.share),
          remaining: round3(reading.value.remaining),
          unit: reading.value.unit,
          ...data,
        },
        notify: true,
      });

    if (LEVEL_RANK[level] > LEVEL_RANK[clock.level]) {
      if (clock.level === 'normal') {
        await event('sla.warning', { level: 'warning', warnAt: clock.warn_at });
        round.warnings++;
      }
      if (level === 'overdue') {
        await event('sla.overdue', { level: 'overdue' });
        round.overdue++;
        if (clock.supervision && clock.escalation_level === 0) {
          await this.requestSupervision(tx, calendar, updated, 1, now);
        }
      }
      updated.level = level;
    } else if (clock.level === 'overdue' && clock.supervision && clock.next_escalation_at && new Date(clock.next_escalation_at).getTime() <= now.getTime()) {
      const next = clock.escalation_level + 1;
      await event('sla.escalated', { level: 'overdue', escalationLevel: next, supervisingDepartment: clock.supervision.unit });
      round.escalations++;
      await this.requestSupervision(tx, calendar, updated, next, now);
    }
    await saveClock(tx, calendar, revision, updated);
  }

  /** Writes a 督办 request for `level` and when the next level follows. */
  private async requestSupervision(tx: Db, calendar: BusinessCalendar, clock: SlaClockRow, level: number, now: Date): Promise<void> {
    const rule = clock.supervision;
    if (!rule) return;
    await requestSupervisionLevel(tx, { instanceId: clock.instance_id, department: clock.department, clockId: clock.id, supervisingDepartment: rule.unit, level, requestedAt: now });
    clock.escalation_level = level;
    const interval = rule.intervals[level - 1];
    const from = level === 1 ? clock.due_at : clock.next_escalation_at;
    clock.next_escalation_at = null;
    if (interval && from) {
      // The deadline is 24:00 of its last day; the next level counts from the day after that day.
      const next = computeDeadline(calendar, { start: new Date(new Date(from).getTime() - 1), duration: interval });
      if (next.ok && next.value.dueAt) clock.next_escalation_at = next.value.dueAt;
    }
  }
}

function round3(value: number): number {
  return round(value);
}
