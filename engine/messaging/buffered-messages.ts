import { correlateMessage } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import { instanceRegionPath } from '../store/instance-region.js';
import { bufferedMessageFor, deleteBufferedMessage } from '../store/messaging/message-buffer.js';
import { messageSubscription } from '../store/messaging/message-subscriptions.js';

/**
 * A subscription was just opened: the oldest unexpired buffered message with its name and key
 * (same department) is correlated to it and consumed. SKIP LOCKED: a message another command
 * is handing out right now is not given twice. A message a region-scoped user published waits
 * for a case of their region (its region_path; '/' for the city's: every case).
 */
export async function offerBufferedMessages(runner: InstanceRunner, unit: CommandUnit, subscriptionId: string): Promise<void> {
  const { tx, now } = unit;
  const subscription = await messageSubscription(tx, subscriptionId);
  if (!subscription) return;
  const regionPath = unit.instances.get(subscription.instance_id)?.region_path ?? (await instanceRegionPath(tx, subscription.instance_id)) ?? '/';
  const message = await bufferedMessageFor(tx, subscription, now, regionPath);
  if (!message) return;
  const advanced = await runner.advance(unit, subscription.instance_id, (model, state, at, services) =>
    correlateMessage(model, state, subscription.element_instance_id, subscription.element_id, message.variables, at, services),
  );
  if (advanced.ok) await deleteBufferedMessage(tx, message.id);
}

/** Drops buffered messages whose time to live has passed; returns how many. */
