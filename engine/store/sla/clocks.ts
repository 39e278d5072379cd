import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { jsonb } from '../jsonb.js';
import { readClock, type BusinessCalendar } from '../../time/index.js';
import { clockInputOf, type ClockSubject, type SlaClockRow, type SupervisionRule } from '../../sla/clock-row.js';
import { scheduleClock } from '../../sla/clock-schedule.js';
import type { ClockPlan } from '../../sla/sla-rules.js';
import type { CommandWrites, ReadAlong } from '../../extension.js';
import { sql } from '../sql-fragment.js';

export interface NewClock {
  instanceId: string;
  department: string;
  subject: ClockSubject;
  plan: ClockPlan;
  start: Date;
  /** A task clock's step: the task is found by it when the clock opens. */
  elementInstanceId?: string;
  elementId?: string;
  supervision?: SupervisionRule | null;
  /** Facts copied into the clock.started history event, for metrics by matter and town. */
  facts?: Record<string, unknown>;
}

/**
 * Opens clocks with their computed deadlines and records sla.clock.started (or sla.clock.error) for each: this
 * runs in every start and task creation, the hot path (issue 12). A task clock's deadline becomes its task's
 * due date unless the model set an earlier one (the inbox sorts by it); no clock opens for a task that is not there.
 *
 * When the command has yet to send its own rows (the usual case: `writes` holds the new instance and tasks),
 * the clocks, their events and the tasks' due dates travel in the command's statement, so a start stays one
 * autocommitted statement. Otherwise they go as one statement of their own that finds each task.
 */
export async function openClocks(tx: Db, calendar: BusinessCalendar, revision: number, actor: string, clocks: readonly NewClock[], writes?: CommandWrites): Promise<void> {
  if (clocks.length === 0) return;
  const records = clockRecords(calendar, clocks);
  const tasks = records.map((record) => (record.subject === 'task' ? writes?.unsentInsert(`task:${record.instance_id}:${record.element_instance_id}`) : undefined));
  if (writes && records.every((record, index) => record.subject === 'case' || tasks[index])) return deferClocks(writes, revision, records, tasks);
  await insertClocks(tx, actor, revision, records);
}

type ClockRecord = ReturnType<typeof clockRecords>[number];

const CLOCK_COLUMN_TYPES = {
  id: 'uuid', instance_id: 'uuid', department: 'text', subject: 'text', kind: 'text', principal: 'boolean', task_id: 'uuid', element_instance_id: 'text', element_id: 'text',
  label: 'text', source: 'text', start_at: 'timestamptz', duration: 'jsonb', extension_rule: 'jsonb', warn_at: 'double precision', due_at: 'timestamptz',
  warn_due_at: 'timestamptz', next_check_at: 'timestamptz', calendar_revision: 'bigint', supervision: 'jsonb', error: 'text', created_at: 'timestamptz',
};

/** The clocks as rows of the command's own statement; each task clock completes its task's pending insert. */
async function deferClocks(writes: CommandWrites, revision: number, records: readonly ClockRecord[], tasks: ReadonlyArray<Record<string, unknown> | undefined>): Promise<void> {
  const rows = records.map((record, index) => {
    const task = tasks[index];
    if (task && record.due_at && (task.due_date == null || new Date(task.due_date as string | Date) > new Date(record.due_at))) task.due_date = record.due_at;
    const data = task ? { ...record.data, taskId: task.id, taskDepartment: task.department } : record.data;
    writes.record(record.instance_id, record.department, {
      type: record.event_type,
      elementType: record.element_type,
      ...(record.element_id ? { elementId: record.element_id } : {}),
      ...(record.element_instance_id ? { elementInstanceId: record.element_instance_id } : {}),
      data,
    });
    return {
      ...record,
      task_id: task?.id ?? null,
      duration: jsonb(record.duration),
      extension_rule: jsonb(record.extension_rule),
      supervision: jsonb(record.supervision),
      calendar_revision: revision,
      created_at: record.start_at,
    };
  });
  await writes.defer({ kind: 'insertRows', table: 'sla_clocks', types: CLOCK_COLUMN_TYPES, rows });
}

