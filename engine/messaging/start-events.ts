import type { Db } from '../db/index.js';
import type { ProcessModel } from '../model/index.js';
import { startEventsOf, startTimerSchedule, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner, RuntimeServices } from '../instances/instance-runner.js';
import type { DefinitionRow, InstanceRow } from '../store/rows.js';
import { jsonb } from '../store/jsonb.js';
import { randomUUID } from 'node:crypto';
import { TIMER_ATTEMPTS } from '../store/effects/timers.js';
import type { SenderRegion } from './sender-region.js';
import { regionCodeOf } from '../staff/access.js';
import { EngineError } from '../errors.js';

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
  const schedule = startTimerSchedule(model, now, services);
  // Engine.deploy refuses these before it writes anything; a start event is never skipped.
  if (schedule.problems.length > 0) throw new EngineError('invalid', 'The model cannot be deployed', '模型无法部署', schedule.problems);
  for (const timer of schedule.timers) {
    await tx.query(
      `INSERT INTO jobs (id, kind, instance_id, definition_id, department, element_id, type, state, retries, due_at, payload, created_at)
       VALUES ($1, 'timer-start', NULL, $2, $3, $4, 'timer-start', 'activatable', $8, $5, $6, $7)`,
      [randomUUID(), definition.id, definition.department, timer.elementId, new Date(timer.dueAt), jsonb({ repetitionsLeft: timer.repetitionsLeft ?? null }), now, TIMER_ATTEMPTS],
    );
  }
}

/** What a publication may start: the sender's region, the processes that already took it, and the message's key. */
export interface EventStartOptions {
  sender?: SenderRegion;
  /** Processes (BPMN ids) that already took the message: none of their start events starts another case. */
  except?: ReadonlySet<string>;
  /** A message's correlation key: while a case its process started with this key is active, it starts no other. */
  correlationKey?: string;
  /** Filled with the processes that did not start because such a case is active. */
  blocked?: string[];
}

/** Starts one instance per definition (latest version) whose start event of this kind has this name (in the sender's region, if any). */
export async function startByEvent(
  runner: InstanceRunner,
  unit: CommandUnit,
  department: string,
  kind: 'message' | 'signal',
  name: string,
  variables: Variables,
  options: EventStartOptions = {},
): Promise<Array<{ processInstanceId: string; processId: string }>> {
  const { sender, except, correlationKey } = options;
  const starts = await unit.tx.query<DefinitionRow & { element_id: string }>(
    `SELECT d.*, s.element_id FROM start_event_subscriptions s JOIN process_definitions d ON d.id = s.definition_id
     WHERE s.department = $1 AND s.kind = $2 AND s.name = $3 ORDER BY d.process_id`,
    [department, kind, name],
  );
  const started: Array<{ processInstanceId: string; processId: string }> = [];
  for (const start of starts) {
    if (except?.has(start.process_id)) continue;
    if (correlationKey && (await activeMessageStart(unit, department, start.process_id, correlationKey))) {
      options.blocked?.push(start.process_id);
      continue;
    }
    const row = await runner.start(unit, {
      definition: start,
      variables,
      startEventId: start.element_id,
      ...(sender ? { region: { code: sender.code, path: sender.path } } : {}),
      ...(correlationKey ? { startCorrelationKey: correlationKey } : {}),
    });
    started.push({ processInstanceId: row.id, processId: start.process_id });
  }
  return started;
}

/**
 * Camunda 8: "if an instance of this process is active (independently from its version) and it was triggered by a
 * message with the same correlationKey, the message is not correlated and no new instance is created".
 */
async function activeMessageStart(unit: CommandUnit, department: string, processId: string, correlationKey: string): Promise<boolean> {
  const rows = await unit.tx.query(
    'SELECT 1 FROM process_instances WHERE department = $1 AND process_id = $2 AND start_correlation_key = $3 AND ended_at IS NULL LIMIT 1',
    [department, processId, correlationKey],
  );
  return rows.length > 0;
}

/**
 * A case started by a message has ended: the oldest unexpired buffered message with its key that one of its process's
 * message start events takes (latest version) starts the next case, and is consumed (Camunda 8: a buffered message
 * "is correlated after the active instance ends").
 */
export async function startWaitingMessage(runner: InstanceRunner, unit: CommandUnit, ended: InstanceRow): Promise<void> {
  const [waiting] = await unit.tx.query<DefinitionRow & { element_id: string; message_id: string; message_variables: Variables; message_region: string }>(
    `SELECT d.*, s.element_id, b.id AS message_id, b.variables AS message_variables, b.region_path AS message_region
     FROM message_buffer b
     JOIN start_event_subscriptions s ON s.department = b.department AND s.kind = 'message' AND s.name = b.name
     JOIN process_definitions d ON d.id = s.definition_id
     WHERE b.department = $1 AND b.correlation_key = $2 AND b.expires_at > $3 AND d.process_id = $4
     ORDER BY b.position LIMIT 1 FOR UPDATE OF b SKIP LOCKED`,
    [ended.department, ended.start_correlation_key, unit.now, ended.process_id],
  );
  if (!waiting) return;
  const { element_id, message_id, message_variables, message_region, ...definition } = waiting;
  await unit.tx.query('DELETE FROM message_buffer WHERE id = $1', [message_id]);
  await runner.start(unit, {
    definition,
    variables: message_variables ?? {},
    startEventId: element_id,
    startCorrelationKey: ended.start_correlation_key!,
    ...(message_region !== '/' ? { region: { code: regionCodeOf(message_region), path: message_region } } : {}),
  });
}
