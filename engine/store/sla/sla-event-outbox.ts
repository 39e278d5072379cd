import type { Db } from '../../db/index.js';
import { jsonb } from '../jsonb.js';

/**
 * Where an SLA event is written: the case's history row, and for a notification its feed entry and one pending
 * delivery per webhook that wants it (an outbox in the event's own transaction).
 */

/** An SLA event as a row of the case's history (the trail metrics are computed from). */
export async function insertSlaHistoryEvent(
  tx: Db,
  event: { instanceId: string; department: string; at: Date; type: string; elementId: string | null; elementType: string | null; elementName: string | null; elementInstanceId: string | null; actor: string | null; data: Record<string, unknown> },
): Promise<void> {
  await tx.query(
    `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [event.instanceId, event.department, event.at, event.type, event.elementId, event.elementType, event.elementName, event.elementInstanceId, event.actor, jsonb(event.data)],
  );
}

/** A notification feed entry (its position is given later, when the feed publishes it); its sequence number. */
export async function insertSlaNotification(tx: Db, notification: { instanceId: string; department: string; type: string; at: Date; payload: Record<string, unknown> }): Promise<string | number> {
  const [{ seq }] = await tx.query<{ seq: string | number }>('INSERT INTO sla_notifications (instance_id, department, type, at, data) VALUES ($1, $2, $3, $4, $5) RETURNING seq', [
    notification.instanceId,
    notification.department,
    notification.type,
    notification.at,
    jsonb(notification.payload),
  ]);
  return seq;
}

/**
 * One pending delivery of a notification per enabled webhook that wants its type and sees its case: the webhook's
 * department (or all departments), and for a region-scoped webhook only cases within its region_path ('/' for the city).
 */
export async function queueWebhookDeliveries(tx: Db, notification: { seq: string | number; instanceId: string; department: string; type: string; at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO sla_webhook_deliveries (id, webhook_id, notification_seq, instance_id, department, state, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), w.id, $1, $2, $3, 'pending', 0, $5, $5 FROM sla_webhooks w
     WHERE w.disabled_at IS NULL AND (w.all_departments OR w.department = $3) AND (cardinality(w.events) = 0 OR $4 = ANY (w.events))
       AND (w.region_path = '/' OR EXISTS (SELECT 1 FROM process_instances i WHERE i.id = $2 AND starts_with(i.region_path, w.region_path)))`,
    [notification.seq, notification.instanceId, notification.department, notification.type, notification.at],
  );
}
