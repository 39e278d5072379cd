import type { Db } from '../db/index.js';
import { correlateMessage, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';

/**
 * A subscription was just opened: the oldest unexpired buffered message with its name and key
 * (same department) is correlated to it and consumed. SKIP LOCKED: a message another command
 * is handing out right now is not given twice. A message a region-scoped user published waits
 * for a case of their region (its region_path; '/' for the city's: every case).
 */
export async function offerBufferedMessages(runner: InstanceRunner, unit: CommandUnit, subscriptionId: string): Promise<void> {
  const { tx, now } = unit;
  const [subscription] = await tx.query<{ instance_id: string; department: string; element_instance_id: string; element_id: string; message_name: string; correlation_key: string }>(
    'SELECT * FROM message_subscriptions WHERE id = $1',
    [subscriptionId],
  );
  if (!subscription) return;
  const regionPath =
    unit.instances.get(subscription.instance_id)?.region_path ??
    (await tx.query<{ region_path: string }>('SELECT region_path FROM process_instances WHERE id = $1', [subscription.instance_id]))[0]?.region_path ??
    '/';
  const [message] = await tx.query<{ id: string; variables: Variables }>(
    `SELECT id, variables FROM message_buffer WHERE department = $1 AND name = $2 AND correlation_key = $3 AND expires_at > $4 AND starts_with($5, region_path)
     ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [subscription.department, subscription.message_name, subscription.correlation_key, now, regionPath],
  );
  if (!message) return;
  const advanced = await runner.advance(unit, subscription.instance_id, (model, state, at, services) =>
    correlateMessage(model, state, subscription.element_instance_id, subscription.element_id, message.variables, at, services),
  );
  if (advanced.ok) await tx.query('DELETE FROM message_buffer WHERE id = $1', [message.id]);
}

/** Drops buffered messages whose time to live has passed; returns how many. */
export async function expireBufferedMessages(db: Db, now: Date): Promise<number> {
  const rows = await db.query('DELETE FROM message_buffer WHERE expires_at <= $1 RETURNING id', [now]);
  return rows.length;
}