/** What each new clock is: its row and its event, with the deadline computed on the calendar. */
function clockRecords(calendar: BusinessCalendar, clocks: readonly NewClock[]) {
  return clocks.map((clock, ord) => {
    const id = randomUUID();
    const schedule = scheduleClock(calendar, {
      start_at: clock.start,
      duration: clock.plan.duration,
      pauses: [],
      extensions: [],
      warn_at: clock.plan.warnAt,
      level: 'normal',
      state: 'running',
      next_escalation_at: null,
    });
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
      ...(schedule.error ? { error: schedule.error } : {}),
      ...clock.facts,
    };
    return {
      ord,
      id,
      instance_id: clock.instanceId,
      department: clock.department,
      subject: clock.subject,
      kind: clock.plan.kind,
      principal: clock.plan.principal,
      element_instance_id: clock.elementInstanceId ?? null,
      element_id: clock.elementId ?? null,
      label: clock.plan.label,
      source: clock.plan.source,
      start_at: clock.start.toISOString(),
      duration: clock.plan.duration,
      extension_rule: clock.plan.extensionRule,
      warn_at: clock.plan.warnAt,
      due_at: schedule.dueAt?.toISOString() ?? null,
      warn_due_at: schedule.warnDueAt?.toISOString() ?? null,
      next_check_at: schedule.nextCheckAt?.toISOString() ?? null,
      supervision: clock.supervision ?? null,
      error: schedule.error,
      event_type: schedule.error ? 'sla.clock.error' : 'sla.clock.started',
      element_type: clock.subject === 'task' ? 'userTask' : 'process',
      data,
    };
  });
}

