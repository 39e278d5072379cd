import { randomUUID } from 'node:crypto';
import type { MessageSubscriptionClosed, MessageSubscriptionOpened, SignalSubscriptionClosed, SignalSubscriptionOpened } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';

/**
 * Message subscriptions belong to the instance's department: a message published by that
 * department reaches them. Returns the new row's id, so that a buffered message can be
 * offered to it right after the command (engine/messaging/buffered-messages.ts).
 */
export async function openMessageSubscription(scope: InstanceScope, effect: MessageSubscriptionOpened): Promise<string> {
  const id = randomUUID();
  await scope.unit.defer({
    kind: 'insert',
    table: 'message_subscriptions',
    values: {
      id, instance_id: scope.instanceId, department: scope.department, element_instance_id: effect.elementInstanceId, element_id: effect.elementId,
      message_name: effect.messageName, correlation_key: effect.correlationKey, interrupting: effect.interrupting, created_at: scope.unit.now,
    },
  });
  return id;
}

export async function closeMessageSubscription(scope: InstanceScope, effect: MessageSubscriptionClosed): Promise<void> {
  await scope.unit.tx.query('DELETE FROM message_subscriptions WHERE instance_id = $1 AND element_instance_id = $2 AND element_id = $3', [
    scope.instanceId,
    effect.elementInstanceId,
    effect.elementId,
  ]);
}

export async function openSignalSubscription(scope: InstanceScope, effect: SignalSubscriptionOpened): Promise<void> {
  await scope.unit.defer({
    kind: 'insert',
    table: 'signal_subscriptions',
    values: {
      id: randomUUID(), instance_id: scope.instanceId, department: scope.department, element_instance_id: effect.elementInstanceId, element_id: effect.elementId,
      signal_name: effect.signalName, interrupting: effect.interrupting, created_at: scope.unit.now,
    },
  });
}

export async function closeSignalSubscription(scope: InstanceScope, effect: SignalSubscriptionClosed): Promise<void> {
  await scope.unit.tx.query('DELETE FROM signal_subscriptions WHERE instance_id = $1 AND element_instance_id = $2 AND element_id = $3', [
    scope.instanceId,
    effect.elementInstanceId,
    effect.elementId,
  ]);
}
