import { triggerSignal, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import { startByEvent } from './start-events.js';

export interface BroadcastResult {
  /** Subscriptions (signal catch, boundary and event-subprocess events) that received the signal. */
  triggered: Array<{ processInstanceId: string; elementId: string }>;
  started: Array<{ processInstanceId: string; processId: string }>;
}

/**
 * Broadcasts a signal to its department only. Signals do not cross departments: a department is
 * the isolation boundary of every case (and the distribution key, D9), and a broadcast that
 * could move another department's cases would let one department act inside another's work.
 * Departments that cooperate do so through messages to a named case, or an administrator.
 * The subscriptions are read once, before delivery, so an instance started by this signal
 * does not receive it again.
 */
export async function broadcastSignal(runner: InstanceRunner, unit: CommandUnit, department: string, name: string, variables: Variables): Promise<BroadcastResult> {
  const subscriptions = await unit.tx.query<{ instance_id: string; element_instance_id: string; element_id: string }>(
    'SELECT instance_id, element_instance_id, element_id FROM signal_subscriptions WHERE department = $1 AND signal_name = $2 ORDER BY position',
    [department, name],
  );
  const result: BroadcastResult = { triggered: [], started: [] };
  for (const subscription of subscriptions) {
    const advanced = await runner.advance(unit, subscription.instance_id, (model, state, now, services) =>
      triggerSignal(model, state, subscription.element_instance_id, subscription.element_id, variables, now, services),
    );
    if (advanced.ok) result.triggered.push({ processInstanceId: subscription.instance_id, elementId: subscription.element_id });
  }
  result.started = await startByEvent(runner, unit, department, 'signal', name, variables);
  return result;
}
