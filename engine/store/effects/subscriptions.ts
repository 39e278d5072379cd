import { randomUUID } from 'node:crypto';
import type { MessageSubscriptionClosed, MessageSubscriptionOpened, SignalSubscriptionClosed, SignalSubscriptionOpened } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';
import { GUARD } from '../../instances/deferred-writes.js';

/**
 * Message subscriptions belong to the instance's department: a message published by that
 * department reaches them. Returns the new row's id, so that a buffered message can be
 * offered to it right after the command (engine/messaging/buffered-messages.ts).
 */
export async function openMessageSubscription(scope: InstanceScope, effect: MessageSubscriptionOpened): Promise<string> {
  const id = randomUUID();
  await scope.unit.defer({
    sql: `INSERT INTO message_subscriptions (id, instance_id, department, element_instance_id, element_id, message_name, correlation_key, interrupting, created_at)
          SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE ${GUARD}`,
    params: [id, scope.instanceId, scope.department, effect.elementInstanceId, effect.elementId, effect.messageName, effect.correlationKey, effect.interrupting, scope.unit.now],
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
    sql: `INSERT INTO signal_subscriptions (id, instance_id, department, element_instance_id, element_id, signal_name, interrupting, created_at)
          SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE ${GUARD}`,
    params: [randomUUID(), scope.instanceId, scope.department, effect.elementInstanceId, effect.elementId, effect.signalName, effect.interrupting, scope.unit.now],
  });
}

export async function closeSignalSubscription(scope: InstanceScope, effect: SignalSubscriptionClosed): Promise<void> {
  await scope.unit.tx.query('DELETE FROM signal_subscriptions WHERE instance_id = $1 AND element_instance_id = $2 AND element_id = $3', [
    scope.instanceId,
    effect.elementInstanceId,
    effect.elementId,
  ]);
}
