import type { Db } from '../db/index.js';
import type { ProcessModel } from '../model/index.js';
import { startEventsOf, startTimerSchedule, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner, RuntimeServices } from '../instances/instance-runner.js';
import type { DefinitionRow } from '../store/rows.js';
import { jsonb } from '../store/jsonb.js';
import { randomUUID } from 'node:crypto';
import { TIMER_ATTEMPTS } from '../store/effects/timers.js';
import type { SenderRegion } from './sender-region.js';

/**
 * Registers a newly deployed definition's message, signal and timer start events, replacing
 * those of its earlier versions: only the latest version of a process starts instances by an
 * event (instances already running keep their own version).
 */
export async function registerStartEvents(tx: Db, definition: DefinitionRow, model: ProcessModel, now: Date, services: RuntimeServices): Promise<void> {
  const earlier = `SELECT id FROM process_definitions WHERE process_id = $1 AND department = $2 AND id <> $3`;
  const params = [definition.process_id, definition.department, definition.id];
  await tx.query(`DELETE FROM start_event_subscriptions WHERE definition_id IN (${earlier})`, params);
  await tx.query(`DELETE FROM jobs WHERE kind = 'timer-start' AND definition_id IN (${earlier})`, params);
  for (const start of startEventsOf(model)) {
    const name = start.trigger === 'message' ? start.messageName : start.trigger === 'signal' ? start.signalName : undefined;
    if (!name) continue;
    await tx.query(
      'INSERT INTO start_event_subscriptions (definition_id, element_id, department, process_id, kind, name) VALUES ($1, $2, $3, $4, $5, $6)',
      [definition.id, start.elementId, definition.department, definition.process_id, start.trigger, name],
    );
  }
  for (const timer of startTimerSchedule(model, now, services)) {
    await tx.query(
      `INSERT INTO jobs (id, kind, instance_id, definition_id, department, element_id, type, state, retries, due_at, payload, created_at)
       VALUES ($1, 'timer-start', NULL, $2, $3, $4, 'timer-start', 'activatable', $8, $5, $6, $7)`,
      [randomUUID(), definition.id, definition.department, timer.elementId, new Date(timer.dueAt), jsonb({ repetitionsLeft: timer.repetitionsLeft ?? null }), now, TIMER_ATTEMPTS],
    );
  }
}

/** Starts one instance per definition (latest version) whose start event of this kind has this name (in the sender's region, if any). */
export async function startByEvent(
  runner: InstanceRunner,
  unit: CommandUnit,
  department: string,
  kind: 'message' | 'signal',
  name: string,
  variables: Variables,
  sender?: SenderRegion,
  /** Processes (BPMN ids) that already took the message: none of their start events starts another case. */
  except: ReadonlySet<string> = new Set(),
): Promise<Array<{ processInstanceId: string; processId: string }>> {
  const starts = await unit.tx.query<DefinitionRow & { element_id: string }>(
    `SELECT d.*, s.element_id FROM start_event_subscriptions s JOIN process_definitions d ON d.id = s.definition_id
     WHERE s.department = $1 AND s.kind = $2 AND s.name = $3 ORDER BY d.process_id`,
    [department, kind, name],
  );
  const started: Array<{ processInstanceId: string; processId: string }> = [];
  for (const start of starts) {
    if (except.has(start.process_id)) continue;
    const row = await runner.start(unit, { definition: start, variables, startEventId: start.element_id, ...(sender ? { region: { code: sender.code, path: sender.path } } : {}) });
    started.push({ processInstanceId: row.id, processId: start.process_id });
  }
  return started;
}
