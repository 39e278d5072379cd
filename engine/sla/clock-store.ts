import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { jsonb } from '../store/jsonb.js';
import { readClock, type BusinessCalendar } from '../time/index.js';
import { clockInputOf, type ClockSubject, type SlaClockRow, type SupervisionRule } from './clock-row.js';
import { scheduleClock } from './clock-schedule.js';
import { recordSlaEvent } from './sla-events.js';
import type { ClockPlan } from './sla-rules.js';

export interface NewClock {
  instanceId: string;
  department: string;
  subject: ClockSubject;
  plan: ClockPlan;
  start: Date;
  taskId?: string;
  elementInstanceId?: string;
  elementId?: string;
  supervision?: SupervisionRule | null;
  /** Facts copied into the clock.started history event, for metrics by matter and town. */
  facts?: Record<string, unknown>;
}

/** Inserts a clock with its computed deadline and records sla.clock.started (or sla.clock.error). */
export async function insertClock(tx: Db, calendar: BusinessCalendar, revision: number, actor: string, clock: NewClock): Promise<SlaClockRow> {
  const id = randomUUID();
  const base = {
    start_at: clock.start,
    duration: clock.plan.duration,
    pauses: [],
    extensions: [],
    warn_at: clock.plan.warnAt,
    level: 'normal' as const,
    state: 'running' as const,
    next_escalation_at: null,
  };
  const schedule = scheduleClock(calendar, base);
  const data = {
    clockId: id,
    subject: clock.subject,
    kind: clock.plan.kind,
    principal: clock.plan.principal,
    label: clock.plan.label,
    source: clock.plan.source,
    start: clock.start.toISOString(),
    duration: clock.plan.duration,
    warnAt: clock.plan.warnAt,
    dueAt: schedule.dueAt?.toISOString() ?? null,
    ...(clock.taskId ? { taskId: clock.taskId } : {}),
    ...(schedule.error ? { error: schedule.error } : {}),
    ...clock.facts,
  };
  // The clock and its sla.clock.started history row in one round trip: this runs in every start and task creation.
  const [row] = await tx.query<SlaClockRow>(
    `WITH event AS (
       INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
       VALUES ($2, $3, $12, $22, $9, $23, NULL, $8, $24, $25)
     )
     INSERT INTO sla_clocks (id, instance_id, department, subject, kind, principal, task_id, element_instance_id, element_id, label, source, start_at, duration,
       extension_rule, warn_at, due_at, warn_due_at, next_check_at, calendar_revision, supervision, error, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $12) RETURNING *`,
    [
      id,
      clock.instanceId,
      clock.department,
      clock.subject,
      clock.plan.kind,
      clock.plan.principal,
      clock.taskId ?? null,
      clock.elementInstanceId ?? null,
      clock.elementId ?? null,
      clock.plan.label,
      clock.plan.source,
      clock.start,
      jsonb(clock.plan.duration),
      jsonb(clock.plan.extensionRule),
      clock.plan.warnAt,
      schedule.dueAt,
      schedule.warnDueAt,
      schedule.nextCheckAt,
      revision,
      jsonb(clock.supervision ?? null),
      schedule.error,
      schedule.error ? 'sla.clock.error' : 'sla.clock.started',
      clock.subject === 'task' ? 'userTask' : 'process',
      actor,
      jsonb(data),
    ],
  );
  return row;
}

/** Writes a clock's changed input and recomputed instants. */
export async function saveClock(tx: Db, calendar: BusinessCalendar, revision: number, clock: SlaClockRow): Promise<SlaClockRow> {
  const schedule = scheduleClock(calendar, clock);
  const [row] = await tx.query<SlaClockRow>(
    `UPDATE sla_clocks SET pauses = $2, extensions = $3, level = $4, state = $5, stopped_at = $6, due_at = $7, warn_due_at = $8, next_check_at = $9,
       calendar_revision = $10, escalation_level = $11, next_escalation_at = $12, error = $13
     WHERE id = $1 RETURNING *`,
    [
      clock.id,
      jsonb(clock.pauses),
      jsonb(clock.extensions),
      clock.level,
      clock.state,
      clock.stopped_at,
      schedule.dueAt,
      schedule.warnDueAt,
      schedule.nextCheckAt,
      revision,
      clock.escalation_level,
      clock.next_escalation_at,
      schedule.error,
    ],
  );
  return row;
}

/**
 * Stops clocks when their case or task ends (one UPDATE for all of them); an open pause ends with them. Each
 * records whether its limit was kept and how much of it was used (sla.clock.stopped), read from the same
 * calendar arithmetic as the deadline. When the instance itself ended, nothing is appended after its
 * instance.* event (the trail ends there): the verdict stays on the clock row and metrics recompute it.
 */
export async function stopClocks(tx: Db, calendar: BusinessCalendar, revision: number, clocks: readonly SlaClockRow[], at: Date, actor: string, reason: string, record = true): Promise<void> {
  if (clocks.length === 0) return;
  const stopped = clocks.map((clock) => {
    const pauses = clock.pauses.map((pause) => (pause.to === null ? { ...pause, to: at.toISOString() } : pause));
    const closed: SlaClockRow = { ...clock, pauses, state: 'stopped', stopped_at: at };
    return { clock: closed, schedule: scheduleClock(calendar, closed), reading: readClock(calendar, clockInputOf(closed), at, { warnAt: clock.warn_at }) };
  });
  await tx.query(
    `UPDATE sla_clocks c SET state = 'stopped', stopped_at = $1, next_check_at = NULL, calendar_revision = $2, pauses = v.pauses::jsonb, due_at = v.due_at, warn_due_at = v.warn_due_at
     FROM (SELECT unnest($3::uuid[]) AS id, unnest($4::text[]) AS pauses, unnest($5::timestamptz[]) AS due_at, unnest($6::timestamptz[]) AS warn_due_at) v
     WHERE c.id = v.id`,
    [at, revision, stopped.map(({ clock }) => clock.id), stopped.map(({ clock }) => JSON.stringify(clock.pauses)), stopped.map(({ schedule }) => schedule.dueAt), stopped.map(({ schedule }) => schedule.warnDueAt)],
  );
  if (!record) return;
  for (const { clock, reading } of stopped) {
    await recordSlaEvent(tx, {
      instanceId: clock.instance_id,
      department: clock.department,
      at,
      type: 'sla.clock.stopped',
      actor,
      elementId: clock.element_id,
      elementType: clock.subject === 'task' ? 'userTask' : 'process',
      elementInstanceId: clock.element_instance_id,
      data: {
        clockId: clock.id,
        subject: clock.subject,
        kind: clock.kind,
        principal: clock.principal,
        reason,
        ...(reading.ok
          ? { onTime: reading.value.level !== 'overdue', consumed: round(reading.value.consumed), total: round(reading.value.total), unit: reading.value.unit, dueAt: reading.value.dueAt.toISOString() }
          : { error: reading.error.message }),
      },
    });
  }
}

export async function lockOpenClocks(tx: Db, instanceId: string, subject?: ClockSubject): Promise<SlaClockRow[]> {
  return tx.query<SlaClockRow>(
    `SELECT * FROM sla_clocks WHERE instance_id = $1 AND state <> 'stopped' AND ($2::text IS NULL OR subject = $2) ORDER BY created_at, kind FOR UPDATE`,
    [instanceId, subject ?? null],
  );
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