/** The clocks as one statement of their own, finding each task clock's task (sent earlier in the command). */
async function insertClocks(tx: Db, actor: string, revision: number, records: readonly ClockRecord[]): Promise<void>{
  await tx.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(ord int, id uuid, instance_id uuid, department text, subject text, kind text, principal boolean,
         element_instance_id text, element_id text, label text, source text, start_at timestamptz, duration jsonb, extension_rule jsonb, warn_at double precision,
         due_at timestamptz, warn_due_at timestamptz, next_check_at timestamptz, supervision jsonb, error text, event_type text, element_type text, data jsonb)
     ),
     task AS (
       UPDATE user_tasks u SET due_date = CASE WHEN i.due_at IS NULL OR (u.due_date IS NOT NULL AND u.due_date <= i.due_at) THEN u.due_date ELSE i.due_at END
       FROM input i WHERE i.subject = 'task' AND u.instance_id = i.instance_id AND u.element_instance_id = i.element_instance_id
       RETURNING u.id, u.department, u.element_instance_id
     ),
     clock AS (
       SELECT i.*, task.id AS task_id,
         CASE WHEN task.id IS NULL THEN i.data ELSE i.data || jsonb_build_object('taskId', task.id, 'taskDepartment', task.department) END AS event_data
       FROM input i LEFT JOIN task ON i.subject = 'task' AND task.element_instance_id = i.element_instance_id
       WHERE i.subject = 'case' OR task.id IS NOT NULL
     ),
     event AS (
       INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
       SELECT instance_id, department, start_at, event_type, element_id, element_type, NULL, element_instance_id, $2, event_data FROM clock ORDER BY ord
     )
     INSERT INTO sla_clocks (id, instance_id, department, subject, kind, principal, task_id, element_instance_id, element_id, label, source, start_at, duration,
       extension_rule, warn_at, due_at, warn_due_at, next_check_at, calendar_revision, supervision, error, created_at)
     SELECT id, instance_id, department, subject, kind, principal, task_id, element_instance_id, element_id, label, source, start_at, duration,
       extension_rule, warn_at, due_at, warn_due_at, next_check_at, $3, supervision, error, start_at FROM clock ORDER BY ord`,
    [jsonb(records), actor, revision],
  );
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
  // The clocks and their sla.clock.stopped events in one statement: this runs whenever a step or a case ends.
  // The ids are also given as an array: the planner counts jsonb_to_recordset as 100 rows and, for a young
  // sla_clocks, hash-joins them over a sequential scan, a plan its prepared statement then keeps as the table
  // grows (11,064 such scans in a 2万 demo:12345 run); `c.id = ANY` keeps it to the primary key.
  const rows = stoppedClocks(calendar, clocks, at, reason).map(({ clock, schedule, data }, ord) => ({
    ord,
    id: clock.id,
    pauses: clock.pauses,
    due_at: schedule.dueAt?.toISOString() ?? null,
    warn_due_at: schedule.warnDueAt?.toISOString() ?? null,
    instance_id: clock.instance_id,
    department: clock.department,
    element_id: clock.element_id,
    element_type: clock.subject === 'task' ? 'userTask' : 'process',
    element_instance_id: clock.element_instance_id,
    data,
  }));
  await tx.query(
    `WITH v AS (
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS v(ord int, id uuid, pauses jsonb, due_at timestamptz, warn_due_at timestamptz, instance_id uuid, department text,
         element_id text, element_type text, element_instance_id text, data jsonb)
     ),
     event AS (
       INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
       SELECT instance_id, department, $1, 'sla.clock.stopped', element_id, element_type, NULL, element_instance_id, $4, data FROM v WHERE $5::boolean ORDER BY ord
     )
     UPDATE sla_clocks c SET state = 'stopped', stopped_at = $1, next_check_at = NULL, calendar_revision = $2, pauses = v.pauses, due_at = v.due_at, warn_due_at = v.warn_due_at
     FROM v WHERE c.id = v.id AND c.id = ANY ($6::uuid[])`,
    [at, revision, jsonb(rows), actor, record, rows.map((row) => row.id)],
  );
}

/** Each clock as it stops at `at`: an open pause ends with it, and its verdict (kept or missed, how much was used). */
function stoppedClocks(calendar: BusinessCalendar, clocks: readonly SlaClockRow[], at: Date, reason: string) {
  return clocks.map((clock) => {
    const pauses = clock.pauses.map((pause) => (pause.to === null ? { ...pause, to: at.toISOString() } : pause));
    const closed: SlaClockRow = { ...clock, pauses, state: 'stopped', stopped_at: at };
    const reading = readClock(calendar, clockInputOf(closed), at, { warnAt: clock.warn_at });
    const data = {
      clockId: clock.id,
      subject: clock.subject,
      kind: clock.kind,
      principal: clock.principal,
      reason,
      ...(reading.ok
        ? { onTime: reading.value.level !== 'overdue', consumed: round(reading.value.consumed), total: round(reading.value.total), unit: reading.value.unit, dueAt: reading.value.dueAt.toISOString() }
        : { error: reading.error.message }),
    };
    return { clock: closed, schedule: scheduleClock(calendar, closed), data };
  });
}

/**
 * stopClocks for clocks read without a lock (readOpenClocks), as writes of the command's own statement: each
 * stop is a check that its clock is still as read (a pause, an extension or a calendar change made meanwhile
 * fails it, and the command is retried on fresh rows), so a step's end costs no lock and no statement of its own.
 */
export async function deferStopClocks(writes: CommandWrites, calendar: BusinessCalendar, revision: number, clocks: readonly SlaClockRow[], at: Date, reason: string, record: boolean, conflict: () => Error): Promise<void> {
  const stopped = stoppedClocks(calendar, clocks, at, reason);
  for (const [index, { clock, schedule, data }] of stopped.entries()) {
    const read = clocks[index];
    await writes.defer({
      kind: 'update',
      table: 'sla_clocks',
      set: {
        state: 'stopped', stopped_at: at, next_check_at: null, calendar_revision: revision, pauses: jsonb(clock.pauses),
        due_at: schedule.dueAt?.toISOString() ?? null, warn_due_at: schedule.warnDueAt?.toISOString() ?? null,
      },
      where: { id: clock.id },
      also: sql`state = ${read.state} AND calendar_revision = ${read.calendar_revision} AND pauses = ${jsonb(read.pauses)}::jsonb AND extensions = ${jsonb(read.extensions)}::jsonb`,
      fails: conflict,
      key: `clock:${clock.id}`,
    });
    if (record) {
      writes.record(clock.instance_id, clock.department, {
        type: 'sla.clock.stopped',
        elementType: clock.subject === 'task' ? 'userTask' : 'process',
        ...(clock.element_id ? { elementId: clock.element_id } : {}),
        ...(clock.element_instance_id ? { elementInstanceId: clock.element_instance_id } : {}),
        data,
      });
    }
  }
}

/**
 * A case's open clocks and its response clock (even stopped), read with the job or task a command starts from (one
 * statement fewer at every step's end); the engine adds it to that read as `along.slaOpenClocks`.
 */
export const OPEN_CLOCKS_ALONG: ReadAlong = {
  name: 'slaOpenClocks',
  sql: `SELECT coalesce(json_agg(c ORDER BY c.created_at, c.kind), '[]'::json) FROM sla_clocks c WHERE c.instance_id = i.id AND (c.state <> 'stopped' OR c.kind = 'response')`,
};

const CLOCK_TIMES = ['start_at', 'due_at', 'warn_due_at', 'stopped_at', 'next_check_at', 'next_escalation_at', 'created_at'] as const;

/** A case's open clocks as committed, without a lock (see deferStopClocks): as read along with the command's job or task, else now. */
export async function readOpenClocks(writes: CommandWrites, instanceId: string): Promise<SlaClockRow[]> {
  const along = clocksReadAlong(writes, instanceId);
  if (along) return along.filter((clock) => clock.state !== 'stopped');
  return writes.readCommitted<SlaClockRow>(`SELECT * FROM sla_clocks WHERE instance_id = $1 AND state <> 'stopped' ORDER BY created_at, kind`, [instanceId]);
}

function clocksReadAlong(writes: CommandWrites, instanceId: string): SlaClockRow[] | undefined {
  const along = writes.readAlong(OPEN_CLOCKS_ALONG.name, instanceId);
  return Array.isArray(along) ? along.map((json: Record<string, unknown>) => clockFromJson(json)) : undefined;
}

/** A clock row read as JSON (timestamps arrive as text) as the driver would have given it. */
function clockFromJson(json: Record<string, unknown>): SlaClockRow {
  const row = { ...json };
  for (const field of CLOCK_TIMES) row[field] = row[field] == null ? null : new Date(row[field] as string);
  return row as unknown as SlaClockRow;
}

/** readOpenClocks and the case's response clock even when stopped: whether a first response was already counted. */
export async function readClocksAndResponse(writes: CommandWrites, instanceId: string): Promise<SlaClockRow[]> {
  const along = clocksReadAlong(writes, instanceId);
  if (along) return along;
  return writes.readCommitted<SlaClockRow>(`SELECT * FROM sla_clocks WHERE instance_id = $1 AND (state <> 'stopped' OR kind = 'response') ORDER BY created_at, kind`, [instanceId]);
}

/** A case's open clocks (of one subject, or all), locked for the transaction: a pause, an extension or a stop changes them next. */
export async function lockOpenClocks(tx: Db, instanceId: string, subject?: ClockSubject): Promise<SlaClockRow[]> {
  return tx.query<SlaClockRow>(
    `SELECT * FROM sla_clocks WHERE instance_id = $1 AND state <> 'stopped' AND ($2::text IS NULL OR subject = $2) ORDER BY created_at, kind FOR UPDATE`,
    [instanceId, subject ?? null],
  );
}

/** A clock's share or amount as reported: three decimals, so events and metrics agree on the same figure. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
