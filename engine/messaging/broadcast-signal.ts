import { triggerSignal, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import { startByEvent } from './start-events.js';
import type { SenderRegion } from './sender-region.js';
import { signalSubscriptions, type SignalReceiver } from '../store/messaging/signal-subscriptions.js';

export interface BroadcastResult {
  /** Subscriptions (signal catch, boundary and event-subprocess events) that received the signal. */
  triggered: Array<{ processInstanceId: string; elementId: string }>;
  started: Array<{ processInstanceId: string; processId: string }>;
}

/** A signal subscription as read when the signal was thrown (store/messaging/signal-subscriptions.ts). */
export type { SignalReceiver };

/**
 * The subscriptions open for a signal right now. Signals are not stored (BPMN 2.0 §10.4.5): a
 * signal reaches the catch events that are waiting when it is thrown, so the receivers are read
 * at that moment, and a catch event opened afterwards (even in the same command) misses it.
 */
export async function signalReceivers(unit: CommandUnit, department: string, name: string, sender?: SenderRegion): Promise<SignalReceiver[]> {
  return signalSubscriptions(unit.tx, department, name, sender?.actor);
}

/**
 * Broadcasts a signal to its department only. Signals do not cross departments: a department is
 * the isolation boundary of every case (and the distribution key, D9), and a broadcast that
 * could move another department's cases would let one department act inside another's work.
 * Departments that cooperate do so through messages to a named case, or an administrator.
 * `receivers` are the subscriptions open when the signal was thrown (read now when not given);
 * one closed since then is skipped, and an instance started by this signal does not receive it. A region-scoped
 * user's signal (`sender`) reaches only the cases of their region, and starts its cases there.
 */
export async function broadcastSignal(
  runner: InstanceRunner,
  unit: CommandUnit,
  department: string,
  name: string,
  variables: Variables,
  receivers?: readonly SignalReceiver[],
  sender?: SenderRegion,
): Promise<BroadcastResult> {
  const subscriptions = receivers ?? (await signalReceivers(unit, department, name, sender));
  const result: BroadcastResult = { triggered: [], started: [] };
  for (const subscription of subscriptions) {
    const advanced = await runner.advance(unit, subscription.instance_id, (model, state, now, services) =>
      triggerSignal(model, state, subscription.element_instance_id, subscription.element_id, variables, now, services),
    );
    if (advanced.ok) result.triggered.push({ processInstanceId: subscription.instance_id, elementId: subscription.element_id });
  }
  result.started = await startByEvent(runner, unit, department, 'signal', name, variables, sender ? { sender } : {});
  return result;
}
