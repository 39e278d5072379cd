import type { Db } from '../db/index.js';
import type { ProcessModel } from '../model/index.js';
import { startEventsOf, startTimerSchedule, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner, RuntimeServices } from '../instances/instance-runner.js';
import type { DefinitionRow, InstanceRow } from '../store/rows.js';
import { definitionsStartedBy, dropEarlierStartEvents, insertStartEventSubscription, insertStartTimer } from '../store/messaging/start-event-subscriptions.js';
import { activeMessageStart, waitingStartMessage } from '../store/messaging/message-starts.js';
import { deleteBufferedMessage } from '../store/messaging/message-buffer.js';
import type { SenderRegion } from './sender-region.js';
import { regionCodeOf } from '../staff/access.js';
import { EngineError } from '../errors.js';

/**
 * Registers a newly deployed definition's message, signal and timer start events, replacing
 * those of its earlier versions: only the latest version of a process starts instances by an
 * event (instances already running keep their own version).
 */
export async function registerStartEvents(tx: Db, definition: DefinitionRow, model: ProcessModel, now: Date, services: RuntimeServices): Promise<void> {
  await dropEarlierStartEvents(tx, definition);
  for (const start of startEventsOf(model)) {
    const name = start.trigger === 'message' ? start.messageName : start.trigger === 'signal' ? start.signalName : undefined;
    if (!name) continue;
    await insertStartEventSubscription(tx, definition, { elementId: start.elementId, kind: start.trigger, name });
  }
  const schedule = startTimerSchedule(model, now, services);
  // Engine.deploy refuses these before it writes anything; a start event is never skipped.
  if (schedule.problems.length > 0) throw new EngineError('invalid', 'The model cannot be deployed', '模型无法部署', schedule.problems);
  for (const timer of schedule.timers) {
    await insertStartTimer(tx, definition, { elementId: timer.elementId, dueAt: new Date(timer.dueAt), repetitionsLeft: timer.repetitionsLeft ?? null }, now);
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
  const starts = await definitionsStartedBy(unit.tx, department, kind, name);
  const started: Array<{ processInstanceId: string; processId: string }> = [];
  for (const start of starts) {
    if (except?.has(start.process_id)) continue;
    // Camunda 8: "if an instance of this process is active (independently from its version) and it was triggered by a
    // message with the same correlationKey, the message is not correlated and no new instance is created".
    if (correlationKey && (await activeMessageStart(unit.tx, department, start.process_id, correlationKey))) {
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
 * A case started by a message has ended: the oldest unexpired buffered message with its key that one of its process's
 * message start events takes (latest version) starts the next case, and is consumed (Camunda 8: a buffered message
 * "is correlated after the active instance ends").
 */
export async function startWaitingMessage(runner: InstanceRunner, unit: CommandUnit, ended: InstanceRow): Promise<void> {
  const waiting = await waitingStartMessage(unit.tx, ended, unit.now);
  if (!waiting) return;
  const { element_id, message_id, message_variables, message_region, ...definition } = waiting;
  await deleteBufferedMessage(unit.tx, message_id);
  await runner.start(unit, {
    definition,
    variables: message_variables ?? {},
    startEventId: element_id,
    startCorrelationKey: ended.start_correlation_key!,
    ...(message_region !== '/' ? { region: { code: regionCodeOf(message_region), path: message_region } } : {}),
  });
}
