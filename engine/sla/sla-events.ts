import type { Db } from '../db/index.js';
import { jsonb } from '../store/jsonb.js';

/** SLA event types: each is a history row of the case and, when `notify`, an entry of the notification feed. */
export type SlaEventType =
  | 'sla.clock.started'
  | 'sla.clock.paused'
  | 'sla.clock.resumed'
  | 'sla.clock.extended'
  | 'sla.clock.stopped'
  | 'sla.clock.error'
  | 'sla.deadline.recomputed'
  | 'sla.warning'
  | 'sla.overdue'
  | 'sla.escalated'
  | 'sla.supervision.started'
  | 'sla.extension.requested'
  | 'sla.extension.rejected'
  | 'case.evaluated'
  | 'case.reopened'
  | 'case.reopen.started'
  | 'case.rectification.opened'
  | 'case.rectification.closed'
  | 'case.ruling.decided';

export interface SlaEvent {
  instanceId: string;
  department: string;
  at: Date;
  type: SlaEventType;
  actor: string | null;
  elementId?: string | null;
  elementType?: string | null;
  elementName?: string | null;
  elementInstanceId?: string | null;
  data: Record<string, unknown>;
  /** Also publish it on the notification feed and to the webhooks that want it. */
  notify?: boolean;
}

/**
 * Appends an SLA event to the case's history (the auditable trail metrics are computed from) and, for
 * notifications, to the feed plus one pending delivery per matching webhook: an outbox written in the same
 * transaction, so an event is published if and only if it happened. A webhook registered by a region-scoped user
 * gets only the events of cases within that region (its region_path; '/' for the city: all).
 */
export async function recordSlaEvent(tx: Db, event: SlaEvent): Promise<void> {
  await tx.query(
    `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [event.instanceId, event.department, event.at, event.type, event.elementId ?? null, event.elementType ?? null, event.elementName ?? null, event.elementInstanceId ?? null, event.actor, jsonb(event.data)],
  );
  if (!event.notify) return;
  const payload = { ...event.data, ...(event.elementId ? { elementId: event.elementId } : {}), ...(event.elementName ? { elementName: event.elementName } : {}) };
  const [{ seq }] = await tx.query<{ seq: string | number }>(
    'INSERT INTO sla_notifications (instance_id, department, type, at, data) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
    [event.instanceId, event.department, event.type, event.at, jsonb(payload)],
  );
  await tx.query(
    `INSERT INTO sla_webhook_deliveries (id, webhook_id, notification_seq, instance_id, department, state, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), w.id, $1, $2, $3, 'pending', 0, $5, $5 FROM sla_webhooks w
     WHERE w.disabled_at IS NULL AND (w.all_departments OR w.department = $3) AND (cardinality(w.events) = 0 OR $4 = ANY (w.events))
       AND (w.region_path = '/' OR EXISTS (SELECT 1 FROM process_instances i WHERE i.id = $2 AND starts_with(i.region_path, w.region_path)))`,
    [seq, event.instanceId, event.department, event.type, event.at],
  );
}
